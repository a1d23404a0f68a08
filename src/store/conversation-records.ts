// Boundary guards for ConversationStore (conversations.ts), plus the row model the memory and LMDB
// implementations share: a row may be partial (only a read position or a pin) until an upsert
// gives it a type, exactly like the Cassandra table, so all three behave the same.
// NoUnread entries carry their own expiry (unix ms, 0 = never) and are dropped once read past.
import {
  CONVERSATION_TYPES,
  type ConversationCursor,
  type ConversationRecord,
  type ConversationType,
  type ConversationUpsert,
  MAX_CONVERSATION_PAGE,
  MAX_CONVERSATIONS_PER_GET,
} from './conversations.js';
import { checkConvId, checkInt, checkSeq, checkText, describe, expiresAt, isLive, jsonCopy, ttlOf } from './message-records.js';
import { checkAppId, checkUserId } from './records.js';
import type { JsonValue } from './relationships.js';

/** Longest peer (user id or group id) in UTF-8 bytes. */
export const MAX_PEER_BYTES = 64;
/** Storage guard on lastMsg's JSON; a summary is far smaller. */
export const MAX_LAST_MSG_BYTES = 16 * 1024;

export function checkOwnerKey(sdkAppId: unknown, owner: unknown, convId: unknown): void {
  checkAppId(sdkAppId);
  checkUserId(owner);
  checkConvId(convId);
}

/** Distinct convIds of a batch, first-seen order. */
export function checkConvIdBatch(convIds: unknown): string[] {
  if (!Array.isArray(convIds)) throw new TypeError(`convIds must be an array, got ${describe(convIds)}`);
  const distinct = [...new Set<unknown>(convIds)];
  if (distinct.length > MAX_CONVERSATIONS_PER_GET) {
    throw new RangeError(`convIds takes at most ${MAX_CONVERSATIONS_PER_GET} ids, got ${distinct.length}`);
  }
  for (const c of distinct) checkConvId(c);
  return distinct as string[];
}

/** A validated upsert; noUnreadTtlSec resolved (0 = never). */
export interface CheckedUpsert extends ConversationUpsert {
  noUnreadTtlSec: number;
}

export function upsertRecord(u: ConversationUpsert): CheckedUpsert {
  if (typeof u !== 'object' || u === null) throw new TypeError(`conversation change must be an object, got ${describe(u)}`);
  if (!CONVERSATION_TYPES.includes(u.type)) throw new RangeError(`type must be one of ${CONVERSATION_TYPES.join('|')}, got ${describe(u.type)}`);
  checkText(u.peer, 'peer', MAX_PEER_BYTES, false);
  checkInt(u.at, 'at');
  const out: CheckedUpsert = { type: u.type, peer: u.peer, at: u.at, noUnreadTtlSec: ttlOf({ ttlSec: u.noUnreadTtlSec }) };
  if (u.lastSeq !== undefined) {
    checkInt(u.lastSeq, 'lastSeq');
    out.lastSeq = u.lastSeq;
  }
  if (u.lastTime !== undefined) {
    checkInt(u.lastTime, 'lastTime');
    out.lastTime = u.lastTime;
  }
  if (u.lastMsg !== undefined) out.lastMsg = jsonCopy(u.lastMsg, 'lastMsg', MAX_LAST_MSG_BYTES);
  if (u.deleted !== undefined) {
    if (typeof u.deleted !== 'boolean') throw new TypeError(`deleted must be a boolean, got ${describe(u.deleted)}`);
    out.deleted = u.deleted;
  }
  if (u.noUnreadSeq !== undefined) {
    checkSeq(u.noUnreadSeq, 'noUnreadSeq');
    out.noUnreadSeq = u.noUnreadSeq;
  }
  return out;
}

export function checkPage(page: unknown): { after: ConversationCursor | undefined; limit: number; includeDeleted: boolean } {
  if (typeof page !== 'object' || page === null) throw new TypeError(`page must be an object, got ${describe(page)}`);
  const p = page as { after?: ConversationCursor; limit?: unknown; includeDeleted?: unknown };
  checkInt(p.limit, 'limit', 1, MAX_CONVERSATION_PAGE);
  if (p.includeDeleted !== undefined && typeof p.includeDeleted !== 'boolean') {
    throw new TypeError(`includeDeleted must be a boolean, got ${describe(p.includeDeleted)}`);
  }
  let after: ConversationCursor | undefined;
  if (p.after !== undefined) {
    if (typeof p.after !== 'object' || p.after === null) throw new TypeError(`after must be a cursor object, got ${describe(p.after)}`);
    checkInt(p.after.lastTime, 'after.lastTime');
    checkConvId(p.after.convId);
    after = { lastTime: p.after.lastTime, convId: p.after.convId };
  }
  return { after, limit: p.limit as number, includeDeleted: p.includeDeleted === true };
}

/** List order: lastTime desc, then convId asc (code-unit order, as Cassandra's text order on ASCII ids). */
export function compareListed(a: ConversationCursor, b: ConversationCursor): number {
  if (a.lastTime !== b.lastTime) return b.lastTime - a.lastTime;
  return a.convId < b.convId ? -1 : a.convId > b.convId ? 1 : 0;
}

/** Sorts visible records and cuts one page after the cursor. */
export function pageOf(records: ConversationRecord[], after: ConversationCursor | undefined, limit: number): { items: ConversationRecord[]; next?: ConversationCursor } {
  const sorted = records.filter((r) => !after || compareListed(r, after) > 0).sort(compareListed);
  const items = sorted.slice(0, limit);
  const last = items[items.length - 1];
  return sorted.length > limit && last ? { items, next: { lastTime: last.lastTime, convId: last.convId } } : { items };
}

/** A stored row in the memory and LMDB stores. */
export interface ConversationRow {
  type?: ConversationType;
  peer?: string;
  lastSeq: number;
  lastTime: number;
  lastMsg: JsonValue | null;
  readSeq: number;
  /** [seq, expiresAtMs (0 = never)] */
  noUnread: [number, number][];
  pinned: boolean;
  pinnedAt: number;
  deleted: boolean;
  deletedAt: number;
  updatedAt: number;
}

export const emptyRow = (): ConversationRow => ({
  lastSeq: 0,
  lastTime: 0,
  lastMsg: null,
  readSeq: 0,
  noUnread: [],
  pinned: false,
  pinnedAt: 0,
  deleted: false,
  deletedAt: 0,
  updatedAt: 0,
});

/** The row after an upsert (new object). */
export function upserted(row: ConversationRow | undefined, u: CheckedUpsert, nowMs: number): ConversationRow {
  const r: ConversationRow = { ...(row ?? emptyRow()), type: u.type, peer: u.peer, updatedAt: u.at };
  if (u.lastSeq !== undefined) r.lastSeq = u.lastSeq;
  if (u.lastTime !== undefined) r.lastTime = u.lastTime;
  if (u.lastMsg !== undefined) r.lastMsg = u.lastMsg;
  if (u.deleted !== undefined) {
    r.deleted = u.deleted;
    if (u.deleted) r.deletedAt = u.at;
  }
  r.noUnread = live(r.noUnread, r.readSeq, nowMs);
  if (u.noUnreadSeq !== undefined && u.noUnreadSeq > r.readSeq) {
    r.noUnread = [...r.noUnread.filter(([s]) => s !== u.noUnreadSeq), [u.noUnreadSeq, expiresAt(nowMs, u.noUnreadTtlSec)]];
  }
  return r;
}

function live(entries: [number, number][], readSeq: number, nowMs: number): [number, number][] {
  return entries.filter(([s, exp]) => s > readSeq && isLive(exp, nowMs));
}

/** The record a visible row shows; undefined for a partial row. */
export function recordOf(convId: string, r: ConversationRow, nowMs: number): ConversationRecord | undefined {
  if (r.type === undefined || r.peer === undefined) return undefined;
  return {
    convId,
    type: r.type,
    peer: r.peer,
    lastSeq: r.lastSeq,
    lastTime: r.lastTime,
    lastMsg: structuredClone(r.lastMsg),
    readSeq: r.readSeq,
    noUnreadSeqs: live(r.noUnread, r.readSeq, nowMs)
      .map(([s]) => s)
      .sort((a, b) => a - b),
    pinned: r.pinned,
    pinnedAt: r.pinnedAt,
    deleted: r.deleted,
    deletedAt: r.deletedAt,
    updatedAt: r.updatedAt,
  };
}

/** What remove() keeps of a row: only the read position (undefined when there is none). */
export function keptAfterRemove(r: ConversationRow | undefined): ConversationRow | undefined {
  return r && r.readSeq > 0 ? { ...emptyRow(), readSeq: r.readSeq } : undefined;
}
