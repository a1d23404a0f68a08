// Frames of the social-graph ops (docs/protocol.md §3.1): request parameters per op, reply data,
// and the SOCIAL_CHANGES push. Keys are short camelCase; Tencent's tag names (Tag_Profile_*,
// Tag_SNS_Custom_*) appear only as profile/custom map keys, exactly as the REST API spells them.
import type { Op } from './ops.js';

export type ProfileValue = string | number;
export type AddType = 'both' | 'single';
export type RespondAction = 'agree' | 'agreeAndAdd' | 'reject';
export type CheckMode = 'both' | 'single';
/** aWithB: the peer is in my list; bWithA: I am in the peer's list; both: each in the other's. */
export type Relation = 'none' | 'aWithB' | 'bWithA' | 'both';

export interface SocialParams {
  /** userIds absent = my own profile; tags absent = every tag I may read. */
  [Op.PROFILE_GET]: { userIds?: string[]; tags?: string[] };
  [Op.PROFILE_SET]: { profile: Record<string, ProfileValue> };
  [Op.FRIEND_ADD]: { userId: string; addSource?: string; wording?: string; remark?: string; group?: string; addType?: AddType };
  [Op.FRIEND_RESPOND]: { userId: string; action: RespondAction; remark?: string; group?: string };
  [Op.FRIEND_WITHDRAW]: { userId: string };
  [Op.FRIEND_REQUESTS]: Record<string, never>;
  [Op.FRIEND_DELETE]: { userIds: string[]; mode?: CheckMode };
  [Op.FRIEND_CHECK]: { userIds: string[]; mode?: CheckMode };
  [Op.FRIEND_GET]: { start?: number; limit?: number };
  [Op.FRIEND_GET_BY_ID]: { userIds: string[] };
  [Op.FRIEND_UPDATE]: { userId: string; remark?: string; groups?: string[]; custom?: Record<string, ProfileValue> };
  [Op.FRIEND_LIST_CREATE]: { names: string[]; userIds?: string[] };
  [Op.FRIEND_LIST_DELETE]: { names: string[] };
  [Op.FRIEND_LIST_RENAME]: { name: string; newName: string };
  [Op.FRIEND_LIST_ADD]: { name: string; userIds: string[] };
  [Op.FRIEND_LIST_REMOVE]: { name: string; userIds: string[] };
  [Op.FRIEND_LISTS]: { names?: string[] };
  [Op.BLOCK_ADD]: { userIds: string[] };
  [Op.BLOCK_REMOVE]: { userIds: string[] };
  [Op.BLOCK_LIST]: { start?: number; limit?: number };
  [Op.BLOCK_CHECK]: { userIds: string[]; mode?: CheckMode };
  [Op.SOCIAL_SYNC]: { afterSeq: number; limit?: number };
}

export type SocialFrame = { [O in keyof SocialParams]: { op: O; id: number; d: SocialParams[O] } }[keyof SocialParams];

/** One per-user outcome in a batch reply: c = 0 done, otherwise the code (30xxx / 40xxx). */
export interface UserResult {
  userId: string;
  c: number;
  m: string;
}

export interface FriendInfo {
  userId: string;
  remark: string;
  groups: string[];
  addSource: string;
  wording: string;
  /** unix ms */
  addTime: number;
  remarkTime: number;
  custom: Record<string, ProfileValue | string[]>;
}

export interface FriendRequestInfo {
  userId: string;
  addSource: string;
  wording: string;
  remark: string;
  group: string;
  addType: AddType;
  time: number;
}

/** One entry of the change log; `data` depends on `kind` (docs/protocol.md §3.2). */
export interface SocialChangeInfo {
  seq: number;
  kind: string;
  time: number;
  data: unknown;
}

/** REPLY data per op (ops without an entry reply with no data). */
export interface SocialResults {
  [Op.PROFILE_GET]: { results: Array<UserResult & { profile?: Record<string, ProfileValue> }> };
  [Op.FRIEND_ADD]: { pending: boolean };
  [Op.FRIEND_REQUESTS]: { inbox: FriendRequestInfo[]; outbox: FriendRequestInfo[] };
  [Op.FRIEND_DELETE]: { results: UserResult[] };
  [Op.FRIEND_CHECK]: { results: Array<{ userId: string; relation: Relation }> };
  [Op.FRIEND_GET]: { friends: FriendInfo[]; total: number; next: number; complete: boolean };
  [Op.FRIEND_GET_BY_ID]: { results: Array<UserResult & { friend?: FriendInfo }> };
  [Op.FRIEND_LIST_CREATE]: { results: UserResult[] };
  [Op.FRIEND_LIST_ADD]: { results: UserResult[] };
  [Op.FRIEND_LIST_REMOVE]: { results: UserResult[] };
  [Op.FRIEND_LISTS]: { lists: Array<{ name: string; userIds: string[] }> };
  [Op.BLOCK_ADD]: { results: UserResult[] };
  [Op.BLOCK_REMOVE]: { results: UserResult[] };
  [Op.BLOCK_LIST]: { blocked: Array<{ userId: string; time: number }>; total: number; next: number; complete: boolean };
  [Op.BLOCK_CHECK]: { results: Array<{ userId: string; relation: Relation }> };
  /** reset: changes after afterSeq expired; reload everything, then sync from maxSeq. */
  [Op.SOCIAL_SYNC]: { changes: SocialChangeInfo[]; maxSeq: number; complete: boolean; reset: boolean };
}

export interface SocialChangesFrame {
  op: typeof Op.SOCIAL_CHANGES;
  d: { changes: SocialChangeInfo[] };
}
