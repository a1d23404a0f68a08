// Recent contacts: one row per (sdkAppId, owner, convId) holding what a conversation list shows
// (last message, read position, pin, delete mark). One query per method, no business logic.
// Gotchas: readSeq only ever rises and survives remove(), so a conversation that comes back keeps
// its read state; rows become visible once upsert has given them a type. Times: lastTime is unix
// seconds (MsgTime), every *At is unix ms from the caller's clock.
import type { JsonValue } from './relationships.js';

/** Most convIds one get() takes. */
export const MAX_CONVERSATIONS_PER_GET = 500;
/** Largest page list() returns. */
export const MAX_CONVERSATION_PAGE = 1000;

export type ConversationType = 'c2c' | 'group';
export const CONVERSATION_TYPES: readonly ConversationType[] = ['c2c', 'group'];

/**
 * Unread, for the domain: `lastSeq - readSeq - noUnreadSeqs.length`. Own messages are kept out by
 * raising the sender's readSeq to the seq it sent (setRead); messages sent with NoUnread are
 * listed in noUnreadSeqs, of which only those above readSeq are returned.
 */
export interface ConversationRecord {
  convId: string;
  type: ConversationType;
  /** The other user (c2c) or the group id (group). */
  peer: string;
  /** Seq of the newest message counted for this conversation (0 when none). */
  lastSeq: number;
  /** MsgTime of the newest message shown, unix seconds; the list order. */
  lastTime: number;
  /** Opaque summary of the newest message shown (null when none). */
  lastMsg: JsonValue | null;
  /** Highest seq the owner has read; monotonic. */
  readSeq: number;
  /** Seqs above readSeq that do not count as unread (SendMsgControl NoUnread), ascending. */
  noUnreadSeqs: number[];
  pinned: boolean;
  /** When it was last pinned (0 when not pinned). */
  pinnedAt: number;
  /** Deleted by the owner (kept so other devices learn of it). */
  deleted: boolean;
  /** When deleted was last set to true (0 when never). */
  deletedAt: number;
  /** `at` of the latest mutation applied to the row (per-user sync cursor). */
  updatedAt: number;
}

/** Fields absent from an upsert are left as they are (a new row gets zero values). */
export interface ConversationUpsert {
  type: ConversationType;
  peer: string;
  /** Unix ms; becomes updatedAt (and deletedAt when deleted is true). */
  at: number;
  lastSeq?: number;
  lastTime?: number;
  lastMsg?: JsonValue | null;
  deleted?: boolean;
  /** Adds one NoUnread seq; it is forgotten after noUnreadTtlSec (0/absent = kept). */
  noUnreadSeq?: number;
  noUnreadTtlSec?: number;
}

/** Position after a row in list order: (lastTime desc, convId asc). */
export interface ConversationCursor {
  lastTime: number;
  convId: string;
}

export interface ConversationPage {
  items: ConversationRecord[];
  /** Present when more rows follow; pass it as `after`. */
  next?: ConversationCursor;
}

export interface ConversationStore {
  /**
   * Creates or updates the owner's row for convId with the given fields. Last writer wins per
   * field: lastSeq/lastTime/lastMsg have one writer (the conversation's actor), which issues its
   * upserts in seq order.
   */
  upsert(sdkAppId: number, owner: string, convId: string, change: ConversationUpsert): Promise<void>;
  /** The owner's visible rows among convIds (at most MAX_CONVERSATIONS_PER_GET); missing left out. */
  get(sdkAppId: number, owner: string, convIds: readonly string[]): Promise<Map<string, ConversationRecord>>;
  /**
   * One page of the owner's rows ordered by lastTime desc, then convId asc, starting after
   * `after`. Deleted rows only with includeDeleted. Rows changing while paging may move between
   * pages (a client re-lists or follows the change feed).
   */
  list(
    sdkAppId: number,
    owner: string,
    page: { after?: ConversationCursor; limit: number; includeDeleted?: boolean },
  ): Promise<ConversationPage>;
  /**
   * Raises readSeq to `readSeq` if that is higher; never lowers it. Works before the row exists
   * (the position is kept and shows once the row is upserted). Sets updatedAt to `at`.
   */
  setRead(sdkAppId: number, owner: string, convId: string, readSeq: number, at: number): Promise<void>;
  /** Sets pinned (pinnedAt = at, or 0 when unpinning) and updatedAt. */
  setPinned(sdkAppId: number, owner: string, convId: string, pinned: boolean, at: number): Promise<void>;
  /** Deletes the rows for good (trimming, account removal); readSeq is kept. Idempotent. */
  remove(sdkAppId: number, owner: string, convIds: readonly string[]): Promise<void>;
}
