// The live room's message mix and High check, shared by the k6 scenario and its unit test. Sends
// run concurrently (an open-loop sender), so a message's priority and High number follow from its
// index alone, and members check High numbers as a set, not as an ordered sequence.
import type { CounterLike } from './seq-checker.js';

export type RoomPriority = 'High' | 'Normal' | 'Low';

/** The n-th message (from 0): a fixed 2/5/3 mix per 10 (0-1 High, 2-6 Normal, 7-9 Low, rolled by
 *  n*7 mod 10 so they interleave) and its number among the High ones (-1 for the others). */
export function nthRoomMessage(n: number): { priority: RoomPriority; high: number } {
  const roll = (k: number) => (k * 7) % 10;
  const r = roll(n);
  const priority: RoomPriority = r < 2 ? 'High' : r < 7 ? 'Normal' : 'Low';
  if (priority !== 'High') return { priority, high: -1 };
  let high = 2 * Math.floor(n / 10);
  for (let k = n - (n % 10); k < n; k++) if (roll(k) < 2) high++;
  return { priority, high };
}

/** The High numbers one member saw, in any order: a number seen twice is a duplicate; any number
 *  between the lowest and the highest seen that never came is missed (a member may join after the
 *  first ones, and the last ones may still be on their way when it stops, so only the inside counts). */
export class HighSeen {
  private readonly seen = new Set<number>();
  private low = Infinity;
  private high = -1;

  constructor(
    private readonly missed: CounterLike,
    private readonly dups: CounterLike,
  ) {}

  see(h: number): void {
    if (this.seen.has(h)) return this.dups.add(1);
    this.seen.add(h);
    this.low = Math.min(this.low, h);
    this.high = Math.max(this.high, h);
  }

  /** Counts the missed numbers (call once, when the member stops). */
  report(): void {
    const missed = this.high < 0 ? 0 : this.high - this.low + 1 - this.seen.size;
    if (missed > 0) this.missed.add(missed);
  }
}
