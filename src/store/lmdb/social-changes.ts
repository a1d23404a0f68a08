// LMDB SocialChangeStore: the "social_changes" sub-database keyed by [sdkAppId, user, seq], so a
// user's log is one range in seq order and maxSeq is its last key. Retention is measured against
// the newest appended change's time (no clock): an append prunes, in the same transaction, the
// oldest changes older than SOCIAL_CHANGE_RETENTION_MS before it; the newest change is never
// pruned, so maxSeq never steps back. data is kept as JSON text, as in Cassandra. The peer outbox
// is the "social_outbox" sub-database keyed by [sdkAppId, user, seq, peer], written in the same
// transaction as the changes (one environment, so one commit) and never pruned by retention.
import type { Database, Key } from 'lmdb';
import { checkChangeRead, socialChanges } from '../relationship-records.js';
import type { JsonValue } from '../relationships.js';
import { checkOutboxRead, outboxEvents, outboxRefs, type PeerOutboxEvent, type PeerOutboxRef } from '../peer-outbox.js';
import { SOCIAL_CHANGE_RETENTION_MS, type SocialChange, type SocialChangeStore } from '../social-changes.js';
import { checkOwner } from '../social-records.js';
import { under } from './key-range.js';

export interface StoredChange {
  kind: string;
  time: number;
  data: string; // JSON
}

export interface StoredPeerEvent {
  time: number;
  event: string; // JSON
}

export class LmdbSocialChangeStore implements SocialChangeStore {
  constructor(
    private readonly db: Database<StoredChange, Key>,
    private readonly outbox: Database<StoredPeerEvent, Key>,
  ) {}

  async appendChanges(sdkAppId: number, userId: string, changes: readonly SocialChange[], outbox?: readonly PeerOutboxEvent[]): Promise<void> {
    checkOwner(sdkAppId, userId);
    const recs = socialChanges(changes);
    const events = outboxEvents(outbox, recs);
    const horizon = Math.max(...recs.map((c) => c.time)) - SOCIAL_CHANGE_RETENTION_MS;
    const [first, last] = [recs[0]!.seq, recs[recs.length - 1]!.seq];
    await this.db.transaction(() => {
      // A given outbox replaces the outbox events of these seqs (see SocialChangeStore).
      const stale = outbox === undefined ? [] : [...this.outbox.getKeys({ start: [sdkAppId, userId, first], end: [sdkAppId, userId, last + 1] })];
      for (const key of stale) void this.outbox.remove(key);
      for (const e of events) void this.outbox.put([sdkAppId, userId, e.seq, e.peerId], { time: e.time, event: JSON.stringify(e.event) });
      for (const c of recs) void this.db.put([sdkAppId, userId, c.seq], { kind: c.kind, time: c.time, data: JSON.stringify(c.data) });
      const expired: Key[] = [];
      for (const { key, value } of this.db.getRange(under([sdkAppId, userId]))) {
        if (value.time >= horizon) break;
        expired.push(key);
      }
      for (const key of expired) void this.db.remove(key);
    });
  }

  async changesSince(sdkAppId: number, userId: string, afterSeq: number, limit: number): Promise<SocialChange[]> {
    checkOwner(sdkAppId, userId);
    checkChangeRead(afterSeq, limit);
    return [
      ...this.db.getRange({ ...under([sdkAppId, userId], afterSeq), limit }).map(({ key, value }) => ({
        seq: (key as Key[])[2] as number,
        kind: value.kind,
        time: value.time,
        data: JSON.parse(value.data) as JsonValue,
      })),
    ];
  }

  async pendingPeerEvents(sdkAppId: number, userId: string, after: PeerOutboxRef | undefined, limit: number): Promise<PeerOutboxEvent[]> {
    checkOutboxRead(sdkAppId, userId, after, limit);
    // The rest of the cursor's seq, then every later seq ([.., seq + 1] sorts before its rows).
    const ranges =
      after === undefined
        ? [under([sdkAppId, userId])]
        : [under([sdkAppId, userId, after.seq], after.peerId), { start: [sdkAppId, userId, after.seq + 1], end: under([sdkAppId, userId]).end }];
    const out: PeerOutboxEvent[] = [];
    for (const range of ranges) {
      if (out.length >= limit) break;
      for (const { key, value } of this.outbox.getRange({ ...range, limit: limit - out.length })) {
        const k = key as Key[];
        out.push({ seq: k[2] as number, peerId: k[3] as string, time: value.time, event: JSON.parse(value.event) as JsonValue });
      }
    }
    return out;
  }

  async clearPeerEvents(sdkAppId: number, userId: string, refs: readonly PeerOutboxRef[]): Promise<void> {
    const gone = outboxRefs(sdkAppId, userId, refs);
    if (gone.length === 0) return;
    await this.outbox.transaction(() => {
      for (const r of gone) void this.outbox.remove([sdkAppId, userId, r.seq, r.peerId]);
    });
  }

  async maxSeq(sdkAppId: number, userId: string): Promise<number> {
    checkOwner(sdkAppId, userId);
    for (const key of this.db.getKeys({ ...reverse(under([sdkAppId, userId])), limit: 1 })) return (key as Key[])[2] as number;
    return 0;
  }
}

/** The same range walked from its end. */
function reverse(r: { start?: Key; end?: Key }): { start?: Key; end?: Key; reverse: true } {
  return { start: r.end, end: r.start, reverse: true };
}
