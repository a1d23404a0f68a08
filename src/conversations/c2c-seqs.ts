// The pair timeline's state inside the C2C actor: the sequence (the seq rule of store/seqs.ts: on
// the first use m = maxSeq(), a fresh block is reserved, seqs m+1 .. block end are handed out, and
// another block when they run out; the shard lease guarantees the previous owner has stopped) and
// the sends of the dedup window (spec §7: a retry within 120 s gets the first answer).
// Seqs are assigned for a batch and only count as used once the batch is stored (commit), so a
// failed append hands the same seqs out again.
// Dedup without a store round trip per send: every stored message carries its dedup key (extra.dk),
// so the first use reads the window's messages back (newest first, at most C2C_DEDUP_MEMORY_MAX)
// and the actor answers retries from memory; a new owner after a failover does the same, so a
// retry is never stored twice. Imports (deduplicated forever) keep using the dedup store. Gotcha:
// online-only sends are not stored, so their retries are recognised only within one activation.
import { C2C_DEDUP_WINDOW_SEC, DedupScope } from '../messaging/dedup-key.js';
import type { Clock } from '../lib/clock.js';
import type { Store } from '../store/index.js';
import type { StoredMessage } from '../store/messages.js';
import type { SendResult } from './c2c-messages.js';

/** Seqs reserved per block: one durable reservation per this many messages. */
export const C2C_SEQ_BLOCK = 100;
/** Most sends stored together in one actor turn (one appendMany). */
export const C2C_SEND_BATCH_MAX = 64;
/** Most recent sends a conversation remembers for dedup (a window busier than this forgets its oldest). */
export const C2C_DEDUP_MEMORY_MAX = 4096;
/** Messages read per page when the window is loaded. */
const LOAD_PAGE = 500;

export type SeqStores = Pick<Store, 'messages' | 'seqs'>;

interface Recent {
  result: SendResult;
  /** Unix seconds when it was sent. */
  at: number;
}

export class C2cSeqs {
  private convId = '';
  private next = 0;
  private blockTo = 0;
  /** Dedup key -> first answer, oldest first (Map keeps insertion order). */
  private readonly recent = new Map<string, Recent>();

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
    if (m > 0) await this.loadWindow(convId, m);
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

  /** The first answer to a send with this dedup key, if it was made within the window. */
  firstAnswer(dedupKey: string): SendResult | undefined {
    this.forgetOld();
    return this.recent.get(dedupKey)?.result;
  }

  /** Remembers an answer (after the message is durable, or for an online-only send). */
  remember(dedupKey: string, result: SendResult): void {
    this.recent.delete(dedupKey);
    this.recent.set(dedupKey, { result, at: result.time || this.nowSec() });
    while (this.recent.size > C2C_DEDUP_MEMORY_MAX) this.recent.delete(this.recent.keys().next().value!);
  }

  private nowSec(): number {
    return Math.floor(this.clock.nowMs() / 1000);
  }

  private forgetOld(): void {
    const since = this.nowSec() - C2C_DEDUP_WINDOW_SEC;
    for (const [k, r] of this.recent) {
      if (r.at >= since) break;
      this.recent.delete(k);
    }
  }

  /** The sends of the window, newest first until older than it or the memory is full. */
  private async loadWindow(convId: string, maxSeq: number): Promise<void> {
    const since = this.nowSec() - C2C_DEDUP_WINDOW_SEC;
    const found: StoredMessage[] = [];
    for (let toSeq: number | undefined = maxSeq; toSeq !== undefined && found.length < C2C_DEDUP_MEMORY_MAX; ) {
      const page = await this.store.messages.range(this.sdkAppId, convId, { toSeq, limit: LOAD_PAGE, order: 'desc' });
      let older = false;
      for (const msg of page.messages) {
        if (msg.time < since) older = true;
        else found.push(msg);
      }
      toSeq = older ? undefined : page.next;
    }
    // Oldest first, as remember() keeps them.
    for (const msg of found.reverse()) {
      if (typeof msg.extra.dk !== 'string' || msg.extra.ds === DedupScope.IMPORT) continue;
      this.remember(msg.extra.dk, { key: msg.key, seq: msg.seq, time: msg.time });
    }
  }
}
