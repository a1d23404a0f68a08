// Messages of the group actor (kind 'group', id `${sdkAppId}:${groupId}`), the single writer of one
// group: its record, members, join requests, topics, and the timelines of the group and of its
// topics (docs/groups.md). Callers: REST handlers (group_open_http_svc) and the edge's client ops.
// Plain data (crosses the bus). Every request names who acts (`by`): the App admin (REST, or a
// user id listed as the app's admin) or a user, whose role the actor looks up; permissions and
// Tencent codes are the actor's (src/groups/group-permissions.ts, group-state-rules.ts).
// Management turns answer after their writes are durable; message sends are batchable
// (Actor.batch) like C2C sends.
import { addr, type ActorAddress } from '../actors/address.js';
import type { SendOptions } from '../messaging/send-options.js';
import type { JsonValue } from '../store/relationships.js';
import type { ApplyJoinOption, GroupType, InviteJoinOption, MemberRole, MsgFlag } from './group-kinds.js';

export const GROUP_KIND = 'group';

export const groupAddr = (sdkAppId: number, groupId: string): ActorAddress => addr(GROUP_KIND, `${sdkAppId}:${groupId}`);

/** Who acts: the App admin, or a user (their role is the actor's to find; a non-member is NonMember). */
export type GroupBy = { admin: true } | { admin?: false; userId: string };

/** Common to every request. */
interface Req {
  sdkAppId: number;
  groupId: string;
  by: GroupBy;
  /** The acting device (edge requests): it gets the answer, not a push of its own change. */
  connId?: string;
  /** OptPlatform of the callbacks; RESTAPI when absent. */
  optPlatform?: string;
}

/** A member to add, as create_group's MemberList / add_group_member / import_group_member give it. */
export interface NewMember {
  userId: string;
  role?: MemberRole;
  nameCard?: string;
  custom?: Record<string, string>;
  /** import_group_member: JoinTime (unix s) and UnreadMsgNum kept from the old system. */
  joinTimeSec?: number;
  unread?: number;
}

/** Group profile fields (absent = unchanged, or the type's default at creation). */
export interface GroupProfile {
  name?: string;
  introduction?: string;
  notification?: string;
  faceUrl?: string;
  maxMemberNum?: number;
  applyJoinOption?: ApplyJoinOption;
  inviteJoinOption?: InviteJoinOption;
  muteAll?: boolean;
  /** AppDefinedData: key -> value; '' deletes a key on modify. */
  custom?: Record<string, string>;
}

// ---- management ---------------------------------------------------------------------------

/** create_group / import_group / client create. The caller picks groupId (a custom id, or a
 *  generated `@TGS#` id it retries with a fresh one on 10021). */
export interface GroupCreate extends Req {
  t: 'create';
  type: GroupType;
  profile: GroupProfile & { name: string };
  /** '' = no owner (App admin creates with none); absent = the acting user (client create). */
  ownerId?: string;
  members: NewMember[];
  supportTopic?: boolean;
  /** import_group: CreateTime kept (unix s). */
  createTimeSec?: number;
}

export interface GroupModify extends Req {
  t: 'modify';
  profile: GroupProfile;
}

/** Invite (client) / add_group_member (REST, Silence = no tip). */
export interface GroupAddMembers extends Req {
  t: 'addMembers';
  members: NewMember[];
  silence?: boolean;
  /** import_group_member: no tips, no callbacks, JoinTime/unread kept. */
  imported?: boolean;
}

/** A user asks to join (apply_join_group; AVChatRoom join). */
export interface GroupApply extends Req {
  t: 'apply';
  wording?: string;
}

/** Live-room viewers joining (the ROOM_JOINs one edge coalesced for this room, src/edge/room-join-batch.ts):
 *  one turn admits them all; each viewer is answered as a single application would be. */
export interface GroupRoomJoin {
  t: 'roomJoin';
  sdkAppId: number;
  groupId: string;
  viewers: RoomViewer[];
}

export interface RoomViewer {
  userId: string;
  /** OptPlatform of the callbacks; RESTAPI when absent. */
  optPlatform?: string;
}

/** GroupRoomJoin's answer: one code and info per viewer, in order (code 0 = admitted). */
export interface RoomJoinResult {
  results: Array<{ code: number; info: string }>;
}

/** Owner/admin approves or rejects pending requests. */
export interface GroupDecide extends Req {
  t: 'decide';
  userIds: string[];
  approve: boolean;
}

export interface GroupQuit extends Req {
  t: 'quit';
}

/** delete_group_member (REST, Silence) / client kick. */
export interface GroupKick extends Req {
  t: 'kick';
  userIds: string[];
  reason?: string;
  silence?: boolean;
}

/** modify_group_member_info / client: role (Admin|Member), NameCard, MsgFlag, member custom, mute. */
export interface GroupModifyMember extends Req {
  t: 'modifyMember';
  userId: string;
  role?: 'Admin' | 'Member';
  nameCard?: string;
  msgFlag?: MsgFlag;
  custom?: Record<string, string>;
  /** Seconds; 0 unmutes; 4294967295 permanent. */
  muteTimeSec?: number;
}

/** forbid_send_msg: mute or unmute several members. */
export interface GroupMute extends Req {
  t: 'mute';
  userIds: string[];
  muteTimeSec: number;
}

export interface GroupTransfer extends Req {
  t: 'transfer';
  newOwner: string;
}

export interface GroupDismiss extends Req {
  t: 'dismiss';
}

/** Community topics (create_topic / modify_topic / destroy_topic; import_topic). */
export interface TopicCreate extends Req {
  t: 'topicCreate';
  /** The full topic id `{GroupId}@TOPIC#_{suffix}`, chosen by the caller like group ids. */
  topicId: string;
  name: string;
  faceUrl?: string;
  introduction?: string;
  notification?: string;
  customString?: string;
}

export interface TopicModify extends Req {
  t: 'topicModify';
  topicId: string;
  name?: string;
  faceUrl?: string;
  introduction?: string;
  notification?: string;
  customString?: string;
  muteAll?: boolean;
}

export interface TopicDestroy extends Req {
  t: 'topicDestroy';
  topicIds: string[];
}

// ---- messages ----------------------------------------------------------------------------

/** send_group_msg / client send / import_group_msg. Batchable. */
export interface GroupSend extends Req {
  t: 'send';
  /** Sender: From_Account, or '' for a message from the App admin without one. */
  from: string;
  topicId?: string;
  body: JsonValue[];
  options: SendOptions;
  /** Targeted message (To_Account of send_group_msg): only these members get it. */
  toMembers?: string[];
  /** import_group_msg: MsgTimeStamp kept, no push, no unread unless 'realtime'. */
  imported?: { timeSec: number; mode: 'history' | 'realtime' };
  /** SendMsgControl etc. skip no check for REST except those the spec lists. */
  callbacks?: boolean;
}

export interface GroupSendResult {
  /** MsgSeq (0 for AVChatRoom and online-only messages). */
  seq: number;
  /** MsgTime, unix seconds. */
  time: number;
  /** AVChatRoom: why a message was not delivered (MsgDropReason), '' when delivered. */
  dropReason?: string;
}

/** group_msg_recall / client recall, by seqs. */
export interface GroupRecall extends Req {
  t: 'recall';
  topicId?: string;
  seqs: number[];
  reason?: string;
}

/** modify_group_msg / client edit. */
export interface GroupModifyMsg extends Req {
  t: 'modifyMsg';
  topicId?: string;
  seq: number;
  body?: JsonValue[];
  cloudCustomData?: string;
}

/** delete_group_msg_by_sender: every stored message of `sender` (App admin only). */
export interface GroupDeleteBySender extends Req {
  t: 'deleteBySender';
  sender: string;
  topicId?: string;
}

/** clear_group_msg: every stored message up to a seq (all when absent) removed from history (App admin only). */
export interface GroupClearMsgs extends Req {
  t: 'clearMsgs';
  topicId?: string;
  upToSeq?: number;
}

/** A member's read position (client read report; set_unread_msg_num sets unread instead). */
export interface GroupRead extends Req {
  t: 'read';
  topicId?: string;
  /** Absent = the newest message. */
  seq?: number;
  /** set_unread_msg_num: the member's unread count becomes this. */
  unread?: number;
  /** The member whose position moves (REST names them; clients are `by`). */
  member?: string;
}

/** Per-message read receipts (group_msg_receipt / client). */
export interface GroupReceipt extends Req {
  t: 'receipt';
  topicId?: string;
  seqs: number[];
}

/** send_group_system_notification: online only, never stored. */
export interface GroupNotify extends Req {
  t: 'notify';
  content: string;
  toMembers?: string[];
  topicId?: string;
}

export type GroupManageMsg =
  | GroupCreate
  | GroupModify
  | GroupAddMembers
  | GroupApply
  | GroupRoomJoin
  | GroupDecide
  | GroupQuit
  | GroupKick
  | GroupModifyMember
  | GroupMute
  | GroupTransfer
  | GroupDismiss
  | TopicCreate
  | TopicModify
  | TopicDestroy;

export type GroupMsgMsg = GroupSend | GroupRecall | GroupModifyMsg | GroupDeleteBySender | GroupClearMsgs | GroupRead | GroupReceipt | GroupNotify;

export type GroupMsg = GroupManageMsg | GroupMsgMsg;

export const GROUP_MESSAGE_TURNS: ReadonlySet<GroupMsg['t']> = new Set(['send', 'recall', 'modifyMsg', 'deleteBySender', 'clearMsgs', 'read', 'receipt', 'notify']);
export const isMessageTurn = (m: GroupMsg): m is GroupMsgMsg => GROUP_MESSAGE_TURNS.has(m.t);
