// In-process SocialChangeStore: per (sdkAppId, user) the changes in seq order plus the highest seq
// ever appended (kept apart, so pruning never lowers it). Retention is measured against the newest
// appended change's time, not a clock: an append drops the changes older than that minus
// SOCIAL_CHANGE_RETENTION_MS. The peer outbox is a sorted array per user, written in the same
// synchronous step as the changes (so atomically) and never pruned by retention.
// See SocialChangeStore for the contract.
import { checkAppId, checkUserId } from '../records.js';
import { checkChangeRead, copyChange, socialChanges } from '../relationship-records.js';
import { SOCIAL_CHANGE_RETENTION_MS, type SocialChange, type SocialChangeStore } from '../social-changes.js';
import { checkOutboxRead, compareRefs, outboxEvents, outboxRefs, type PeerOutboxEvent, type PeerOutboxRef } from '../peer-outbox.js';
import { ownerKey } from './owner-key.js';

interface Log {
  changes: SocialChange[]; // ascending seq
  maxSeq: number;
  outbox: PeerOutboxEvent[]; // ascending (seq, peer)
}

export class MemorySocialChangeStore implements SocialChangeStore {
  private readonly logs = new Map<string, Log>();

  async appendChanges(sdkAppId: number, userId: string, changes: readonly SocialChange[], outbox?: readonly PeerOutboxEvent[]): Promise<void> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    const recs = socialChanges(changes);
    const events = outboxEvents(outbox, recs).map((e) => ({ ...e, event: structuredClone(e.event) }));
    const key = ownerKey(sdkAppId, userId);
    let log = this.logs.get(key);
    if (!log) this.logs.set(key, (log = { changes: [], maxSeq: 0, outbox: [] }));
    const first = recs[0]!.seq;
    // A given outbox replaces the outbox events of these seqs (see SocialChangeStore).
    if (outbox !== undefined) log.outbox = [...log.outbox.filter((e) => e.seq < first || e.seq > recs[recs.length - 1]!.seq), ...events].sort(compareRefs);
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

  async pendingPeerEvents(sdkAppId: number, userId: string, after: PeerOutboxRef | undefined, limit: number): Promise<PeerOutboxEvent[]> {
    checkOutboxRead(sdkAppId, userId, after, limit);
    const outbox = this.logs.get(ownerKey(sdkAppId, userId))?.outbox ?? [];
    return outbox
      .filter((e) => after === undefined || compareRefs(e, after) > 0)
      .slice(0, limit)
      .map((e) => ({ ...e, event: structuredClone(e.event) }));
  }

  async clearPeerEvents(sdkAppId: number, userId: string, refs: readonly PeerOutboxRef[]): Promise<void> {
    const gone = new Set(outboxRefs(sdkAppId, userId, refs).map((r) => `${r.seq}\u0000${r.peerId}`));
    const log = this.logs.get(ownerKey(sdkAppId, userId));
    if (log) log.outbox = log.outbox.filter((e) => !gone.has(`${e.seq}\u0000${e.peerId}`));
  }

  async maxSeq(sdkAppId: number, userId: string): Promise<number> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    return this.logs.get(ownerKey(sdkAppId, userId))?.maxSeq ?? 0;
  }
}
