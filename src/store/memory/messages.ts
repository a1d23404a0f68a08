// In-process MessageStore: per conversation a sorted seq array, rows by seq and a key index; heads
// (maxSeq) live in their own map so they outlast expired rows. Retention uses the injected clock:
// reads skip expired rows and writes sweep a bounded batch of them. Copies in and out.
// See MessageStore for the contract.
import type { Clock } from '../../lib/clock.js';
import { MAX_MSG_KEY_BYTES, type MessagePatch, type MessageStore, type RangePage, type RangeQuery, type StoredMessage, type WriteOptions } from '../messages.js';
import {
  applyPatch,
  checkConvId,
  checkHiddenSpan,
  checkRange,
  checkSeq,
  checkSeqBatch,
  checkText,
  copyMessage,
  expiresAt,
  isLive,
  messageBatch,
  messageRecord,
  patchRecord,
  ttlOf,
  seqOfKey,
} from '../message-records.js';
import { checkAppId, checkUserId } from '../records.js';
import { ExpiryHeap } from './expiry-heap.js';

interface Row {
  msg: StoredMessage;
  exp: number;
}

interface Timeline {
  seqs: number[];
  rows: Map<number, Row>;
}

export class MemoryMessageStore implements MessageStore {
  private readonly timelines = new Map<string, Timeline>();
  private readonly heads = new Map<string, number>();
  /** `${app}\0${user}` -> convId -> seq -> expiry */
  private readonly hiddenSets = new Map<string, Map<string, Map<number, number>>>();
  private readonly expiry = new ExpiryHeap();

  constructor(private readonly clock: Clock) {}

  async append(sdkAppId: number, convId: string, msg: StoredMessage, opts?: WriteOptions): Promise<void> {
    checkConv(sdkAppId, convId);
    this.put(sdkAppId, convId, messageRecord(msg), opts);
  }

  async appendMany(sdkAppId: number, convId: string, msgs: readonly StoredMessage[], opts?: WriteOptions): Promise<void> {
    checkConv(sdkAppId, convId);
    for (const m of messageBatch(msgs)) this.put(sdkAppId, convId, m, opts);
  }

  private put(sdkAppId: number, convId: string, m: StoredMessage, opts?: WriteOptions): void {
    const now = this.sweep();
    const exp = expiresAt(now, ttlOf(opts));
    const id = tid(sdkAppId, convId);
    let t = this.timelines.get(id);
    if (!t) this.timelines.set(id, (t = { seqs: [], rows: new Map() }));
    if (!t.rows.has(m.seq)) insertSorted(t.seqs, m.seq);
    const row: Row = { msg: m, exp };
    t.rows.set(m.seq, row);
    this.heads.set(id, Math.max(this.heads.get(id) ?? 0, m.seq));
    if (exp > 0) this.expiry.add(exp, () => this.dropRow(id, m.seq, row));
  }

  async range(sdkAppId: number, convId: string, query: RangeQuery): Promise<RangePage> {
    checkConv(sdkAppId, convId);
    const q = checkRange(query);
    const t = this.timelines.get(tid(sdkAppId, convId));
    const now = this.clock.nowMs();
    const to = q.to ?? Number.MAX_SAFE_INTEGER;
    const messages: StoredMessage[] = [];
    if (!t || q.from > to) return { messages };
    const seqs = t.seqs;
    const step = q.desc ? -1 : 1;
    let i = q.desc ? lowerBound(seqs, to + 1) - 1 : lowerBound(seqs, q.from);
    for (; i >= 0 && i < seqs.length; i += step) {
      const seq = seqs[i]!;
      if (seq < q.from || seq > to) break;
      const row = t.rows.get(seq)!;
      if (!isLive(row.exp, now)) continue;
      if (messages.length === q.limit) {
        return { messages, next: q.desc ? messages[messages.length - 1]!.seq - 1 : messages[messages.length - 1]!.seq + 1 };
      }
      messages.push(copyMessage(row.msg));
    }
    return { messages };
  }

  async getBySeqs(sdkAppId: number, convId: string, seqs: readonly number[]): Promise<StoredMessage[]> {
    checkConv(sdkAppId, convId);
    const wanted = checkSeqBatch(seqs);
    const t = this.timelines.get(tid(sdkAppId, convId));
    const now = this.clock.nowMs();
    const out: StoredMessage[] = [];
    for (const s of wanted) {
      const row = t?.rows.get(s);
      if (row && isLive(row.exp, now)) out.push(copyMessage(row.msg));
    }
    return out;
  }

  async getByKey(sdkAppId: number, convId: string, key: string): Promise<StoredMessage | undefined> {
    checkConv(sdkAppId, convId);
    checkText(key, 'key', MAX_MSG_KEY_BYTES, false);
    const seq = seqOfKey(key);
    const row = seq === undefined ? undefined : this.timelines.get(tid(sdkAppId, convId))?.rows.get(seq);
    return row && row.msg.key === key && isLive(row.exp, this.clock.nowMs()) ? copyMessage(row.msg) : undefined;
  }

  async patch(sdkAppId: number, convId: string, seq: number, change: MessagePatch): Promise<StoredMessage | undefined> {
    checkConv(sdkAppId, convId);
    checkSeq(seq);
    const p = patchRecord(change);
    const now = this.sweep();
    const row = this.timelines.get(tid(sdkAppId, convId))?.rows.get(seq);
    if (!row || !isLive(row.exp, now)) return undefined;
    row.msg = applyPatch(row.msg, p);
    return copyMessage(row.msg);
  }

  async maxSeq(sdkAppId: number, convId: string): Promise<number> {
    checkConv(sdkAppId, convId);
    return this.heads.get(tid(sdkAppId, convId)) ?? 0;
  }

  async hide(sdkAppId: number, userId: string, convId: string, seqs: readonly number[], opts?: WriteOptions): Promise<void> {
    checkHidden(sdkAppId, userId, convId);
    const list = checkSeqBatch(seqs);
    const now = this.sweep();
    const exp = expiresAt(now, ttlOf(opts));
    if (list.length === 0) return;
    const uid = `${sdkAppId}\u0000${userId}`;
    let convs = this.hiddenSets.get(uid);
    if (!convs) this.hiddenSets.set(uid, (convs = new Map()));
    let set = convs.get(convId);
    if (!set) convs.set(convId, (set = new Map()));
    for (const s of list) {
      set.set(s, exp);
      if (exp > 0) this.expiry.add(exp, () => this.dropHidden(uid, convId, s, exp));
    }
  }

  async hidden(sdkAppId: number, userId: string, convId: string, fromSeq: number, toSeq: number): Promise<number[]> {
    checkHidden(sdkAppId, userId, convId);
    checkHiddenSpan(fromSeq, toSeq);
    const set = this.hiddenSets.get(`${sdkAppId}\u0000${userId}`)?.get(convId);
    const now = this.clock.nowMs();
    if (!set) return [];
    return [...set]
      .filter(([s, exp]) => s >= fromSeq && s <= toSeq && isLive(exp, now))
      .map(([s]) => s)
      .sort((a, b) => a - b);
  }

  private sweep(): number {
    const now = this.clock.nowMs();
    this.expiry.sweep(now);
    return now;
  }

  private dropRow(id: string, seq: number, row: Row): void {
    const t = this.timelines.get(id);
    if (!t || t.rows.get(seq) !== row) return;
    t.rows.delete(seq);
    t.seqs.splice(lowerBound(t.seqs, seq), 1);
    if (t.rows.size === 0) this.timelines.delete(id);
  }

  private dropHidden(uid: string, convId: string, seq: number, exp: number): void {
    const convs = this.hiddenSets.get(uid);
    const set = convs?.get(convId);
    if (!convs || !set || set.get(seq) !== exp) return;
    set.delete(seq);
    if (set.size === 0) convs.delete(convId);
    if (convs.size === 0) this.hiddenSets.delete(uid);
  }
}

const tid = (sdkAppId: number, convId: string): string => `${sdkAppId}\u0000${convId}`;

function checkConv(sdkAppId: number, convId: string): void {
  checkAppId(sdkAppId);
  checkConvId(convId);
}

function checkHidden(sdkAppId: number, userId: string, convId: string): void {
  checkConv(sdkAppId, convId);
  checkUserId(userId);
}

/** First index whose value is >= x. */
function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(a: number[], x: number): void {
  if (a.length === 0 || a[a.length - 1]! < x) a.push(x);
  else a.splice(lowerBound(a, x), 0, x);
}
