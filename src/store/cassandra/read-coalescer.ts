// Single-flight reads that never serve a write's caller a value read before that write: every
// completed write bumps an epoch that is part of the key, so reads issued afterwards start a new
// query instead of joining one already in flight. Each caller gets its own copy of the result.
import { Coalescer } from '../../lib/coalesce.js';

export class ReadCoalescer<V> {
  private readonly inner = new Coalescer<V>();
  private epoch = 0;

  constructor(private readonly copy: (v: V) => V) {}

  read(key: string, load: () => Promise<V>): Promise<V> {
    return this.inner.run(`${this.epoch}\u0000${key}`, load).then(this.copy);
  }

  /** Call after a write to a key this coalescer serves has completed. */
  wrote(): void {
    this.epoch++;
  }
}
