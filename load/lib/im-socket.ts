// One protocol connection inside k6 (k6/websockets), using the server's own frame codec. Requests
// are correlated by id; replies resolve callbacks. Kept callback-style: k6 VUs run an event loop,
// not Node's, and a VU holds many of these at once. Every frame is first only peeked (op, id, c,
// m: frame-peek.ts); a REPLY's d is decoded when read, and pushes are decoded in full only for a
// `push` handler (a `frame` handler reads what it needs itself), since in k6 decoding is the cost.
import { WebSocket } from 'k6/websockets';
import { decodeServerFrame, encodeClientFrame } from '../../src/protocol/codec.js';
import { ProtocolError, type ClientFrame, type ReplyFrame, type ServerFrame } from '../../src/protocol/frames.js';
import { Op } from '../../src/protocol/ops.js';
import { frameData, peekFrame, type FramePeek } from './frame-peek.js';

/** Reply code of a request made on a socket that is not open (never sent by a server). */
export const NOT_CONNECTED = -1;

export interface ImSocketHandlers {
  open(s: ImSocket): void;
  /** Every push, decoded in full by the codec. */
  push?(f: ServerFrame): void;
  /** Every push, only peeked: read what is needed with frame-peek.ts (takes the place of push). */
  frame?(f: FramePeek, bytes: Uint8Array): void;
  /** code 0 = no close frame (dial failure, reset); reason as the server sent it. */
  close?(code: number, reason: string): void;
  /** k6's error text (dial refused, handshake timeout...); a close follows. */
  error?(message: string): void;
}

/** The request id of a socket's first request. */
export const FIRST_REQUEST_ID = 1;

/** A LOGIN frame (encoding one costs ~0.4 ms in k6: the UserSig goes through a JS UTF-8 encoder). */
export const loginFrame = (sdkAppId: number, user: { userId: string; sig: string }, deviceId: string, id: number): Uint8Array =>
  encodeClientFrame({ op: Op.LOGIN, id, d: { sdkAppId, userId: user.userId, userSig: user.sig, platform: 'Android', deviceId } });

export class ImSocket {
  private readonly ws: WebSocket;
  private nextId = FIRST_REQUEST_ID;
  private readonly waiting = new Map<number, (r: ReplyFrame) => void>();
  open = false;

  constructor(url: string, h: ImSocketHandlers) {
    this.ws = new WebSocket(url);
    this.ws.binaryType = 'arraybuffer';
    this.ws.onopen = () => {
      this.open = true;
      h.open(this);
    };
    this.ws.onmessage = (e?: { data: unknown }) => {
      if (!(e?.data instanceof ArrayBuffer)) return;
      const bytes = new Uint8Array(e.data);
      const f = peekFrame(bytes);
      if (!f) return;
      if (f.op === Op.REPLY) {
        const cb = this.waiting.get(f.id);
        this.waiting.delete(f.id);
        cb?.(lazyReply(bytes, f));
      } else if (h.frame) h.frame(f, bytes);
      else if (h.push) {
        const full = decodeServerFrame(bytes);
        if (!(full instanceof ProtocolError)) h.push(full);
      }
    };
    this.ws.onclose = (e?: unknown) => {
      this.open = false;
      const ev = e as { code?: number; reason?: string } | undefined;
      h.close?.(ev?.code ?? 0, ev?.reason ?? '');
    };
    this.ws.onerror = (e?: unknown) => h.error?.(String((e as { error?: unknown } | undefined)?.error ?? ''));
  }

  /** Sends a request and calls back with its REPLY; on a socket that is not open, at once with
   *  code NOT_CONNECTED (k6's send would throw and end the VU's iteration). */
  request(op: ClientFrame['op'], d: unknown, cb: (r: ReplyFrame) => void): void {
    this.requestFrame((id) => encodeClientFrame((d === undefined ? { op, id } : { op, id, d }) as ClientFrame), cb);
  }

  /** request() with the frame built by the caller for the given request id (e.g. a FrameTemplate). */
  requestFrame(build: (id: number) => Uint8Array, cb: (r: ReplyFrame) => void): void {
    const id = this.nextId++;
    if (!this.open) {
      cb({ op: Op.REPLY, id, c: NOT_CONNECTED, m: 'socket not open' } as ReplyFrame);
      return;
    }
    this.waiting.set(id, cb);
    this.ws.send(build(id));
  }

  /** LOGIN as user on a device of its own; calls back with the reply code (0 = logged in). */
  login(sdkAppId: number, user: { userId: string; sig: string }, deviceId: string, cb: (code: number) => void): void {
    this.requestFrame((id) => loginFrame(sdkAppId, user, deviceId, id), (r) => cb(r.c));
  }

  /** login() with its frame encoded beforehand by loginFrame(..., FIRST_REQUEST_ID): it must be
   *  the socket's first request. */
  loginWith(frame: Uint8Array, cb: (code: number) => void): void {
    this.requestFrame((id) => {
      if (id !== FIRST_REQUEST_ID) throw new Error('a LOGIN encoded beforehand must be the first request of its socket');
      return frame;
    }, (r) => cb(r.c));
  }

  /** Requests still waiting for a reply. */
  outstanding(): number {
    return this.waiting.size;
  }

  close(): void {
    this.ws.close();
  }
}

/** A REPLY whose d is decoded on first read (most callers only look at c). */
function lazyReply(bytes: Uint8Array, f: FramePeek): ReplyFrame {
  let d: unknown;
  let decoded = false;
  return {
    op: Op.REPLY,
    id: f.id,
    c: f.c,
    m: f.m,
    get d(): unknown {
      if (!decoded) {
        d = frameData(bytes, f);
        decoded = true;
      }
      return d;
    },
  };
}
