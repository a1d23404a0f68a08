// ImClient: the TypeScript client SDK. One WebSocket, MessagePack frames (docs/protocol.md):
// connect, login (rejects with ImError carrying the server's code), request/reply correlation with
// timeouts, heartbeats at the interval the server asks for, and events for kicks, drains, pushes
// and the close. Runtime-neutral: no node:* imports; the WebSocket constructor is injectable.
// A client is single-use: after the close, make a new one to reconnect.
import { ImError } from '../lib/errors.js';
import { CloseCode } from '../protocol/close-codes.js';
import { decodeServerFrame, encodeRequestFrame } from '../protocol/codec.js';
import { Err } from '../protocol/error-codes.js';
import { ProtocolError, type HeartbeatResult, type LoginParams, type LoginResult, type ServerFrame } from '../protocol/frames.js';
import { DEFAULT_MAX_FRAME_BYTES, DEFAULT_REQUEST_TIMEOUT_MS } from '../protocol/limits.js';
import { Op } from '../protocol/ops.js';
import { Emitter, type Listener } from './emitter.js';
import { PendingRequests } from './pending.js';
import { SocialApi } from './social.js';
import { C2cApi } from './c2c.js';
import { PushApi } from './push.js';
import { GroupsApi } from './groups.js';
import { RoomApi } from './rooms.js';
import type { ClientState, ImClientEvents, ImClientOptions, WebSocketCtor, WebSocketLike } from './types.js';

const FIRST_PUSH_OP = 200;

export class ImClient {
  private ws: WebSocketLike | undefined;
  private readonly events = new Emitter<ImClientEvents>();
  private readonly pending = new PendingRequests();
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private current: ClientState = 'idle';
  private session: LoginResult | undefined;
  /** Profiles, friends, requests, friend lists, blocklist, change sync (docs/protocol.md §3.1). */
  readonly social: SocialApi = new SocialApi((op, payload, o) => this.request(op, payload, o));

  /** One-to-one messages and the conversation list (docs/protocol.md §4). */
  readonly c2c: C2cApi = new C2cApi((op, payload, o) => this.request(op, payload, o));

  /** Groups: membership, messages, reads, joined list and members (docs/protocol.md §3.5). */
  readonly groups: GroupsApi = new GroupsApi((op, payload, o) => this.request(op, payload, o));

  /** This device's push token and per-conversation do-not-disturb. */
  readonly push: PushApi = new PushApi((op, payload, o) => this.request(op, payload, o));

  /** Live rooms (AVChatRoom): this connection joins or leaves; messages come as groupMessage. */
  readonly rooms: RoomApi = new RoomApi((op, payload, o) => this.request(op, payload, o));

  constructor(private readonly opts: ImClientOptions = {}) {}

  get state(): ClientState {
    return this.current;
  }

  /** The login reply while logged in. */
  get loggedIn(): LoginResult | undefined {
    return this.session;
  }

  on<K extends keyof ImClientEvents>(event: K, fn: Listener<ImClientEvents[K]>): () => void {
    return this.events.on(event, fn);
  }

  /** Opens the socket; rejects with NET_DISCONNECTED when it cannot. */
  connect(url: string): Promise<void> {
    if (this.current !== 'idle') return Promise.reject(new ImError(Err.NET_ALREADY_CONNECTED, `client is ${this.current}; make a new one to reconnect`));
    const Ctor = this.opts.WebSocket ?? (globalThis as { WebSocket?: WebSocketCtor }).WebSocket;
    if (!Ctor) return Promise.reject(new ImError(Err.INVALID_PARAMETERS, 'no WebSocket available: pass options.WebSocket'));
    this.current = 'connecting';
    const ws = new Ctor(url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    return new Promise((resolve, reject) => {
      ws.addEventListener('open', () => {
        this.current = 'open';
        resolve();
      });
      ws.addEventListener('error', () => {
        if (this.current === 'connecting') reject(new ImError(Err.NET_DISCONNECTED, `cannot connect to ${url}`));
      });
      ws.addEventListener('message', (ev) => this.onMessage(ev.data));
      ws.addEventListener('close', (ev) => {
        if (this.current === 'connecting') reject(new ImError(Err.NET_DISCONNECTED, `connection to ${url} closed (${ev.code})`));
        this.onClose(ev.code, ev.reason);
      });
    });
  }

  /** Logs in; starts heartbeats. Rejects with ImError(code) for refused signatures (70xxx) etc. */
  async login(params: LoginParams, opts?: { timeoutMs?: number }): Promise<LoginResult> {
    const result = await this.request<LoginResult>(Op.LOGIN, params, opts);
    this.session = result;
    this.startHeartbeat(this.opts.heartbeatMs ?? result.heartbeatMs);
    return result;
  }

  /** Logs out; the server then closes the socket (code 1000). */
  async logout(opts?: { timeoutMs?: number }): Promise<void> {
    this.stopHeartbeat();
    await this.request(Op.LOGOUT, undefined, opts);
    this.session = undefined;
  }

  heartbeat(opts?: { timeoutMs?: number }): Promise<HeartbeatResult> {
    return this.request<HeartbeatResult>(Op.HEARTBEAT, undefined, opts);
  }

  /** Sends {op, id, d} and resolves with the REPLY's data when its code is 0; otherwise rejects
   *  with ImError(code, message). */
  async request<T = unknown>(op: number, payload?: unknown, opts?: { timeoutMs?: number }): Promise<T> {
    const ws = this.ws;
    if (!ws || this.current !== 'open') throw new ImError(Err.NET_DISCONNECTED, 'not connected');
    const id = this.pending.nextId();
    const bytes = encodeRequestFrame(op, id, payload);
    const max = this.opts.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    if (bytes.byteLength > max) throw new ImError(Err.FRAME_TOO_LARGE, `request of ${bytes.byteLength} bytes exceeds ${max}`);
    const reply = this.pending.wait(id, opts?.timeoutMs ?? this.opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
    ws.send(bytes);
    const r = await reply;
    if (r.c !== Err.OK) throw new ImError(r.c, r.m);
    return r.d as T;
  }

  close(code: number = CloseCode.NORMAL, reason = ''): void {
    this.stopHeartbeat();
    if (this.ws && (this.current === 'open' || this.current === 'connecting')) this.ws.close(code, reason);
  }

  private onMessage(data: unknown): void {
    if (!(data instanceof ArrayBuffer)) return; // text frames are not part of the protocol
    const f = decodeServerFrame(new Uint8Array(data));
    if (f instanceof ProtocolError) return; // an op newer than this SDK, or a broken frame: skip
    this.dispatch(f);
  }

  private dispatch(f: ServerFrame): void {
    switch (f.op) {
      case Op.REPLY:
        this.pending.settle(f);
        return;
      case Op.ERROR:
        this.events.emit('serverError', { code: f.c, message: f.m });
        return;
      case Op.KICKED:
        this.stopHeartbeat();
        this.session = undefined;
        this.events.emit('kicked', { code: f.c, reason: f.m });
        break;
      case Op.DRAIN:
        this.events.emit('drain', { message: f.m, retryWithinMs: f.d.retryWithinMs });
        break;
      case Op.SOCIAL_CHANGES:
        this.events.emit('socialChanges', { changes: f.d.changes });
        break;
      case Op.C2C_MSG:
        this.events.emit('c2cMessage', f.d.msg);
        break;
      case Op.C2C_MODIFIED:
        this.events.emit('c2cModified', f.d.msg);
        break;
      case Op.C2C_READ_CHANGED:
        this.events.emit('c2cRead', f.d);
        break;
      case Op.C2C_RECEIPTS:
        this.events.emit('c2cReceipts', f.d);
        break;
      case Op.CONV_CHANGED:
        this.events.emit('conversationChanged', f.d);
        break;
      case Op.C2C_PEER_TYPING:
        this.events.emit('c2cTyping', f.d);
        break;
      case Op.C2C_RECALLED:
        this.events.emit('c2cRecalled', f.d);
        break;
      case Op.GROUP_MSG:
        this.events.emit('groupMessage', f.d);
        break;
      case Op.GROUP_RECALLED:
        this.events.emit('groupRecalled', f.d);
        break;
      case Op.GROUP_MODIFIED:
        this.events.emit('groupModified', f.d);
        break;
      case Op.GROUP_READ_CHANGED:
        this.events.emit('groupRead', f.d);
        break;
      case Op.GROUP_RECEIPTS:
        this.events.emit('groupReceipts', f.d);
        break;
      case Op.GROUP_SYSTEM:
        this.events.emit('groupSystem', f.d);
        break;
      case Op.GROUP_MSG_DELETED:
        this.events.emit('groupMsgDeleted', f.d);
        break;
    }
    if (f.op >= FIRST_PUSH_OP) this.events.emit('push', f);
  }

  private onClose(code: number, reason: string): void {
    this.current = 'closed';
    this.session = undefined;
    this.stopHeartbeat();
    this.pending.failAll(new ImError(Err.NET_DISCONNECTED, `connection closed (${code}${reason ? ` ${reason}` : ''})`));
    this.events.emit('close', { code, reason });
  }

  private startHeartbeat(ms: number): void {
    this.stopHeartbeat();
    if (!(ms > 0)) return;
    this.heartbeatTimer = setInterval(() => {
      // A heartbeat that gets no reply means the link is dead even if TCP has not noticed yet.
      this.heartbeat({ timeoutMs: ms }).catch((e: unknown) => {
        if (e instanceof ImError && e.code === Err.REQUEST_TIMEOUT) this.close(CloseCode.HEARTBEAT_TIMEOUT, 'heartbeat timeout');
      });
    }, ms);
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer !== undefined) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }
}
