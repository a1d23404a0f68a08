// The pair timeline's sequence state inside the C2C actor (the seq rule of store/seqs.ts): on the
// first use m = maxSeq(), a fresh block is reserved, seqs m+1 .. block end are handed out, and
// another block is reserved when they run out; the shard lease guarantees the previous owner has
// stopped. Seqs are assigned for a batch and only count as used once the batch is stored
// (commit), so a failed append hands the same seqs out again.
// Gotcha: a crash between a stored batch and its dedup marks would let a retry store twice, so
// every stored message carries its dedup key (extra.dk) and the first use re-remembers the marks
// of the newest messages: turns are sequential, so only the last batch can have lost them.
import { C2C_DEDUP_WINDOW_SEC, DedupScope, IMPORT_DEDUP_TTL_SEC } from '../messaging/dedup-key.js';
import type { Clock } from '../lib/clock.js';
import type { Store } from '../store/index.js';
import type { StoredMessage } from '../store/messages.js';

/** Seqs reserved per block: one durable reservation per this many messages. */
export const C2C_SEQ_BLOCK = 100;
/** Most sends stored together in one actor turn (one appendMany). */
export const C2C_SEND_BATCH_MAX = 64;

export type SeqStores = Pick<Store, 'messages' | 'seqs' | 'dedup'>;

export class C2cSeqs {
  private convId = '';
  private next = 0;
  private blockTo = 0;

  constructor(
    private readonly sdkAppId: number,
    private readonly store: SeqStores,
    private readonly clock: Clock,
  ) {}

  /** The next seq to hand out (valid after ensure). */
  get nextSeq(): number {
    return this.next;
  }

  /** Loads the state for convId once per activation. */
  async ensure(convId: string): Promise<void> {
    if (this.convId === convId) return;
    const { messages, seqs } = this.store;
    const m = await messages.maxSeq(this.sdkAppId, convId);
    if (m > 0) await this.repairMarks(convId, m);
    const b = await seqs.reserve(this.sdkAppId, convId, C2C_SEQ_BLOCK);
    this.convId = convId;
    this.next = m + 1;
    this.blockTo = b.to;
  }

  /** `count` consecutive seqs from nextSeq, reserving blocks as needed; not yet used. */
  async assign(count: number): Promise<number[]> {
    const last = this.next + count - 1;
    while (this.blockTo < last) this.blockTo = (await this.store.seqs.reserve(this.sdkAppId, this.convId, C2C_SEQ_BLOCK)).to;
    return Array.from({ length: count }, (_, i) => this.next + i);
  }

  /** The batch ending at seq is stored. */
  commit(seq: number): void {
    this.next = Math.max(this.next, seq + 1);
  }

  private async repairMarks(convId: string, maxSeq: number): Promise<void> {
    const { messages, dedup } = this.store;
    const newest: StoredMessage[] = [];
    const fromSeq = Math.max(1, maxSeq - C2C_SEND_BATCH_MAX + 1);
    for (let toSeq: number | undefined = maxSeq; toSeq !== undefined; ) {
      const page = await messages.range(this.sdkAppId, convId, { fromSeq, toSeq, limit: C2C_SEND_BATCH_MAX, order: 'desc' });
      newest.push(...page.messages);
      toSeq = page.next;
    }
    const windowStart = Math.floor(this.clock.nowMs() / 1000) - C2C_DEDUP_WINDOW_SEC;
    await Promise.all(
      newest.map((last) => {
        if (typeof last.extra.dk !== 'string') return undefined;
        const imported = last.extra.ds === DedupScope.IMPORT;
        // A send mark past its window would refuse a legitimate repeat.
        if (!imported && last.time < windowStart) return undefined;
        const scope = imported ? DedupScope.IMPORT : DedupScope.C2C;
        return dedup.remember(this.sdkAppId, scope, last.extra.dk, { key: last.key, seq: last.seq, time: last.time }, imported ? IMPORT_DEDUP_TTL_SEC : C2C_DEDUP_WINDOW_SEC);
      }),
    );
  }
}
