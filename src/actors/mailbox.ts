// Bounded FIFO of one actor's waiting messages (layout-and-style B5.9). Capacity counts messages
// waiting, not the turn running. A full mailbox refuses with ImError(SERVER_OVERLOADED) so the
// sender learns at once instead of a queue growing without bound; the caller counts the metric.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';

export class Mailbox<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  constructor(
    readonly capacity: number,
    private readonly onOverload: () => void = () => {},
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`mailbox capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.items.length - this.head;
  }

  /** Throws ImError(SERVER_OVERLOADED) when full. */
  push(item: T): void {
    if (this.size >= this.capacity) {
      this.onOverload();
      throw new ImError(Err.SERVER_OVERLOADED, `mailbox full (${this.capacity} waiting)`);
    }
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    // Compact once the consumed prefix dominates, keeping shift O(1) amortized.
    if (this.head > 32 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** The next item without removing it. */
  peek(): T | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  /** Removes and returns everything waiting (used when a shard moves away). */
  drain(): T[] {
    const out = this.items.slice(this.head) as T[];
    this.items = [];
    this.head = 0;
    return out;
  }
}
