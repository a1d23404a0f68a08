// The social-graph store ports (issue 4) and what they share. Design, binding for every port here
// and in profiles.ts, friends.ts, friend-requests.ts, blocklist.ts, friend-lists.ts, social-changes.ts:
// - Every key starts with sdkAppId; one app never reads another's rows (invariant 5).
// - One query per method; a method that takes a list answers it in one round trip. No business
//   logic: Tencent limits (3000 friends, 1000 blocked, 32 lists...) and codes are the domain's job;
//   the store only refuses malformed input (TypeError/RangeError) and keeps counts cheap.
// - "All rows of one owner" is one partition (Cassandra) / one contiguous key range (LMDB), so
//   "all friends of X" and "does X block Y" are single-partition reads. Times are unix ms.
// - Returned values are fresh copies; batch reads leave missing ids out; deletes are idempotent.

import type { Store } from './index.js';

export type { ProfileStore, ProfileTags } from './profiles.js';
export type { FriendPage, FriendRecord, FriendStore, FriendUpdate } from './friends.js';
export type { FriendRequestBox, FriendRequestPage, FriendRequestRecord, FriendRequestStore } from './friend-requests.js';
export type { BlockCursor, BlockPage, BlockRecord, BlocklistStore } from './blocklist.js';
export type { FriendListRecord, FriendListStore } from './friend-lists.js';
export type { SocialChange, SocialChangeStore } from './social-changes.js';
export type { PeerOutboxEvent, PeerOutboxRef } from './peer-outbox.js';

/** The Store fields of the social graph, built together by each implementation's social.ts. */
export type SocialStores = Pick<Store, 'profiles' | 'friends' | 'friendRequests' | 'blocklist' | 'friendLists' | 'socialChanges'>;

/** A profile tag's or custom friend field's value (spec §2.1 #19, #27): JSON-able as is. */
export type SocialValue = string | number | string[];

/** Any JSON value (the payload of a social change). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Most ids in one batch call: Tencent's friend/black batch size (spec §8, "friend/black ops 1000"). */
export const MAX_SOCIAL_BATCH = 1000;
/** Largest page a list method returns; above the 3000-friend limit so one page can hold them all. */
export const MAX_SOCIAL_PAGE = 5000;
/** A tag or custom-field name: a letter then letters, digits or '_' (Tag_Profile_Custom_xxx). */
export const MAX_TAG_BYTES = 64;
/** Storage guard on one stored text or value (its JSON); the domain's limits are far lower. */
export const MAX_SOCIAL_FIELD_BYTES = 4096;
/** Most tags one setProfile or one friend's custom map carries in a single call. */
export const MAX_TAGS_PER_WRITE = 64;
