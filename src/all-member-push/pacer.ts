// Spaces calls at most `perSec` per second: each take() reserves the next free slot and waits for
// it on the injected clock. Slots are handed out in call order, so concurrent callers share the
// rate instead of each getting their own.
import type { Clock } from '../lib/clock.js';

export class Pacer {
  private next = 0;
  private readonly gapMs: number;

  constructor(
    private readonly clock: Clock,
    perSec: number,
  ) {
    if (!Number.isFinite(perSec) || perSec <= 0) throw new RangeError(`rate must be a positive number per second, got ${perSec}`);
    this.gapMs = 1000 / perSec;
  }

  /** Resolves when the caller may go; true when it had to wait. */
  async take(): Promise<boolean> {
    const now = this.clock.nowMs();
    const at = Math.max(now, this.next);
    this.next = at + this.gapMs;
    if (at <= now) return false;
    await new Promise<void>((resolve) => this.clock.setTimer(at - now, resolve));
    return true;
  }
}
