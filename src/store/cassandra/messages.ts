// Cassandra MessageStore over messages, message_heads and hidden_messages (message-tables.ts).
// append writes the rows, then raises the head: a head is never above a stored row, so after a
// crash between the two the next owner reclaims that unacknowledged seq (append replaces it)
// instead of leaving a gap. No reads are coalesced: every write to a timeline would invalidate
// them, and one actor owns each timeline anyway.
// A key is read at the seq it names (seqOfKey), so no key index is written: message_keys, created
// by the first migration, is no longer used (migrations are append-only; dropping it is left to a
// release that no longer runs beside one writing it).
// See MessageStore for the contract.
import { type Client, types } from 'cassandra-driver';
import { MAX_MSG_KEY_BYTES, type MessagePatch, type MessageStore, type RangePage, type RangeQuery, type StoredMessage, type WriteOptions } from '../messages.js';
import {
  applyPatch,
  byBucket,
  checkConvId,
  checkHiddenSpan,
  checkRange,
  checkSeq,
  checkSeqBatch,
  checkText,
  messageBatch,
  messageRecord,
  patchRecord,
  ttlOf,
  seqOfKey,
} from '../message-records.js';
import { checkAppId, checkUserId } from '../records.js';
import { type Statement, writeAll } from './batches.js';
import { scanRange } from './message-range.js';
import { MESSAGE_COLUMNS, mapLimited, messageOf, messageValues } from './message-rows.js';
import { toNumber } from './values.js';

/** Most single-partition reads one call keeps in flight (getBySeqs, hidden). */
export const MAX_PARALLEL_READS = 16;

const PART = 'sdkappid = ? AND conv_id = ? AND bucket = ?';

export class CassandraMessageStore implements MessageStore {
  private readonly cql: Record<
    'insert' | 'head' | 'maxSeq' | 'asc' | 'desc' | 'bySeqs' | 'bySeq' | 'patchRead' | 'patch' | 'hide' | 'hidden',
    string
  >;

  constructor(
    private readonly client: Client,
    keyspace: string,
    private readonly bucketSize: number,
  ) {
    const t = `${keyspace}.messages`;
    const marks = MESSAGE_COLUMNS.split(',')
      .map(() => '?')
      .join(', ');
    const range = `SELECT ${MESSAGE_COLUMNS} FROM ${t} WHERE ${PART} AND seq >= ? AND seq <= ? ORDER BY seq`;
    const hiddenPart = 'sdkappid = ? AND user_id = ? AND conv_id = ? AND bucket = ?';
    this.cql = {
      insert: `INSERT INTO ${t} (sdkappid, conv_id, bucket, ${MESSAGE_COLUMNS}) VALUES (?, ?, ?, ${marks}) USING TTL ?`,
      head: `UPDATE ${keyspace}.message_heads USING TIMESTAMP ? SET max_seq = ? WHERE sdkappid = ? AND conv_id = ?`,
      maxSeq: `SELECT max_seq FROM ${keyspace}.message_heads WHERE sdkappid = ? AND conv_id = ?`,
      asc: `${range} ASC LIMIT ?`,
      desc: `${range} DESC LIMIT ?`,
      bySeqs: `SELECT ${MESSAGE_COLUMNS} FROM ${t} WHERE ${PART} AND seq IN ?`,
      bySeq: `SELECT ${MESSAGE_COLUMNS} FROM ${t} WHERE ${PART} AND seq = ?`,
      patchRead: `SELECT ${MESSAGE_COLUMNS}, TTL(msg_key) AS ttl FROM ${t} WHERE ${PART} AND seq = ?`,
      patch: `UPDATE ${t} USING TTL ? SET recalled = ?, edited = ?, body = ?, cloud_custom_data = ?, extra = ? WHERE ${PART} AND seq = ?`,
      hide: `INSERT INTO ${keyspace}.hidden_messages (sdkappid, user_id, conv_id, bucket, seq) VALUES (?, ?, ?, ?, ?) USING TTL ?`,
      hidden: `SELECT seq FROM ${keyspace}.hidden_messages WHERE ${hiddenPart} AND seq >= ? AND seq <= ?`,
    };
  }

  async append(sdkAppId: number, convId: string, msg: StoredMessage, opts?: WriteOptions): Promise<void> {
    checkConv(sdkAppId, convId);
    await this.write(sdkAppId, convId, [messageRecord(msg)], ttlOf(opts));
  }

  async appendMany(sdkAppId: number, convId: string, msgs: readonly StoredMessage[], opts?: WriteOptions): Promise<void> {
    checkConv(sdkAppId, convId);
    const batch = messageBatch(msgs);
    if (batch.length > 0) await this.write(sdkAppId, convId, batch, ttlOf(opts));
  }

  /** Rows as unlogged batches per timeline bucket (one partition each); the head only after them. */
  private async write(sdkAppId: number, convId: string, batch: StoredMessage[], ttl: number): Promise<void> {
    const rows = new Map<number, Statement[]>();
    for (const m of batch) {
      const bucket = this.bucketOf(m.seq);
      const list = rows.get(bucket) ?? [];
      list.push({ query: this.cql.insert, params: [sdkAppId, convId, bucket, ...messageValues(m), ttl] });
      rows.set(bucket, list);
    }
    await Promise.all([...rows.values()].map((list) => writeAll(this.client, list)));
    const top = Math.max(...batch.map((m) => m.seq));
    await this.exec(this.cql.head, [types.Long.fromNumber(top), top, sdkAppId, convId]);
  }

  async range(sdkAppId: number, convId: string, query: RangeQuery): Promise<RangePage> {
    checkConv(sdkAppId, convId);
    const q = checkRange(query);
    const hi = q.to ?? (await this.maxSeq(sdkAppId, convId));
    if (q.from > hi) return { messages: [] };
    const scan = { client: this.client, cql: q.desc ? this.cql.desc : this.cql.asc, sdkAppId, convId, bucketSize: this.bucketSize };
    return scanRange(scan, q.from, hi, q.limit, q.desc);
  }

  async getBySeqs(sdkAppId: number, convId: string, seqs: readonly number[]): Promise<StoredMessage[]> {
    checkConv(sdkAppId, convId);
    const groups = [...byBucket(checkSeqBatch(seqs), this.bucketSize)];
    const pages = await mapLimited(groups, MAX_PARALLEL_READS, async ([bucket, list]) =>
      (await this.exec(this.cql.bySeqs, [sdkAppId, convId, bucket, list])).rows.map(messageOf),
    );
    return pages.flat().sort((a, b) => a.seq - b.seq);
  }

  async getByKey(sdkAppId: number, convId: string, key: string): Promise<StoredMessage | undefined> {
    checkConv(sdkAppId, convId);
    checkText(key, 'key', MAX_MSG_KEY_BYTES, false);
    const seq = seqOfKey(key);
    if (seq === undefined) return undefined;
    const row = (await this.exec(this.cql.bySeq, [sdkAppId, convId, this.bucketOf(seq), seq])).first();
    const msg = row ? messageOf(row) : undefined;
    // The seq may have been reclaimed by another message, whose key differs.
    return msg?.key === key ? msg : undefined;
  }

  async patch(sdkAppId: number, convId: string, seq: number, change: MessagePatch): Promise<StoredMessage | undefined> {
    checkConv(sdkAppId, convId);
    checkSeq(seq);
    const p = patchRecord(change);
    const bucket = this.bucketOf(seq);
    const row = (await this.exec(this.cql.patchRead, [sdkAppId, convId, bucket, seq])).first();
    if (!row) return undefined;
    const msg = applyPatch(messageOf(row), p);
    // Re-written cells get the row's remaining TTL, so the patch does not outlive the message.
    const ttl = (row.get('ttl') as number | null) ?? 0;
    const { recalled, edited } = msg.flags;
    const cells = [recalled, edited, JSON.stringify(msg.body), msg.cloudCustomData ?? '', JSON.stringify(msg.extra)];
    await this.exec(this.cql.patch, [ttl, ...cells, sdkAppId, convId, bucket, seq]);
    return msg;
  }

  async maxSeq(sdkAppId: number, convId: string): Promise<number> {
    checkConv(sdkAppId, convId);
    const row = (await this.exec(this.cql.maxSeq, [sdkAppId, convId])).first();
    return row ? toNumber(row.get('max_seq')) : 0;
  }

  async hide(sdkAppId: number, userId: string, convId: string, seqs: readonly number[], opts?: WriteOptions): Promise<void> {
    checkConv(sdkAppId, convId);
    checkUserId(userId);
    const list = checkSeqBatch(seqs);
    const ttl = ttlOf(opts);
    // One batch per bucket partition (writeAll splits by size), all buckets at once.
    await Promise.all(
      [...byBucket(list, this.bucketSize)].map(([bucket, inBucket]) =>
        writeAll(
          this.client,
          inBucket.map((s) => ({ query: this.cql.hide, params: [sdkAppId, userId, convId, bucket, s, ttl] })),
        ),
      ),
    );
  }

  async hidden(sdkAppId: number, userId: string, convId: string, fromSeq: number, toSeq: number): Promise<number[]> {
    checkConv(sdkAppId, convId);
    checkUserId(userId);
    checkHiddenSpan(fromSeq, toSeq);
    const buckets: number[] = [];
    for (let b = Math.floor(fromSeq / this.bucketSize); b <= Math.floor(toSeq / this.bucketSize); b++) buckets.push(b);
    const pages = await mapLimited(buckets, MAX_PARALLEL_READS, async (bucket) =>
      (await this.exec(this.cql.hidden, [sdkAppId, userId, convId, bucket, fromSeq, toSeq])).rows.map((r) => toNumber(r.get('seq'))),
    );
    return pages.flat();
  }

  private bucketOf(seq: number): number {
    return Math.floor(seq / this.bucketSize);
  }

  private exec(cql: string, params: unknown[]): Promise<types.ResultSet> {
    return this.client.execute(cql, params, { prepare: true });
  }
}

function checkConv(sdkAppId: number, convId: string): void {
  checkAppId(sdkAppId);
  checkConvId(convId);
}
