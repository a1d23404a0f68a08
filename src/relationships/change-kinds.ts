// The kinds of social change (issue 4 point 5) and their data, as devices receive them in
// SOCIAL_CHANGES pushes and SOCIAL_SYNC replies (docs/protocol.md §3.2). A change says what
// changed and whom it concerns; devices fetch details (a friend's row, a profile) when they need
// them. Lists of users are split so one change stays far below the store's payload limit.
import type { JsonValue } from '../store/index.js';
import type { ChangeEntry } from './change-log.js';

export const ChangeKind = {
  /** data {userIds}: these became my friends (in my list). */
  FRIEND_ADDED: 'friend_added',
  /** data {userIds}: these left my list. */
  FRIEND_DELETED: 'friend_deleted',
  /** data {}: my whole list was emptied. */
  FRIENDS_CLEARED: 'friends_cleared',
  /** data {userIds}: remark, lists or custom fields of these friends changed. */
  FRIEND_UPDATED: 'friend_updated',
  /** data {userId, addSource, wording, addType}: a request to me arrived. */
  REQUEST_RECEIVED: 'request_received',
  /** data {userId}: I sent a request (from any of my devices). */
  REQUEST_SENT: 'request_sent',
  /** data {userId, box: inbox|outbox, action}: a request was answered (by me or by them). */
  REQUEST_ANSWERED: 'request_answered',
  /** data {userId, box}: the sender withdrew it. */
  REQUEST_WITHDRAWN: 'request_withdrawn',
  /** data {userIds, box}: requests dropped for another reason (a block, a new friendship). */
  REQUEST_REMOVED: 'request_removed',
  /** data {userId, tags}: the profile of this friend (or my own, userId = me) changed. */
  PROFILE_CHANGED: 'profile_changed',
  /** data {userIds} */
  BLOCK_ADDED: 'block_added',
  BLOCK_REMOVED: 'block_removed',
  /** data {names}: these friend lists were created, deleted, renamed or changed members. */
  FRIEND_LISTS_CHANGED: 'friend_lists_changed',
} as const;
export type ChangeKindValue = (typeof ChangeKind)[keyof typeof ChangeKind];

/** Users named in one change: 40 ids of at most 32 bytes stay well below 2 KB of JSON. */
export const IDS_PER_CHANGE = 40;

/** One entry per IDS_PER_CHANGE users (none for an empty list). */
export function idsEntries(kind: ChangeKindValue, userIds: readonly string[], extra: { [key: string]: JsonValue } = {}): ChangeEntry[] {
  const out: ChangeEntry[] = [];
  for (let i = 0; i < userIds.length; i += IDS_PER_CHANGE) out.push({ kind, data: { ...extra, userIds: userIds.slice(i, i + IDS_PER_CHANGE) } });
  return out;
}

export const entry = (kind: ChangeKindValue, data: { [key: string]: JsonValue }): ChangeEntry => ({ kind, data });
