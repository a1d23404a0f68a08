// The group store ports (issue 5): group records and the app's group list here; members and each
// user's joined groups in group-members.ts; pending join requests and Community topics in
// group-extras.ts. Message timelines and seqs of groups and topics are NOT here: they live in
// messages.ts/seqs.ts under groupConvId / topicConvId (src/groups/group-ids.ts).
// Design, binding for every group port:
// - Every key starts with sdkAppId (invariant 5). One query per method (a batch is one round trip
//   per partition touched), no business logic: roles, limits and Tencent codes are the domain's
//   (src/groups/). The store refuses malformed input with TypeError/RangeError only.
// - Single writer: the group actor owns a group's rows (record, members, requests, topics) and
//   serializes its writes; read-then-write inside one method (addMembers' "already a member") is
//   safe under that rule and only under it.
// - Members of a group are split into partitions by a stable hash of the user id (group-layout.ts),
//   because a Community may hold 1,000,000 members; a member page walks the buckets in order.
// - Members vs joined groups: two rows in two partitions, written by the group actor in this order:
//   join = putJoined then addMembers; leave = removeMembers then removeJoined. A crash between
//   leaves at worst a joined-group row without a member row, which whoever reads the joined list
//   (it loads the member rows anyway for Role/UnreadMsgNum) drops and deletes: a lazy repair.
// Times are unix ms except lastMsgTime (unix seconds, MsgTime). Returned values are fresh copies.
import type { ApplyJoinOption, GroupType, InviteJoinOption } from '../groups/group-kinds.js';
import type { GroupJoinRequestStore, GroupTopicStore } from './group-extras.js';
import type { GroupMemberStore, JoinedGroupStore } from './group-members.js';

export type * from './group-members.js';
export type * from './group-extras.js';

/** Most group ids one getGroups takes (get_group_info takes 50; internal callers more). */
export const MAX_GROUPS_PER_GET = 500;
/** Largest page listGroups returns (get_appid_group_list Limit is at most 10000). */
export const MAX_GROUP_LIST_PAGE = 10_000;
/** Storage guard on each stored text (name, introduction, custom values...); domain limits are lower. */
export const MAX_GROUP_TEXT_BYTES = 4096;
/** Storage guard on the number of custom keys one record holds (domain: 10 group, 5 member). */
export const MAX_STORED_CUSTOM_KEYS = 64;

export interface GroupRecord {
  groupId: string;
  type: GroupType;
  name: string;
  /** '' when the group has no owner (created by the App admin with neither owner nor members). */
  ownerId: string;
  createdAt: number;
  introduction: string;
  notification: string;
  faceUrl: string;
  applyJoinOption: ApplyJoinOption;
  inviteJoinOption: InviteJoinOption;
  /** Member limit; the domain stores a large number for "unlimited" (AVChatRoom). */
  maxMemberNum: number;
  muteAll: boolean;
  /** AppDefinedData key -> value. */
  custom: Record<string, string>;
  /** Kept by the group actor as it adds and removes members (countMembers is the slow truth). */
  memberCount: number;
  /** MsgTime of the newest message, unix seconds (0 when none). */
  lastMsgTime: number;
  /** InfoSeq: raised by the domain on every profile change; lastInfoTime is when. */
  infoSeq: number;
  lastInfoTime: number;
  /** Community created with SupportTopic. */
  supportTopic: boolean;
  /** When the group was dismissed (0 = live). A dismissed record keeps its id taken until deleted. */
  dismissedAt: number;
}

/** Fields an update may change; absent ones are kept. `custom` replaces the whole map. */
export type GroupPatch = Partial<Omit<GroupRecord, 'groupId' | 'type' | 'createdAt'>>;

export interface GroupListEntry {
  groupId: string;
  type: GroupType;
}

export interface GroupListPage {
  groups: GroupListEntry[];
  /** Set when more may follow: pass as `after`. Only its absence means the end (pages may be short). */
  next?: string;
}

export interface GroupStore {
  /**
   * Stores a new group if no group (live or dismissed) holds its id, and lists it in the app's
   * groups. Returns false, changing nothing, when the id is in use (the domain answers 10021).
   * Concurrent creates of one id from any process: exactly one returns true.
   */
  createGroup(sdkAppId: number, group: GroupRecord): Promise<boolean>;
  getGroup(sdkAppId: number, groupId: string): Promise<GroupRecord | undefined>;
  /** The groups among `groupIds` (≤ MAX_GROUPS_PER_GET); missing ones absent. */
  getGroups(sdkAppId: number, groupIds: readonly string[]): Promise<Map<string, GroupRecord>>;
  /** Applies `patch` to an existing group; false (nothing written) when there is none. */
  updateGroup(sdkAppId: number, groupId: string, patch: GroupPatch): Promise<boolean>;
  /** Removes the record and its app-list entry, freeing the id; false when there was none. */
  deleteGroup(sdkAppId: number, groupId: string): Promise<boolean>;
  /**
   * One page of the app's groups in the store's stable order (not creation order), optionally of
   * some types only, after the opaque cursor `after`. 1 ≤ limit ≤ MAX_GROUP_LIST_PAGE.
   */
  listGroups(sdkAppId: number, page: { after?: string; limit: number; types?: readonly GroupType[] }): Promise<GroupListPage>;
}

/** The Store fields of groups, built together by each implementation's groups factory. */
export interface GroupStores {
  groups: GroupStore;
  groupMembers: GroupMemberStore;
  joinedGroups: JoinedGroupStore;
  groupJoinRequests: GroupJoinRequestStore;
  groupTopics: GroupTopicStore;
}
