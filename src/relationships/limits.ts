// Every social-graph limit of spec §8 and issue 4 point 6, named once. Reaching one answers its
// 30xxx code and counts im_social_limit_hits_total{limit}. Store-side guards (relationships.ts in
// store/) are far above these: the domain refuses first, with Tencent's code.

/** Friends per user (30010 own, 30014 peer's). */
export const MAX_FRIENDS = 3000;
/** Blocked users per user (30013). */
export const MAX_BLOCKED = 1000;
/** Pending friend requests per box: a user's outbox (sent) and inbox (received) (30012). */
export const MAX_PENDING = 100;
/** Friend lists ("friend groups") per user (30011). */
export const MAX_FRIEND_LISTS = 32;
export const MAX_FRIEND_LIST_NAME_BYTES = 30;
export const MAX_REMARK_BYTES = 96;
/** AddWording (the request's message). */
export const MAX_ADD_WORDING_BYTES = 256;
/** AddSource is "AddSource_Type_" plus at most this many ASCII letters. */
export const MAX_ADD_SOURCE_SUFFIX = 8;
/** Distinct Tag_SNS_Custom_* fields on one friend, and the value size of each. */
export const MAX_SNS_CUSTOM_FIELDS = 20;
export const MAX_SNS_VALUE_BYTES = 500;
/** friend_add/import/delete/check, black_list_* (spec §8 "friend/black ops 1000"). */
export const SNS_BATCH_MAX = 1000;
/** friend_get_list and portrait_get (spec §2.1 #19, #27). */
export const SNS_GET_LIST_MAX = 100;
export const PORTRAIT_GET_MAX = 100;
/** Friends per friend_get page, and the largest blocklist page (MaxLimited). */
export const FRIEND_PAGE_SIZE = 100;
export const BLOCK_PAGE_MAX = 100;
/** Changes per SOCIAL_SYNC reply. */
export const SYNC_PAGE_MAX = 100;

export const LimitName = {
  FRIENDS: 'friends',
  PEER_FRIENDS: 'peer_friends',
  BLOCKED: 'blocked',
  PENDING: 'pending',
  PEER_PENDING: 'peer_pending',
  FRIEND_LISTS: 'friend_lists',
  SNS_CUSTOM_FIELDS: 'sns_custom_fields',
} as const;
export type LimitNameValue = (typeof LimitName)[keyof typeof LimitName];
