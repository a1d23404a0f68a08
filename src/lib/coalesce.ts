// Single-flight: concurrent reads of the same key share one in-flight promise, so a burst of
// identical store reads costs one query (the "data services" rule of design/architecture.md).

export class Coalescer<V> {
  private readonly inflight = new Map<string, Promise<V>>();

  run(key: string, load: () => Promise<V>): Promise<V> {
    const existing = this.inflight.get(key);
    if (existing) return existing;
    const p = load().finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }
}
