// LMDB NoSpeakingStore: the "no_speaking" sub-database keyed by [sdkAppId, userId]. set is a
// read-modify-write inside one write transaction (a partial change keeps the other deadline);
// a row whose both deadlines become 0 is removed. See NoSpeakingStore for the contract.
import type { Database, RootDatabase } from 'lmdb';
import type { NoSpeakingChange, NoSpeakingRecord, NoSpeakingStore } from '../no-speaking.js';
import { NOT_MUTED, applyChange, checkNoSpeakingBatch, checkNoSpeakingChange, isUnset } from '../no-speaking-records.js';
import { checkAppId, checkUserId } from '../records.js';

type Key = [sdkAppId: number, userId: string];

export class LmdbNoSpeakingStore implements NoSpeakingStore {
  constructor(private readonly db: Database<NoSpeakingRecord, Key>) {}

  static open(root: RootDatabase): LmdbNoSpeakingStore {
    return new LmdbNoSpeakingStore(root.openDB<NoSpeakingRecord, Key>({ name: 'no_speaking' }));
  }

  async set(sdkAppId: number, userId: string, change: NoSpeakingChange): Promise<void> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    const c = checkNoSpeakingChange(change);
    const key: Key = [sdkAppId, userId];
    await this.db.transaction(() => {
      const next = applyChange(this.db.get(key) ?? NOT_MUTED, c);
      void (isUnset(next) ? this.db.remove(key) : this.db.put(key, next));
    });
  }

  async get(sdkAppId: number, userId: string): Promise<NoSpeakingRecord> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    const r = this.db.get([sdkAppId, userId]);
    return r ? { c2cUntil: r.c2cUntil, groupUntil: r.groupUntil } : { ...NOT_MUTED };
  }

  async getMany(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, NoSpeakingRecord>> {
    checkAppId(sdkAppId);
    const ids = checkNoSpeakingBatch(userIds);
    const out = new Map<string, NoSpeakingRecord>();
    // Synchronous gets inside one event turn read from the same snapshot.
    for (const id of ids) {
      const r = this.db.get([sdkAppId, id]);
      if (r) out.set(id, { c2cUntil: r.c2cUntil, groupUntil: r.groupUntil });
    }
    return out;
  }
}
