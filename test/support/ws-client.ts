// A raw protocol client for edge tests (the `ws` package): sends arbitrary bytes or frames,
// queues every decoded server frame, and resolves waits for a frame or for the close.
import { encode } from '@msgpack/msgpack';
import WebSocket from 'ws';
import { decodeServerFrame, Op, ProtocolError, type ReplyFrame, type ServerFrame } from '../../src/protocol/index.js';

/** Upper bound for any single wait in these tests: a hang fails instead of stalling the run. */
const WAIT_MS = 10_000;

export interface Closed {
  code: number;
  reason: string;
}

export class TestSocket {
  private readonly frames: ServerFrame[] = [];
  private waiters: (() => void)[] = [];
  private nextId = 1;
  readonly closed: Promise<Closed>;

  private constructor(readonly ws: WebSocket) {
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer) => {
      const f = decodeServerFrame(new Uint8Array(data));
      if (f instanceof ProtocolError) throw new Error(`server sent an undecodable frame: ${f.message}`);
      this.frames.push(f);
      for (const w of this.waiters.splice(0)) w();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    void this.closed.then(() => {
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static open(url: string): Promise<TestSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const s = new TestSocket(ws);
      ws.once('open', () => resolve(s));
      ws.once('error', reject);
    });
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  sendRaw(bytes: Uint8Array, binary = true): void {
    this.ws.send(bytes, { binary });
  }

  send(frame: unknown): void {
    this.sendRaw(encode(frame));
  }

  /** Sends {op, id, d} with a fresh id and waits for its REPLY. */
  async request(op: number, d?: unknown): Promise<ReplyFrame> {
    const id = this.nextId++;
    this.send(d === undefined ? { op, id } : { op, id, d });
    return (await this.next((f) => f.op === Op.REPLY && f.id === id)) as ReplyFrame;
  }

  /** The next queued frame matching pred (earlier non-matching frames stay queued). */
  async next(pred: (f: ServerFrame) => boolean = () => true, timeoutMs = WAIT_MS): Promise<ServerFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.frames.findIndex(pred);
      if (i >= 0) return this.frames.splice(i, 1)[0]!;
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error('socket closed while waiting for a frame');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for a frame');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Waits for the close (bounded). */
  async waitClosed(timeoutMs = WAIT_MS): Promise<Closed> {
    let t: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (t = setTimeout(() => reject(new Error('socket did not close')), timeoutMs)));
    try {
      return await Promise.race([this.closed, timeout]);
    } finally {
      clearTimeout(t);
    }
  }

  close(): void {
    this.ws.close();
  }
}

/** Polls probe until it returns a value (bounded): for effects that happen asynchronously. */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
