// The per-user social change log (issue 4 point 5): friend added/deleted, request received or
// answered, a friend's profile changed, blocklist changed. A device that was away asks for the
// changes after the last seq it saw. The writer is the user's single-writer actor: it assigns seq
// = maxSeq + 1, +1 per change with no gaps (a failed append is retried with the same seqs), and a
// new owner after failover resumes from maxSeq, which never steps back. Changes are kept for
// SOCIAL_CHANGE_RETENTION_MS; a device whose next seq is gone must resync in full.

import type { PeerOutboxEvent, PeerOutboxRef } from './peer-outbox.js';
import type { JsonValue } from './relationships.js';

export interface SocialChange {
  /** Positive integer, +1 per change of this user. */
  seq: number;
  /** Domain-defined kind, e.g. "friend_added": a letter then letters, digits, '_', '.', '-'. */
  kind: string;
  time: number;
  /** Domain payload, JSON of at most MAX_SOCIAL_CHANGE_BYTES. */
  data: JsonValue;
}

/** How long a change is kept (time-to-live in Cassandra; LMDB and memory prune by change time). */
export const SOCIAL_CHANGE_RETENTION_MS = 30 * 24 * 3600 * 1000;
/** Seqs per storage partition (Cassandra), so a user's log never makes one unbounded partition. */
export const SOCIAL_CHANGE_BUCKET = 1000;
/** Most changes in one append (a friend_delete_all is one change, not one per friend). */
export const MAX_SOCIAL_CHANGES_PER_APPEND = 100;
/** Largest change payload as JSON, in UTF-8 bytes: changes say what changed, devices fetch details. */
export const MAX_SOCIAL_CHANGE_BYTES = 2048;
/** Most changes one changesSince returns. */
export const MAX_SOCIAL_CHANGES_PER_READ = 1000;

export interface SocialChangeStore {
  /**
   * Appends changes with consecutive seqs (checked within the call). Writing a seq again replaces
   * it (a retried append is harmless). Resolves once durable; maxSeq then covers the last seq.
   * `outbox` (peer-outbox.ts) holds peer-side events of these changes (each seq one of theirs),
   * replacing any outbox events of these seqs (only when given, even empty), stored with them:
   * memory and LMDB in one transaction; Cassandra writes the outbox first, so a
   * failed append may leave outbox events above maxSeq, which the writer must clear before it
   * appends those seqs again (pendingPeerEvents after { seq: maxSeq + 1, peerId: '' }).
   */
  appendChanges(sdkAppId: number, userId: string, changes: readonly SocialChange[], outbox?: readonly PeerOutboxEvent[]): Promise<void>;
  /** Outbox events after the cursor (all when absent), ascending by seq then peer, at most `limit`
   *  (1..MAX_SOCIAL_CHANGES_PER_READ). Not subject to the change log's retention. */
  pendingPeerEvents(sdkAppId: number, userId: string, after: PeerOutboxRef | undefined, limit: number): Promise<PeerOutboxEvent[]>;
  /** Removes these outbox events (delivered or given up); idempotent; at most MAX_SOCIAL_BATCH. */
  clearPeerEvents(sdkAppId: number, userId: string, refs: readonly PeerOutboxRef[]): Promise<void>;
  /**
   * The retained changes with seq > afterSeq, ascending, at most `limit` (1..MAX_SOCIAL_CHANGES_PER_READ).
   * Fewer than `limit` means no newer change was retained at the time of the read. Where changes
   * after afterSeq expired, the result may be cut at the gap or empty: if the first one returned
   * is not afterSeq + 1, or none is returned while maxSeq > afterSeq, the device resyncs in full.
   */
  changesSince(sdkAppId: number, userId: string, afterSeq: number, limit: number): Promise<SocialChange[]>;
  /** Highest seq ever appended for the user (0 when none), also after every change expired. */
  maxSeq(sdkAppId: number, userId: string): Promise<number>;
}
