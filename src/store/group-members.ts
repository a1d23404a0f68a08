// Group members and each user's joined groups (see groups.ts for the shared design, including
// the write order that keeps the two consistent). Members of one group are bucketed by
// memberBucket(groupId, userId) (group-layout.ts); pages walk buckets in order, userIds in
// code-point order within a bucket, so a cursor stays valid while members come and go.
import type { GroupType, MemberRole, MsgFlag } from '../groups/group-kinds.js';

/** Most user ids one member call takes (add_group_member 300, forbid_send_msg 500, imports). */
export const MAX_MEMBERS_PER_CALL = 1000;
/** Largest member page: a whole Work/Public/Meeting group (6000) fits one. */
export const MAX_MEMBER_PAGE = 6000;
/** Largest joined-groups page, and most group ids one getJoined takes. */
export const MAX_JOINED_PAGE = 5000;

export interface MemberRecord {
  userId: string;
  role: MemberRole;
  joinTime: number;
  /** The group's MsgSeq when they joined: history before it is hidden unless the type shows it. */
  joinSeq: number;
  /** Muted until (unix ms); 0 = not muted. */
  muteUntil: number;
  nameCard: string;
  msgFlag: MsgFlag;
  /** AppMemberDefinedData key -> value. */
  custom: Record<string, string>;
  /** Highest seq the member has read (unread counts, group read receipts); set by the domain. */
  readSeq: number;
  /** When they last sent a message (0 = never). */
  lastSendTime: number;
}

/** Fields an update may change on an existing member; absent ones are kept, `custom` is replaced. */
export type MemberUpdate = { userId: string } & Partial<Omit<MemberRecord, 'userId' | 'joinTime' | 'joinSeq'>>;

export interface MemberPage {
  members: MemberRecord[];
  /** Set when more may follow: pass as `after`. Only its absence means the end (pages may be short). */
  next?: string;
}

export interface GroupMemberStore {
  /**
   * Adds members (≤ MAX_MEMBERS_PER_CALL). Ids that are already members keep their row unchanged
   * and are returned, in input order. Single writer per group (groups.ts): not safe against a
   * concurrent add of the same user by another writer.
   */
  addMembers(sdkAppId: number, groupId: string, members: readonly MemberRecord[]): Promise<string[]>;
  /** Removes these members (≤ MAX_MEMBERS_PER_CALL); returns those that were members, in input order. */
  removeMembers(sdkAppId: number, groupId: string, userIds: readonly string[]): Promise<string[]>;
  /** These members' rows (≤ MAX_MEMBERS_PER_CALL); non-members absent. */
  getMembers(sdkAppId: number, groupId: string, userIds: readonly string[]): Promise<Map<string, MemberRecord>>;
  /** Applies updates (≤ MAX_MEMBERS_PER_CALL) to existing members; an update of a non-member changes nothing visible. */
  updateMembers(sdkAppId: number, groupId: string, updates: readonly MemberUpdate[]): Promise<void>;
  /** Number of members: reads every bucket, so the domain keeps GroupRecord.memberCount for hot paths. */
  countMembers(sdkAppId: number, groupId: string): Promise<number>;
  /** One page of members after the opaque cursor `after`. 1 ≤ limit ≤ MAX_MEMBER_PAGE. */
  listMembers(sdkAppId: number, groupId: string, page: { after?: string; limit: number }): Promise<MemberPage>;
  /** The owner and admins (role ≠ Member) in userId order, from a small index: no member scan. */
  listPrivileged(sdkAppId: number, groupId: string): Promise<MemberRecord[]>;
  /** Removes every member of the group (dismiss). Idempotent. */
  deleteAllMembers(sdkAppId: number, groupId: string): Promise<void>;
}

/** One of a user's groups, as their joined list shows it (get_joined_group_list). */
export interface JoinedGroupRecord {
  groupId: string;
  type: GroupType;
  role: MemberRole;
  joinTime: number;
}

export interface JoinedGroupPage {
  groups: JoinedGroupRecord[];
  /** As MemberPage.next. */
  next?: string;
}

export interface JoinedGroupStore {
  /** Inserts or replaces rows of any users (≤ MAX_MEMBERS_PER_CALL), e.g. every new member of a group. */
  putJoined(sdkAppId: number, entries: readonly ({ userId: string } & JoinedGroupRecord)[]): Promise<void>;
  /** Removes rows (≤ MAX_MEMBERS_PER_CALL). Idempotent. */
  removeJoined(sdkAppId: number, entries: readonly { userId: string; groupId: string }[]): Promise<void>;
  /** The user's rows for these groups (≤ MAX_JOINED_PAGE); others absent. */
  getJoined(sdkAppId: number, userId: string, groupIds: readonly string[]): Promise<Map<string, JoinedGroupRecord>>;
  /** One page in groupId code-point order after `after` (a group id), optionally of some types only. */
  listJoined(sdkAppId: number, userId: string, page: { after?: string; limit: number; types?: readonly GroupType[] }): Promise<JoinedGroupPage>;
  /** How many groups the user is in (optionally of some types): the per-user joined limit (10037). */
  countJoined(sdkAppId: number, userId: string, types?: readonly GroupType[]): Promise<number>;
}
