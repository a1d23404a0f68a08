// Request correlation for the SDK: each request gets a fresh uint32 id; its REPLY settles it, a
// timer fails it with REQUEST_TIMEOUT, a closed connection fails all of them at once.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { ReplyFrame } from '../protocol/frames.js';
import { MAX_REQUEST_ID } from '../protocol/limits.js';

interface Waiter {
  resolve(reply: ReplyFrame): void;
  reject(err: ImError): void;
  timer: ReturnType<typeof setTimeout>;
}

export class PendingRequests {
  private last = 0;
  private readonly waiting = new Map<number, Waiter>();

  get size(): number {
    return this.waiting.size;
  }

  /** The next id not in use; wraps after MAX_REQUEST_ID. */
  nextId(): number {
    do this.last = this.last >= MAX_REQUEST_ID ? 1 : this.last + 1;
    while (this.waiting.has(this.last));
    return this.last;
  }

  /** Waits for the REPLY with this id. */
  wait(id: number, timeoutMs: number): Promise<ReplyFrame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new ImError(Err.REQUEST_TIMEOUT, `no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(id, { resolve, reject, timer });
    });
  }

  /** Hands a REPLY to its waiter; false for an id nobody waits for (late or unknown). */
  settle(reply: ReplyFrame): boolean {
    const w = this.waiting.get(reply.id);
    if (!w) return false;
    this.waiting.delete(reply.id);
    clearTimeout(w.timer);
    w.resolve(reply);
    return true;
  }

  failAll(err: ImError): void {
    for (const [id, w] of this.waiting) {
      this.waiting.delete(id);
      clearTimeout(w.timer);
      w.reject(err);
    }
  }
}
