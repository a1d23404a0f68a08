// Fault injection for in-process clusters: a clock whose timers all die at once, as a killed
// process's would. Combined with closing the worker's bus peer (its subscriptions vanish) and
// leaving its leases alone, that is a kill -9 as far as the rest of the cluster can tell.
import type { Clock, TimerHandle } from '../../src/lib/clock.js';

export class KillableClock implements Clock {
  private readonly timers = new Set<TimerHandle>();
  private dead = false;

  constructor(private readonly base: Clock) {}

  nowMs(): number {
    return this.base.nowMs();
  }

  setTimer(ms: number, fn: () => void): TimerHandle {
    if (this.dead) return { cancel: () => {} };
    const h: TimerHandle = this.base.setTimer(ms, () => {
      this.timers.delete(h);
      if (!this.dead) fn();
    });
    this.timers.add(h);
    return { cancel: () => (this.timers.delete(h), h.cancel()) };
  }

  /** Every pending timer is cancelled and new ones never fire. */
  kill(): void {
    this.dead = true;
    for (const t of this.timers) t.cancel();
    this.timers.clear();
  }
}
