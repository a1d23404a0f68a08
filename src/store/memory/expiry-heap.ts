// Expiry for the in-process stores: a min-heap of (due time, drop callback). Writers call sweep()
// with the injected clock's time, which drops a bounded number of due entries, so a store under
// steady load never holds more than a sweep's worth of dead rows for long. Reads must still filter
// expired rows themselves (a sweep may lag). A drop callback must check that its row still has
// the same expiry: a row rewritten with a new TTL leaves its old heap entry behind.

/** Most entries one sweep drops; the rest wait for the next write. */
export const MEMORY_SWEEP_BATCH = 256;

interface Entry {
  at: number;
  drop: () => void;
}

export class ExpiryHeap {
  private readonly heap: Entry[] = [];

  get size(): number {
    return this.heap.length;
  }

  /** Schedules drop at unix ms `at`. */
  add(at: number, drop: () => void): void {
    const h = this.heap;
    h.push({ at, drop });
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]!.at <= h[i]!.at) break;
      [h[parent], h[i]] = [h[i]!, h[parent]!];
      i = parent;
    }
  }

  /** Runs the drop of up to MEMORY_SWEEP_BATCH entries due at nowMs, earliest first. */
  sweep(nowMs: number): void {
    for (let n = 0; n < MEMORY_SWEEP_BATCH; n++) {
      const top = this.heap[0];
      if (!top || top.at > nowMs) return;
      this.pop();
      top.drop();
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && h[l]!.at < h[m]!.at) m = l;
      if (r < h.length && h[r]!.at < h[m]!.at) m = r;
      if (m === i) return;
      [h[m], h[i]] = [h[i]!, h[m]!];
      i = m;
    }
  }
}
