// The gap and duplicate checker of the load scenarios: every stored message a client sees (push
// or sync page), per conversation, in arrival order. A seq at or below the last one seen is a
// duplicate; a jump over seqs is a gap (as many as were skipped). The first seq seen in a
// conversation is its baseline: users may hold history from earlier runs.

/** What the checker needs of a k6 Counter (kept structural so Node tests can pass their own). */
export interface CounterLike {
  add(value: number, tags?: Record<string, string>): void;
}

export class SeqChecker {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly gaps: CounterLike,
    private readonly dups: CounterLike,
  ) {}

  /** Starts conv at `seq` (e.g. the stored maximum before the run's first message). */
  baseline(conv: string, seq: number): void {
    if (!this.last.has(conv)) this.last.set(conv, seq);
  }

  see(conv: string, seq: number): void {
    const prev = this.last.get(conv);
    if (prev !== undefined) {
      if (seq <= prev) {
        this.dups.add(1, { conv });
        return;
      }
      if (seq > prev + 1) this.gaps.add(seq - prev - 1, { conv });
    }
    this.last.set(conv, seq);
  }

  lastSeq(conv: string): number | undefined {
    return this.last.get(conv);
  }
}
