// LMDB SocialChangeStore: the "social_changes" sub-database keyed by [sdkAppId, user, seq], so a
// user's log is one range in seq order and maxSeq is its last key. Retention is measured against
// the newest appended change's time (no clock): an append prunes, in the same transaction, the
// oldest changes older than SOCIAL_CHANGE_RETENTION_MS before it; the newest change is never
// pruned, so maxSeq never steps back. data is kept as JSON text, as in Cassandra.
import type { Database, Key } from 'lmdb';
import { checkChangeRead, socialChanges } from '../relationship-records.js';
import type { JsonValue } from '../relationships.js';
import { SOCIAL_CHANGE_RETENTION_MS, type SocialChange, type SocialChangeStore } from '../social-changes.js';
import { checkOwner } from '../social-records.js';
import { under } from './key-range.js';

export interface StoredChange {
  kind: string;
  time: number;
  data: string; // JSON
}

export class LmdbSocialChangeStore implements SocialChangeStore {
  constructor(private readonly db: Database<StoredChange, Key>) {}

  async appendChanges(sdkAppId: number, userId: string, changes: readonly SocialChange[]): Promise<void> {
    checkOwner(sdkAppId, userId);
    const recs = socialChanges(changes);
    const horizon = Math.max(...recs.map((c) => c.time)) - SOCIAL_CHANGE_RETENTION_MS;
    await this.db.transaction(() => {
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
