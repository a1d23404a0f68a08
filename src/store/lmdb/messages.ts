// LMDB MessageStore over three sub-databases: "messages" [app, conv, seq] -> { msg, exp } (one
// conversation is one ordered key range, so no buckets are needed), "message_heads" [app, conv]
// -> maxSeq (kept past expiry) and "hidden_messages" [app, user, conv, seq] -> exp. A key is
// looked up at the seq it names (seqOfKey); the "message_keys" index of older data dirs is
// unused. Writes are one transaction each, resolved after the synced commit; retention follows
// the injected clock (expiries.ts). See MessageStore.
import type { Database, Key } from 'lmdb';
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
  expiresAt,
  isLive,
  messageBatch,
  messageRecord,
  patchRecord,
  ttlOf,
  seqOfKey,
} from '../message-records.js';
import { checkAppId, checkUserId } from '../records.js';
import type { LmdbExpiries } from './expiries.js';

export interface StoredRow {
  msg: StoredMessage;
  exp: number;
}

export interface MessageDbs {
  messages: Database<StoredRow, Key>;
  heads: Database<number, Key>;
  hidden: Database<number, Key>;
}

export class LmdbMessageStore implements MessageStore {
  private readonly db: MessageDbs;

  constructor(
    dbs: MessageDbs,
    private readonly expiries: LmdbExpiries,
    private readonly clock: Clock,
  ) {
    this.db = dbs;
    expiries.register('msg', (key, exp) => {
      const row = this.db.messages.get(key);
      if (row?.exp !== exp) return;
      void this.db.messages.remove(key);
    });
    expiries.register('hidden', (key, exp) => {
      if (this.db.hidden.get(key) === exp) void this.db.hidden.remove(key);
    });
  }

  async append(sdkAppId: number, convId: string, msg: StoredMessage, opts?: WriteOptions): Promise<void> {
    checkConv(sdkAppId, convId);
    await this.write(sdkAppId, convId, [messageRecord(msg)], ttlOf(opts));
  }

  /** One transaction: every row and the head commit together. */
  async appendMany(sdkAppId: number, convId: string, msgs: readonly StoredMessage[], opts?: WriteOptions): Promise<void> {
    checkConv(sdkAppId, convId);
    const batch = messageBatch(msgs);
    if (batch.length > 0) await this.write(sdkAppId, convId, batch, ttlOf(opts));
  }

  private write(sdkAppId: number, convId: string, batch: StoredMessage[], ttl: number): Promise<unknown> {
    const { messages, heads } = this.db;
    return messages.transaction(() => {
      const now = this.clock.nowMs();
      this.expiries.sweep(now);
      const exp = expiresAt(now, ttl);
      let top = heads.get([sdkAppId, convId]) ?? 0;
      for (const m of batch) {
        const rowKey = [sdkAppId, convId, m.seq];
        void messages.put(rowKey, { msg: m, exp });
        if (exp > 0) this.expiries.add(exp, 'msg', rowKey);
        top = Math.max(top, m.seq);
      }
      if ((heads.get([sdkAppId, convId]) ?? 0) < top) void heads.put([sdkAppId, convId], top);
    });
  }

  async range(sdkAppId: number, convId: string, query: RangeQuery): Promise<RangePage> {
    checkConv(sdkAppId, convId);
    const q = checkRange(query);
    const to = q.to ?? Number.MAX_SAFE_INTEGER;
    const messages: StoredMessage[] = [];
    if (q.from > to) return { messages };
    const now = this.clock.nowMs();
    const span = q.desc
      ? { start: [sdkAppId, convId, to], end: [sdkAppId, convId, q.from - 1], reverse: true }
      : { start: [sdkAppId, convId, q.from], end: [sdkAppId, convId, to + 1] };
    for (const { value } of this.db.messages.getRange(span)) {
      if (!isLive(value.exp, now)) continue;
      if (messages.length === q.limit) {
        const last = messages[messages.length - 1]!.seq;
        return { messages, next: q.desc ? last - 1 : last + 1 };
      }
      messages.push(value.msg);
    }
    return { messages };
  }

  async getBySeqs(sdkAppId: number, convId: string, seqs: readonly number[]): Promise<StoredMessage[]> {
    checkConv(sdkAppId, convId);
    const now = this.clock.nowMs();
    const out: StoredMessage[] = [];
    for (const s of checkSeqBatch(seqs)) {
      const row = this.db.messages.get([sdkAppId, convId, s]);
      if (row && isLive(row.exp, now)) out.push(row.msg);
    }
    return out;
  }

  async getByKey(sdkAppId: number, convId: string, key: string): Promise<StoredMessage | undefined> {
    checkConv(sdkAppId, convId);
    checkText(key, 'key', MAX_MSG_KEY_BYTES, false);
    const seq = seqOfKey(key);
    const row = seq === undefined ? undefined : this.db.messages.get([sdkAppId, convId, seq]);
    return row && row.msg.key === key && isLive(row.exp, this.clock.nowMs()) ? row.msg : undefined;
  }

  async patch(sdkAppId: number, convId: string, seq: number, change: MessagePatch): Promise<StoredMessage | undefined> {
    checkConv(sdkAppId, convId);
    checkSeq(seq);
    const p = patchRecord(change);
    const { messages } = this.db;
    return messages.transaction(() => {
      const now = this.clock.nowMs();
      this.expiries.sweep(now);
      const rowKey = [sdkAppId, convId, seq];
      const row = messages.get(rowKey);
      if (!row || !isLive(row.exp, now)) return undefined;
      const msg = applyPatch(row.msg, p);
      void messages.put(rowKey, { msg, exp: row.exp });
      return msg;
    });
  }

  async maxSeq(sdkAppId: number, convId: string): Promise<number> {
    checkConv(sdkAppId, convId);
    return this.db.heads.get([sdkAppId, convId]) ?? 0;
  }

  async hide(sdkAppId: number, userId: string, convId: string, seqs: readonly number[], opts?: WriteOptions): Promise<void> {
    checkConv(sdkAppId, convId);
    checkUserId(userId);
    const list = checkSeqBatch(seqs);
    const ttl = ttlOf(opts);
    if (list.length === 0) return;
    const { hidden } = this.db;
    await hidden.transaction(() => {
      const now = this.clock.nowMs();
      this.expiries.sweep(now);
      const exp = expiresAt(now, ttl);
      for (const s of list) {
        const key = [sdkAppId, userId, convId, s];
        void hidden.put(key, exp);
        if (exp > 0) this.expiries.add(exp, 'hidden', key);
      }
    });
  }

  async hidden(sdkAppId: number, userId: string, convId: string, fromSeq: number, toSeq: number): Promise<number[]> {
    checkConv(sdkAppId, convId);
    checkUserId(userId);
    checkHiddenSpan(fromSeq, toSeq);
    const now = this.clock.nowMs();
    const range = this.db.hidden.getRange({ start: [sdkAppId, userId, convId, fromSeq], end: [sdkAppId, userId, convId, toSeq + 1] });
    return [...range.filter(({ value }) => isLive(value, now)).map(({ key }) => (key as Key[])[3] as number)];
  }
}

function checkConv(sdkAppId: number, convId: string): void {
  checkAppId(sdkAppId);
  checkConvId(convId);
}
