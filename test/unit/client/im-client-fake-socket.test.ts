// ImClient against a scripted in-memory WebSocket: the paths a real server rarely produces
// (no reply, unknown push ops, text frames, dead heartbeats) and request id allocation.
import { encode } from '@msgpack/msgpack';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ImClient, ImError, CloseCode, Err, Op, type WebSocketLike } from '../../../src/client/index.js';
import { PendingRequests } from '../../../src/client/pending.js';
import { decodeClientFrame, encodeServerFrame, MAX_REQUEST_ID } from '../../../src/protocol/index.js';

type Handler = (ev: never) => void;

/** A WebSocket whose server side is the test: it sees sent frames and injects replies. */
class FakeSocket implements WebSocketLike {
  static last: FakeSocket | undefined;
  binaryType = 'blob';
  readyState = 0;
  readonly sent: Uint8Array[] = [];
  private readonly handlers = new Map<string, Handler[]>();
  closedWith: { code?: number; reason?: string } | undefined;

  constructor(readonly url: string) {
    FakeSocket.last = this;
    queueMicrotask(() => {
      this.readyState = 1;
      this.fire('open', undefined as never);
    });
  }
  addEventListener(type: string, fn: Handler): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), fn]);
  }
  send(data: Uint8Array): void {
    this.sent.push(data);
  }
  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    this.serverClose(code ?? 1005, reason ?? '');
  }
  fire(type: string, ev: never): void {
    for (const fn of this.handlers.get(type) ?? []) fn(ev);
  }
  deliver(bytes: Uint8Array | string): void {
    const data = typeof bytes === 'string' ? bytes : bytes.slice().buffer;
    this.fire('message', { data } as never);
  }
  serverClose(code: number, reason = ''): void {
    this.readyState = 3;
    this.fire('close', { code, reason } as never);
  }
  lastRequest(): { op: number; id: number } {
    const f = decodeClientFrame(this.sent.at(-1)!, 1 << 20);
    if (!('op' in f)) throw new Error('not a known client frame');
    return f;
  }
}

let c: ImClient;
beforeEach(async () => {
  c = new ImClient({ WebSocket: FakeSocket, requestTimeoutMs: 1000 });
  await c.connect('ws://fake/ws');
});
afterEach(() => {
  vi.useRealTimers();
});
const sock = () => FakeSocket.last!;

describe('ImClient with a scripted socket', () => {
  it('asks for binary frames as ArrayBuffer', () => {
    expect(sock().binaryType).toBe('arraybuffer');
  });

  it('correlates replies by id, in any order', async () => {
    const a = c.heartbeat();
    const idA = sock().lastRequest().id;
    const b = c.request(3);
    const idB = sock().lastRequest().id;
    expect(idA).not.toBe(idB);
    sock().deliver(encodeServerFrame({ op: Op.REPLY, id: idB, c: 0, m: '', d: 'B' }));
    sock().deliver(encodeServerFrame({ op: Op.REPLY, id: idA, c: 0, m: '', d: { serverTimeMs: 5 } }));
    expect(await b).toBe('B');
    expect(await a).toEqual({ serverTimeMs: 5 });
  });

  it('fails a request with REQUEST_TIMEOUT when no reply comes', async () => {
    const e = await c.request(3, undefined, { timeoutMs: 20 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ImError);
    expect((e as ImError).code).toBe(Err.REQUEST_TIMEOUT);
  });

  it('fails every pending request with NET_DISCONNECTED on close and emits close', async () => {
    const closes: number[] = [];
    c.on('close', (x) => closes.push(x.code));
    const p = [c.request(3), c.request(3)];
    sock().serverClose(1006);
    for (const r of await Promise.allSettled(p)) expect(r.status === 'rejected' && (r.reason as ImError).code).toBe(Err.NET_DISCONNECTED);
    expect(closes).toEqual([1006]);
    expect(c.state).toBe('closed');
  });

  it('skips unknown server ops, undecodable and text frames, and reports ERROR frames', async () => {
    const pushes: number[] = [];
    const errors: number[] = [];
    c.on('push', (f) => pushes.push(f.op));
    c.on('serverError', (e) => errors.push(e.code));
    sock().deliver(encode({ op: 299, x: 1 }));
    sock().deliver(new Uint8Array([0xc1]));
    sock().deliver('text');
    sock().deliver(encodeServerFrame({ op: Op.ERROR, c: Err.BAD_FRAME, m: 'bad' }));
    sock().deliver(encodeServerFrame({ op: Op.DRAIN, m: 'bye', d: { retryWithinMs: 5 } }));
    expect(pushes).toEqual([Op.DRAIN]);
    expect(errors).toEqual([Err.BAD_FRAME]);
    expect(c.state).toBe('open');
  });

  it('a listener that throws does not stop the other listeners', async () => {
    vi.useFakeTimers();
    const seen: string[] = [];
    c.on('serverError', () => {
      throw new Error('listener bug');
    });
    c.on('serverError', () => seen.push('second'));
    sock().deliver(encodeServerFrame({ op: Op.ERROR, c: 1, m: 'x' }));
    expect(seen).toEqual(['second']);
    expect(() => vi.runAllTimers()).toThrow('listener bug');
  });

  it('closes with HEARTBEAT_TIMEOUT when a heartbeat goes unanswered', async () => {
    vi.useFakeTimers();
    const login = c.login({ sdkAppId: 1, userId: 'u', userSig: 's', platform: 'Web', deviceId: 'd' });
    const { id } = sock().lastRequest();
    sock().deliver(encodeServerFrame({ op: Op.REPLY, id, c: 0, m: '', d: { connId: 'c', serverTimeMs: 1, heartbeatMs: 100 } }));
    await login;
    await vi.advanceTimersByTimeAsync(100);
    expect(sock().lastRequest().op).toBe(Op.HEARTBEAT);
    await vi.advanceTimersByTimeAsync(100);
    expect(sock().closedWith?.code).toBe(CloseCode.HEARTBEAT_TIMEOUT);
  });
});

describe('PendingRequests ids', () => {
  it('wrap after MAX_REQUEST_ID and skip ids still waiting', async () => {
    const p = new PendingRequests();
    (p as unknown as { last: number }).last = MAX_REQUEST_ID - 1;
    const a = p.nextId();
    void p.wait(a, 1000).catch(() => undefined);
    expect(a).toBe(MAX_REQUEST_ID);
    expect(p.nextId()).toBe(1);
    (p as unknown as { last: number }).last = MAX_REQUEST_ID - 1;
    expect(p.nextId()).toBe(1); // MAX_REQUEST_ID is in use
    p.failAll(new ImError(1, 'done'));
    expect(p.size).toBe(0);
  });
});
