// The outbox of two-sided social operations (docs/social-graph.md, consistency): the peer-side
// events a user's actor still owes other users' actors, stored with the change that caused them
// (appendChanges' `outbox`), so an acknowledged operation's peer side survives a crash. Keyed by
// (seq of the sender's change, peer); listed oldest first; cleared one by one as peers accept.
// Outbox events never expire with the change log: the actor gives up on them after its own bound.
import type { JsonValue } from './relationships.js';
import { checkOwner, checkRecordBatch, checkTime, compareCodePoints, describe, jsonValue, utf8Bytes } from './social-records.js';
import { checkUserId } from './records.js';
import { MAX_SOCIAL_CHANGE_BYTES, MAX_SOCIAL_CHANGES_PER_READ, type SocialChange } from './social-changes.js';

/** Most outbox events one append carries (a delete-all of 3 000 friends is one append). */
export const MAX_PEER_EVENTS_PER_APPEND = 5000;

/** One pending peer-side event; its idempotency key is derived from (owner, seq). */
export interface PeerOutboxEvent {
  /** Seq of the owner's change the event belongs to (one of the changes appended with it). */
  seq: number;
  peerId: string;
  time: number;
  /** Domain payload, JSON of at most MAX_SOCIAL_CHANGE_BYTES. */
  event: JsonValue;
}

/** Where an outbox event is, for clearing it and as a read cursor (peerId '' sorts first). */
export interface PeerOutboxRef {
  seq: number;
  peerId: string;
}

function seqOf(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new RangeError(`${what} must be a non-negative integer, got ${describe(v)}`);
  return v;
}

/** Validated copies of an append's outbox: each seq one of the appended changes', (seq, peer) distinct. */
export function outboxEvents(outbox: unknown, changes: readonly SocialChange[]): PeerOutboxEvent[] {
  if (outbox === undefined) return [];
  if (!Array.isArray(outbox)) throw new TypeError(`outbox must be an array, got ${describe(outbox)}`);
  if (outbox.length > MAX_PEER_EVENTS_PER_APPEND) throw new RangeError(`outbox takes at most ${MAX_PEER_EVENTS_PER_APPEND} events, got ${outbox.length}`);
  const first = changes[0]!.seq;
  const last = changes[changes.length - 1]!.seq;
  const seen = new Set<string>();
  return outbox.map((e: PeerOutboxEvent, i): PeerOutboxEvent => {
    if (typeof e !== 'object' || e === null) throw new TypeError(`outbox[${i}] must be an object, got ${describe(e)}`);
    const seq = seqOf(e.seq, `outbox[${i}].seq`);
    if (seq < first || seq > last) throw new RangeError(`outbox[${i}].seq must be one of the appended seqs ${first}..${last}, got ${seq}`);
    checkUserId(e.peerId);
    checkTime(e.time, `outbox[${i}].time`);
    const event = jsonValue(e.event, `outbox[${i}].event`);
    if (utf8Bytes(JSON.stringify(event)) > MAX_SOCIAL_CHANGE_BYTES) throw new RangeError(`outbox[${i}].event must be at most ${MAX_SOCIAL_CHANGE_BYTES} bytes as JSON`);
    const id = `${seq}\u0000${e.peerId}`;
    if (seen.has(id)) throw new RangeError(`outbox has two events for seq ${seq} and peer ${e.peerId}`);
    seen.add(id);
    return { seq, peerId: e.peerId, time: e.time, event };
  });
}

/** A read cursor: absent reads from the start; peerId '' stands for "before every peer of seq". */
export function checkOutboxRead(sdkAppId: unknown, userId: unknown, after: unknown, limit: unknown): void {
  checkOwner(sdkAppId, userId);
  if (after !== undefined) {
    if (typeof after !== 'object' || after === null) throw new TypeError(`after must be an object, got ${describe(after)}`);
    const a = after as PeerOutboxRef;
    seqOf(a.seq, 'after.seq');
    if (a.peerId !== '') checkUserId(a.peerId);
  }
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1 || limit > MAX_SOCIAL_CHANGES_PER_READ) {
    throw new RangeError(`limit must be an integer in 1..${MAX_SOCIAL_CHANGES_PER_READ}, got ${describe(limit)}`);
  }
}

/** Validated, distinct refs to clear (at most MAX_SOCIAL_BATCH). */
export function outboxRefs(sdkAppId: unknown, userId: unknown, refs: unknown): PeerOutboxRef[] {
  checkOwner(sdkAppId, userId);
  return checkRecordBatch<PeerOutboxRef>(refs, 'refs', (r) => {
    if (typeof r !== 'object' || r === null) throw new TypeError(`refs[] must be objects, got ${describe(r)}`);
    const seq = seqOf(r.seq, 'ref.seq');
    if (seq === 0) throw new RangeError('ref.seq must be positive, got 0');
    checkUserId(r.peerId);
    return { seq, peerId: r.peerId };
  });
}

/** Ascending (seq, peer in code-point order): the order every implementation lists in. */
export function compareRefs(a: PeerOutboxRef, b: PeerOutboxRef): number {
  return a.seq !== b.seq ? a.seq - b.seq : compareCodePoints(a.peerId, b.peerId);
}
