// The sequence state of a group's timelines inside the group actor: the group's own (`g:{groupId}`)
// and each Community topic's (`g:{groupId}:{topicId}`), each with the seq rule of store/seqs.ts (as
// C2C: resume at the durable maxSeq, hand out from reserved blocks). Seqs are assigned for a batch
// and only count as used once it is stored (commit), so a failed append hands them out again.
// Gotcha: a crash between a stored batch and its dedup marks would let a retry store twice, so every
// stored message carries its dedup key (extra.dk/ds) and the first use of a timeline re-remembers
// the marks of its newest messages (turns are sequential: only the last batch can have lost them).
import { DedupScope, GROUP_DEDUP_WINDOW_SEC, IMPORT_DEDUP_TTL_SEC } from '../messaging/dedup-key.js';
import type { Clock } from '../lib/clock.js';
import type { Store } from '../store/index.js';
import type { StoredMessage } from '../store/messages.js';

/** Seqs reserved per block: one durable reservation per this many messages of a timeline. */
export const GROUP_SEQ_BLOCK = 100;
/** Most sends one batch turn takes (the actor's batch max; within the store's appendMany cap). */
export const GROUP_SEND_BATCH_MAX = 64;

export type GroupSeqStores = Pick<Store, 'messages' | 'seqs' | 'dedup'>;

interface Timeline {
  next: number;
  blockTo: number;
}

export class GroupSeqs {
  private readonly timelines = new Map<string, Timeline>();

  constructor(
    private readonly sdkAppId: number,
    private readonly store: GroupSeqStores,
    private readonly clock: Clock,
  ) {}

  /** Loads convId's state once per activation; returns the next seq it would hand out. */
  async ensure(convId: string): Promise<number> {
    const known = this.timelines.get(convId);
    if (known) return known.next;
    const m = await this.store.messages.maxSeq(this.sdkAppId, convId);
    if (m > 0) await this.repairMarks(convId, m);
    const b = await this.store.seqs.reserve(this.sdkAppId, convId, GROUP_SEQ_BLOCK);
    this.timelines.set(convId, { next: m + 1, blockTo: b.to });
    return m + 1;
  }

  /** The newest stored seq of convId (after ensure). */
  lastSeq(convId: string): number {
    return (this.timelines.get(convId)?.next ?? 1) - 1;
  }

  /** `count` consecutive seqs from the next one, reserving blocks as needed; not yet used. */
  async assign(convId: string, count: number): Promise<number[]> {
    const t = this.timelines.get(convId);
    if (!t) throw new Error(`group seqs: ${convId} was not loaded`);
    const last = t.next + count - 1;
    while (t.blockTo < last) t.blockTo = (await this.store.seqs.reserve(this.sdkAppId, convId, GROUP_SEQ_BLOCK)).to;
    return Array.from({ length: count }, (_, i) => t.next + i);
  }

  /** The batch ending at seq is stored. */
  commit(convId: string, seq: number): void {
    const t = this.timelines.get(convId);
    if (t) t.next = Math.max(t.next, seq + 1);
  }

  private async repairMarks(convId: string, maxSeq: number): Promise<void> {
    const { messages, dedup } = this.store;
    const fromSeq = Math.max(1, maxSeq - GROUP_SEND_BATCH_MAX + 1);
    const newest: StoredMessage[] = [];
    for (let toSeq: number | undefined = maxSeq; toSeq !== undefined; ) {
      const page = await messages.range(this.sdkAppId, convId, { fromSeq, toSeq, limit: GROUP_SEND_BATCH_MAX, order: 'desc' });
      newest.push(...page.messages);
      toSeq = page.next;
    }
    const windowStart = Math.floor(this.clock.nowMs() / 1000) - GROUP_DEDUP_WINDOW_SEC;
    await Promise.all(
      newest.map((m) => {
        if (typeof m.extra.dk !== 'string') return undefined;
        const imported = m.extra.ds === DedupScope.IMPORT;
        // A send mark past its window would refuse a legitimate repeat.
        if (!imported && m.time < windowStart) return undefined;
        const value = { seq: m.seq, time: m.time };
        return dedup.remember(this.sdkAppId, imported ? DedupScope.IMPORT : DedupScope.GROUP, m.extra.dk, value, imported ? IMPORT_DEDUP_TTL_SEC : GROUP_DEDUP_WINDOW_SEC);
      }),
    );
  }
}
