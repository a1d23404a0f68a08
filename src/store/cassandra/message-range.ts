// range() over a bucketed timeline: walks the buckets covering [lo, hi] in the requested order,
// one single-partition query each (LIMIT = what the page still needs), and stops when the page is
// full or after MAX_BUCKETS_PER_RANGE buckets, returning a `next` seq so the caller continues.
// The cap bounds one call's work on sparse timelines (old buckets emptied by retention).
import type { Client } from 'cassandra-driver';
import type { RangePage, StoredMessage } from '../messages.js';
import { messageOf } from './message-rows.js';

/** Most bucket partitions one range() call reads. */
export const MAX_BUCKETS_PER_RANGE = 32;

export interface RangeScan {
  client: Client;
  /** SELECT ... WHERE sdkappid = ? AND conv_id = ? AND bucket = ? AND seq >= ? AND seq <= ? ORDER BY seq ASC|DESC LIMIT ? */
  cql: string;
  sdkAppId: number;
  convId: string;
  bucketSize: number;
}

export async function scanRange(s: RangeScan, lo: number, hi: number, limit: number, desc: boolean): Promise<RangePage> {
  const messages: StoredMessage[] = [];
  let cursor = desc ? hi : lo;
  for (let read = 0; desc ? cursor >= lo : cursor <= hi; read++) {
    if (read === MAX_BUCKETS_PER_RANGE) return { messages, next: cursor };
    const bucket = Math.floor(cursor / s.bucketSize);
    const first = bucket * s.bucketSize;
    const [from, to] = desc ? [Math.max(lo, first), cursor] : [cursor, Math.min(hi, first + s.bucketSize - 1)];
    const rs = await s.client.execute(s.cql, [s.sdkAppId, s.convId, bucket, from, to, limit - messages.length], { prepare: true });
    for (const row of rs.rows) messages.push(messageOf(row));
    if (messages.length === limit) {
      const last = messages[limit - 1]!.seq;
      if (desc ? last > lo : last < hi) return { messages, next: desc ? last - 1 : last + 1 };
      return { messages };
    }
    cursor = desc ? from - 1 : to + 1;
  }
  return { messages };
}
