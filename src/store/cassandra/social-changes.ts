// Cassandra SocialChangeStore over <ks>.social_changes, partition (sdkappid, user_id, bucket) with
// bucket = floor(seq / SOCIAL_CHANGE_BUCKET) and clustering seq, kept for the table's default TTL
// (SOCIAL_CHANGE_RETENTION_MS); and <ks>.social_change_heads, one row per user with max_seq, no TTL.
// Gotchas: the head is written after the changes (a crash in between only makes the next owner
// rewrite seqs nobody was told about) and USING TIMESTAMP = its seq, so a late write from a stale
// owner can never lower it. Reads walk buckets from afterSeq and stop at the first bucket that
// does not end full, which relies on the writer's consecutive seqs (social-changes.ts).
// The peer outbox (<ks>.social_outbox, one partition per owner) is written before the changes:
// a failed append can leave events above maxSeq, never changes whose events are missing.
import type { Client, types } from 'cassandra-driver';
import { checkChangeRead, socialChanges } from '../relationship-records.js';
import type { JsonValue } from '../relationships.js';
import { checkOutboxRead, outboxEvents, outboxRefs, type PeerOutboxEvent, type PeerOutboxRef } from '../peer-outbox.js';
import { SOCIAL_CHANGE_BUCKET, type SocialChange, type SocialChangeStore } from '../social-changes.js';
import { checkOwner } from '../social-records.js';
import { writeAll } from './batches.js';
import { toNumber } from './values.js';

const bucketOf = (seq: number): number => Math.floor(seq / SOCIAL_CHANGE_BUCKET);
const lastSeqOf = (bucket: number): number => (bucket + 1) * SOCIAL_CHANGE_BUCKET - 1;

export class CassandraSocialChangeStore implements SocialChangeStore {
  private readonly cql: Record<'append' | 'head' | 'read' | 'max' | 'outPut' | 'outDrop' | 'outClear' | 'outFirst' | 'outAfter', string>;

  constructor(
    private readonly client: Client,
    keyspace: string,
  ) {
    this.cql = {
      append: `INSERT INTO ${keyspace}.social_changes (sdkappid, user_id, bucket, seq, kind, time, data) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      head: `UPDATE ${keyspace}.social_change_heads USING TIMESTAMP ? SET max_seq = ? WHERE sdkappid = ? AND user_id = ?`,
      read: `SELECT seq, kind, time, data FROM ${keyspace}.social_changes WHERE sdkappid = ? AND user_id = ? AND bucket = ? AND seq > ? LIMIT ?`,
      max: `SELECT max_seq FROM ${keyspace}.social_change_heads WHERE sdkappid = ? AND user_id = ?`,
      outPut: `INSERT INTO ${keyspace}.social_outbox (sdkappid, user_id, seq, peer_id, time, event) VALUES (?, ?, ?, ?, ?, ?)`,
      outDrop: `DELETE FROM ${keyspace}.social_outbox WHERE sdkappid = ? AND user_id = ? AND seq >= ? AND seq <= ?`,
      outClear: `DELETE FROM ${keyspace}.social_outbox WHERE sdkappid = ? AND user_id = ? AND seq = ? AND peer_id = ?`,
      outFirst: `SELECT seq, peer_id, time, event FROM ${keyspace}.social_outbox WHERE sdkappid = ? AND user_id = ? LIMIT ?`,
      outAfter: `SELECT seq, peer_id, time, event FROM ${keyspace}.social_outbox WHERE sdkappid = ? AND user_id = ? AND (seq, peer_id) > (?, ?) LIMIT ?`,
    };
  }

  async appendChanges(sdkAppId: number, userId: string, changes: readonly SocialChange[], outbox?: readonly PeerOutboxEvent[]): Promise<void> {
    checkOwner(sdkAppId, userId);
    const recs = socialChanges(changes);
    const events = outboxEvents(outbox, recs);
    if (outbox !== undefined) {
      // Replaces the outbox of these seqs; only when one is given, to leave no range tombstone
      // per ordinary append. The driver's monotonic timestamps order the delete before the inserts.
      await this.client.execute(this.cql.outDrop, [sdkAppId, userId, recs[0]!.seq, recs[recs.length - 1]!.seq]);
      await writeAll(
        this.client,
        events.map((e) => ({ query: this.cql.outPut, params: [sdkAppId, userId, e.seq, e.peerId, e.time, JSON.stringify(e.event)] })),
      );
    }
    await writeAll(
      this.client,
      recs.map((c) => ({ query: this.cql.append, params: [sdkAppId, userId, bucketOf(c.seq), c.seq, c.kind, c.time, JSON.stringify(c.data)] })),
    );
    const last = recs[recs.length - 1]!.seq;
    await this.client.execute(this.cql.head, [last, last, sdkAppId, userId]);
  }

  async changesSince(sdkAppId: number, userId: string, afterSeq: number, limit: number): Promise<SocialChange[]> {
    checkOwner(sdkAppId, userId);
    checkChangeRead(afterSeq, limit);
    const out: SocialChange[] = [];
    for (let bucket = bucketOf(afterSeq + 1); out.length < limit; bucket++) {
      const from = out.length > 0 ? out[out.length - 1]!.seq : afterSeq;
      const rs = await this.client.execute(this.cql.read, [sdkAppId, userId, bucket, from, limit - out.length]);
      for (const row of rs.rows) out.push(fromRow(row));
      // A bucket that does not end with its last seq is the newest one (or expired past it).
      if (rs.rows.length === 0 || out[out.length - 1]!.seq !== lastSeqOf(bucket)) break;
    }
    return out;
  }

  async pendingPeerEvents(sdkAppId: number, userId: string, after: PeerOutboxRef | undefined, limit: number): Promise<PeerOutboxEvent[]> {
    checkOutboxRead(sdkAppId, userId, after, limit);
    const rs =
      after === undefined
        ? await this.client.execute(this.cql.outFirst, [sdkAppId, userId, limit])
        : await this.client.execute(this.cql.outAfter, [sdkAppId, userId, after.seq, after.peerId, limit]);
    return rs.rows.map((row) => ({
      seq: toNumber(row.get('seq')),
      peerId: row.get('peer_id') as string,
      time: toNumber(row.get('time')),
      event: JSON.parse(row.get('event') as string) as JsonValue,
    }));
  }

  async clearPeerEvents(sdkAppId: number, userId: string, refs: readonly PeerOutboxRef[]): Promise<void> {
    const gone = outboxRefs(sdkAppId, userId, refs);
    await writeAll(this.client, gone.map((r) => ({ query: this.cql.outClear, params: [sdkAppId, userId, r.seq, r.peerId] })));
  }

  async maxSeq(sdkAppId: number, userId: string): Promise<number> {
    checkOwner(sdkAppId, userId);
    return toNumber((await this.client.execute(this.cql.max, [sdkAppId, userId])).first()?.get('max_seq'));
  }
}

function fromRow(row: types.Row): SocialChange {
  return {
    seq: toNumber(row.get('seq')),
    kind: row.get('kind') as string,
    time: toNumber(row.get('time')),
    data: JSON.parse(row.get('data') as string) as JsonValue,
  };
}
