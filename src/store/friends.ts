// Friends (sns friend_*; spec §2.1 #20-27): one row per (sdkAppId, owner, peer). A two-way
// friendship is two rows, written by the domain as two calls. Rows of one owner are one
// partition ordered by peerId in code-point order (= UTF-8 byte order), which is the stable paging
// order. Friend-list membership lives in the row's `groups`. See relationships.ts for the design.

import type { SocialValue } from './relationships.js';

export interface FriendRecord {
  peerId: string;
  remark: string;
  /** Friend-list names this friend is in: distinct, in code-point order. */
  groups: string[];
  addSource: string;
  addWording: string;
  addTime: number;
  /** 0 when the remark was never set. */
  remarkTime: number;
  /** Tag_SNS_Custom_* -> value. */
  custom: Record<string, SocialValue>;
}

/** A partial change of one existing friend row; absent fields keep their value. */
export interface FriendUpdate {
  peerId: string;
  remark?: string;
  remarkTime?: number;
  /** Friend-list names to add to / remove from `groups` (set operations, no read needed). */
  addGroups?: readonly string[];
  removeGroups?: readonly string[];
  /** Merged key by key into `custom`. */
  custom?: Readonly<Record<string, SocialValue>>;
}

export interface FriendPage {
  friends: FriendRecord[];
  /**
   * Set when more rows may follow: pass it as `after` for the next page (which may be empty).
   * Only its absence means the end; a page may hold fewer than `limit` rows even when it is set.
   */
  next?: string;
}

export interface FriendStore {
  /** The owner's rows for these peers (one partition read; ≤ MAX_SOCIAL_BATCH ids); missing peers absent. */
  getFriends(sdkAppId: number, ownerId: string, peerIds: readonly string[]): Promise<Map<string, FriendRecord>>;
  /**
   * Which of `userIds` have `peerId` as a friend (the reverse direction of friend_check), in the
   * order of `userIds`, duplicates once; one round trip for up to MAX_SOCIAL_BATCH users.
   */
  usersWithFriend(sdkAppId: number, userIds: readonly string[], peerId: string): Promise<string[]>;
  /** One page of the owner's friends in peerId order, after the cursor `after` (exclusive). 1 ≤ limit ≤ MAX_SOCIAL_PAGE. */
  listFriends(sdkAppId: number, ownerId: string, page: { after?: string; limit: number }): Promise<FriendPage>;
  /** Inserts or fully replaces these rows of the owner (≤ MAX_SOCIAL_BATCH), atomically per row. */
  putFriends(sdkAppId: number, ownerId: string, friends: readonly FriendRecord[]): Promise<void>;
  /**
   * Applies partial updates to existing rows (≤ MAX_SOCIAL_BATCH). An update of a peer that is not
   * a friend changes nothing visible: the row does not appear in any read or count.
   */
  updateFriends(sdkAppId: number, ownerId: string, updates: readonly FriendUpdate[]): Promise<void>;
  /** Removes these rows (≤ MAX_SOCIAL_BATCH). Idempotent. */
  deleteFriends(sdkAppId: number, ownerId: string, peerIds: readonly string[]): Promise<void>;
  /** Removes every row of the owner. Idempotent. */
  deleteAllFriends(sdkAppId: number, ownerId: string): Promise<void>;
  /** Number of the owner's friends: one small read, bounded by the domain's friend limit. */
  countFriends(sdkAppId: number, ownerId: string): Promise<number>;
}
