// Frames of the group client ops 80..99 (docs/protocol.md §3.5): request parameters per op and
// reply data. GROUP_SEND carries the send fields under Tencent's group names (MsgBody, Random,
// MsgPriority, GroupAtInfo, CloudCustomData, ...) next to groupId, so the socket and REST share
// one send parser. Permissions and Tencent's 10xxx codes are the group actor's; the decoder only
// checks shapes (6017, naming the field). Every write acts as the logged-in user.
import type { Op } from './ops.js';
import type { GroupMessageInfo } from './group-frames.js';

export type GroupTypeName = 'Work' | 'Public' | 'Meeting' | 'Community' | 'AVChatRoom';
export type MemberRoleName = 'Owner' | 'Admin' | 'Member';
export type MsgFlagName = 'AcceptAndNotify' | 'AcceptNotNotify' | 'Discard';

/** Profile fields of create and modify (absent = unchanged, or the type's default). */
export interface GroupProfileFields {
  name?: string;
  introduction?: string;
  notification?: string;
  faceUrl?: string;
  maxMemberNum?: number;
  applyJoinOption?: 'FreeAccess' | 'NeedPermission' | 'DisableApply';
  inviteJoinOption?: 'FreeAccess' | 'NeedPermission' | 'DisableInvite';
  muteAll?: boolean;
  /** AppDefinedData key -> value ('' deletes a key on modify). */
  custom?: Record<string, string>;
}

interface G {
  groupId: string;
}
interface T extends G {
  /** A Community topic (`{groupId}@TOPIC#_...`); absent = the group's own timeline. */
  topicId?: string;
}

export interface GroupRequestParams {
  /** groupId absent = a generated `@TGS#` id. The caller becomes the owner; members are added. */
  [Op.GROUP_CREATE]: GroupProfileFields & { type: GroupTypeName; name: string; groupId?: string; members?: string[]; supportTopic?: boolean };
  [Op.GROUP_INFO]: { groupIds: string[] };
  /** Apply to join (joined at once or pending approval, per ApplyJoinOption). */
  [Op.GROUP_JOIN]: G & { wording?: string };
  [Op.GROUP_QUIT]: G;
  [Op.GROUP_INVITE]: G & { userIds: string[] };
  [Op.GROUP_KICK]: G & { userIds: string[]; reason?: string };
  /** Owner/admin: approve or reject pending applications. */
  [Op.GROUP_DECIDE]: G & { userIds: string[]; approve: boolean };
  [Op.GROUP_MODIFY]: G & GroupProfileFields;
  /** Role (owner only), name card, MsgFlag (self), member custom fields, mute (seconds, 0 unmutes). */
  [Op.GROUP_MEMBER_SET]: G & { userId: string; role?: 'Admin' | 'Member'; nameCard?: string; msgFlag?: MsgFlagName; custom?: Record<string, string>; muteTimeSec?: number };
  [Op.GROUP_DISMISS]: G;
  [Op.GROUP_TRANSFER]: G & { newOwner: string };
  [Op.GROUP_SEND]: T & { MsgBody: unknown; Random: number } & Record<string, unknown>;
  /** Messages after afterSeq, ascending (only those the caller may see). */
  [Op.GROUP_SYNC]: T & { afterSeq: number; limit?: number };
  /** Messages before beforeSeq (absent = newest), newest first. */
  [Op.GROUP_HISTORY]: T & { beforeSeq?: number; limit?: number };
  /** Marks read up to seq (absent = the newest message). */
  [Op.GROUP_READ]: T & { seq?: number };
  [Op.GROUP_RECALL]: T & { seqs: number[]; reason?: string };
  [Op.GROUP_MODIFY_MSG]: T & { seq: number; MsgBody?: unknown; CloudCustomData?: string };
  /** Read receipts for messages that asked for one. */
  [Op.GROUP_RECEIPT]: T & { seqs: number[] };
  /** The caller's groups in groupId order; AVChatRoom only with withLive. */
  [Op.GROUP_JOINED]: { after?: string; limit?: number; withLive?: boolean };
  /** One page of members in the store's order; pass `next` back as `after`. */
  [Op.GROUP_MEMBERS]: G & { after?: string; limit?: number };
}

export type GroupRequestFrame = { [O in keyof GroupRequestParams]: { op: O; id: number; d: GroupRequestParams[O] } }[keyof GroupRequestParams];

export interface GroupInfoView {
  groupId: string;
  type: GroupTypeName;
  name: string;
  introduction: string;
  notification: string;
  faceUrl: string;
  ownerId: string;
  /** Unix seconds. */
  createTime: number;
  memberCount: number;
  maxMemberNum: number;
  applyJoinOption: string;
  inviteJoinOption: string;
  muteAll: boolean;
  /** Newest seq of the group's own timeline. */
  maxSeq: number;
  custom: Record<string, string>;
  supportTopic?: boolean;
}

/** The caller's own membership. */
export interface GroupSelfView {
  role: MemberRoleName;
  /** Unix seconds. */
  joinTime: number;
  readSeq: number;
  /** 0 for types without unread counts (Meeting, AVChatRoom). */
  unread: number;
  msgFlag: MsgFlagName;
}

export interface GroupMemberView {
  userId: string;
  role: MemberRoleName;
  /** Unix seconds. */
  joinTime: number;
  nameCard: string;
  /** Unix seconds until which the member is muted; 0 = not muted. */
  muteUntil: number;
  custom: Record<string, string>;
}

export interface JoinedGroupView {
  groupId: string;
  type: GroupTypeName;
  name: string;
  faceUrl: string;
  role: MemberRoleName;
  msgFlag: MsgFlagName;
  maxSeq: number;
  readSeq: number;
  unread: number;
}

export interface GroupRequestResults {
  [Op.GROUP_CREATE]: { groupId: string };
  /** One item per requested id: code 0 with the group (self only for members), or 10010/10015. */
  [Op.GROUP_INFO]: { groups: Array<{ groupId: string; code: number; group?: GroupInfoView; self?: GroupSelfView }> };
  [Op.GROUP_JOIN]: { outcome: 'joined' | 'pending' };
  [Op.GROUP_QUIT]: Record<string, never>;
  /** result: 0 failed, 1 added, 2 already a member, 3 pending approval. */
  [Op.GROUP_INVITE]: { results: Array<{ userId: string; result: number }> };
  [Op.GROUP_KICK]: { removed: string[] };
  [Op.GROUP_DECIDE]: { decided: string[] };
  [Op.GROUP_MODIFY]: Record<string, never>;
  [Op.GROUP_MEMBER_SET]: Record<string, never>;
  [Op.GROUP_DISMISS]: Record<string, never>;
  [Op.GROUP_TRANSFER]: Record<string, never>;
  /** seq 0 for messages never stored (AVChatRoom, online-only); dropReason when a live room dropped it. */
  [Op.GROUP_SEND]: { seq: number; time: number; dropReason?: string };
  /** afterSeq: pass it to the next GROUP_SYNC; complete: nothing newer was stored. */
  [Op.GROUP_SYNC]: { messages: GroupMessageInfo[]; afterSeq: number; maxSeq: number; complete: boolean };
  /** beforeSeq: pass it to the next GROUP_HISTORY; complete: nothing older is visible. */
  [Op.GROUP_HISTORY]: { messages: GroupMessageInfo[]; beforeSeq: number; complete: boolean };
  [Op.GROUP_READ]: { readSeq: number; unread: number };
  /** code per seq: 0 recalled, or why not (10030 none, 10031 too old, 10032 not allowed...). */
  [Op.GROUP_RECALL]: { results: Array<{ seq: number; code: number }> };
  [Op.GROUP_MODIFY_MSG]: { msg: GroupMessageInfo };
  /** The seqs newly marked read by the caller. */
  [Op.GROUP_RECEIPT]: { seqs: number[] };
  [Op.GROUP_JOINED]: { groups: JoinedGroupView[]; next?: string };
  [Op.GROUP_MEMBERS]: { members: GroupMemberView[]; memberCount: number; next?: string };
}
