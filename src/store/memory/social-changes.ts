// In-process SocialChangeStore: per (sdkAppId, user) the changes in seq order plus the highest seq
// ever appended (kept apart, so pruning never lowers it). Retention is measured against the newest
// appended change's time, not a clock: an append drops the changes older than that minus
// SOCIAL_CHANGE_RETENTION_MS. See SocialChangeStore for the contract.
import { checkAppId, checkUserId } from '../records.js';
import { checkChangeRead, copyChange, socialChanges } from '../relationship-records.js';
import { SOCIAL_CHANGE_RETENTION_MS, type SocialChange, type SocialChangeStore } from '../social-changes.js';
import { ownerKey } from './owner-key.js';

interface Log {
  changes: SocialChange[]; // ascending seq
  maxSeq: number;
}

export class MemorySocialChangeStore implements SocialChangeStore {
  private readonly logs = new Map<string, Log>();

  async appendChanges(sdkAppId: number, userId: string, changes: readonly SocialChange[]): Promise<void> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    const recs = socialChanges(changes);
    const key = ownerKey(sdkAppId, userId);
    let log = this.logs.get(key);
    if (!log) this.logs.set(key, (log = { changes: [], maxSeq: 0 }));
    const first = recs[0]!.seq;
    // Seqs are consecutive, so a retried append replaces a suffix-overlapping run in place.
    const kept = log.changes.filter((c) => c.seq < first || c.seq > recs[recs.length - 1]!.seq);
    log.changes = [...kept, ...recs].sort((a, b) => a.seq - b.seq);
    log.maxSeq = Math.max(log.maxSeq, recs[recs.length - 1]!.seq);
    const horizon = Math.max(...recs.map((c) => c.time)) - SOCIAL_CHANGE_RETENTION_MS;
    const firstKept = log.changes.findIndex((c) => c.time >= horizon);
    log.changes.splice(0, firstKept === -1 ? log.changes.length : firstKept);
  }

  async changesSince(sdkAppId: number, userId: string, afterSeq: number, limit: number): Promise<SocialChange[]> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    checkChangeRead(afterSeq, limit);
    const log = this.logs.get(ownerKey(sdkAppId, userId));
    return (log?.changes ?? []).filter((c) => c.seq > afterSeq).slice(0, limit).map(copyChange);
  }

  async maxSeq(sdkAppId: number, userId: string): Promise<number> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    return this.logs.get(ownerKey(sdkAppId, userId))?.maxSeq ?? 0;
  }
}
