// Counts requests the edge is still working on (logins, later ops), so a graceful drain can wait
// for them, bounded by limits.drainMs.
import type { Clock } from '../lib/clock.js';

export class Inflight {
  private count = 0;
  private waiters: (() => void)[] = [];

  get size(): number {
    return this.count;
  }

  /** Runs fn counted as in flight. */
  async track<T>(fn: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await fn();
    } finally {
      if (--this.count === 0) for (const w of this.waiters.splice(0)) w();
    }
  }

  /** Resolves true when nothing is in flight, false when timeoutMs passed first. */
  idle(clock: Clock, timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = clock.setTimer(timeoutMs, () => {
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve(false);
      });
      const done = () => {
        timer.cancel();
        resolve(true);
      };
      this.waiters.push(done);
    });
  }
}
