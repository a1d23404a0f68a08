// One protocol connection inside k6 (k6/websockets), using the server's own frame codec. Requests
// are correlated by id; replies resolve callbacks. Kept callback-style: k6 VUs run an event loop,
// not Node's, and a VU holds many of these at once.
import { WebSocket } from 'k6/websockets';
import { decodeServerFrame, encodeClientFrame } from '../../src/protocol/codec.js';
import { ProtocolError, type ClientFrame, type ReplyFrame, type ServerFrame } from '../../src/protocol/frames.js';
import { Op } from '../../src/protocol/ops.js';

/** Reply code of a request made on a socket that is not open (never sent by a server). */
export const NOT_CONNECTED = -1;

export interface ImSocketHandlers {
  open(s: ImSocket): void;
  push?(f: ServerFrame): void;
  close?(code: number): void;
  error?(): void;
}

export class ImSocket {
  private readonly ws: WebSocket;
  private nextId = 1;
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
      const f = decodeServerFrame(new Uint8Array(e.data));
      if (f instanceof ProtocolError) return;
      if (f.op === Op.REPLY) {
        const cb = this.waiting.get(f.id);
        this.waiting.delete(f.id);
        cb?.(f);
      } else h.push?.(f);
    };
    this.ws.onclose = (e?: unknown) => {
      this.open = false;
      h.close?.((e as { code?: number } | undefined)?.code ?? 0);
    };
    this.ws.onerror = () => h.error?.();
  }

  /** Sends a request and calls back with its REPLY; on a socket that is not open, at once with
   *  code NOT_CONNECTED (k6's send would throw and end the VU's iteration). */
  request(op: ClientFrame['op'], d: unknown, cb: (r: ReplyFrame) => void): void {
    const id = this.nextId++;
    if (!this.open) {
      cb({ op: Op.REPLY, id, c: NOT_CONNECTED, m: 'socket not open' } as ReplyFrame);
      return;
    }
    this.waiting.set(id, cb);
    this.ws.send(encodeClientFrame((d === undefined ? { op, id } : { op, id, d }) as ClientFrame));
  }

  /** LOGIN as user on a device of its own; calls back with the reply code (0 = logged in). */
  login(sdkAppId: number, user: { userId: string; sig: string }, deviceId: string, cb: (code: number) => void): void {
    this.request(Op.LOGIN, { sdkAppId, userId: user.userId, userSig: user.sig, platform: 'Android', deviceId }, (r) => cb(r.c));
  }

  /** Requests still waiting for a reply. */
  outstanding(): number {
    return this.waiting.size;
  }

  close(): void {
    this.ws.close();
  }
}
