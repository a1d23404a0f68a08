// Server pushes of group messages (ops 230..239, owned by the group message turns) and, appended at
// the end of this file, the room/subscription frames (240..249). Every group push names its group
// (and topic) because one socket receives the frames of all its groups. GROUP_MSG always carries a
// list: the actor sends a batch turn's messages (an AVChatRoom tick) as one frame, and the edge may
// concatenate the lists of several GROUP_MSG frames of one group into one frame per client.
import type { Op } from './ops.js';
import { isPlainMap } from './validate.js';

/** A member-change or profile tip kept in the timeline (or only delivered, per the group type). */
export interface GroupTipInfo {
  /** join, quit, kick, setAdmin, unsetAdmin, mute, unmute, profile, transfer, ... (open set). */
  kind: string;
  /** Who did it ('' for the App admin). */
  operator: string;
  /** Whom it concerns. */
  users: string[];
  /** Kind-specific details (changed fields, mute seconds...). */
  detail?: unknown;
}

/** One message of a group or topic timeline as clients see it (body in Tencent's MsgBody form). */
export interface GroupMessageInfo {
  /** Position in the timeline; 0 for messages never stored (AVChatRoom, online-only, targeted). */
  seq: number;
  key: string;
  /** Sender; '' for the App admin without From_Account and for tips. */
  from: string;
  /** MsgTime, unix seconds. */
  time: number;
  random: number;
  body: unknown[];
  /** 'high' | 'normal' | 'low'. */
  priority: string;
  cloudCustomData?: string;
  recalled?: boolean;
  edited?: boolean;
  needReadReceipt?: boolean;
  atAll?: boolean;
  atUsers?: string[];
  /** Targeted message: only these members got it. */
  toMembers?: string[];
  onlineOnly?: boolean;
  tip?: GroupTipInfo;
}

interface Where {
  groupId: string;
  topicId?: string;
}

export interface GroupMsgFrame {
  op: typeof Op.GROUP_MSG;
  d: Where & { msgs: GroupMessageInfo[] };
}

/** Messages recalled: they stay as placeholders (recalled, empty body). */
export interface GroupRecalledFrame {
  op: typeof Op.GROUP_RECALLED;
  d: Where & { seqs: number[]; by: string };
}

export interface GroupModifiedFrame {
  op: typeof Op.GROUP_MODIFIED;
  d: Where & { msg: GroupMessageInfo };
}

/** To the reader's own devices: their read position (and unread count) in the group moved. */
export interface GroupReadChangedFrame {
  op: typeof Op.GROUP_READ_CHANGED;
  d: Where & { readSeq: number; unread: number };
}

/** To a sender: `reader` read these of their messages that asked for a receipt. */
export interface GroupReceiptsFrame {
  op: typeof Op.GROUP_RECEIPTS;
  d: Where & { reader: string; seqs: number[] };
}

/** send_group_system_notification: online only, never stored. */
export interface GroupSystemFrame {
  op: typeof Op.GROUP_SYSTEM;
  d: Where & { content: string };
}

/** Messages removed from history (delete_group_msg_by_sender, clear_group_msg). */
export interface GroupMsgDeletedFrame {
  op: typeof Op.GROUP_MSG_DELETED;
  d: Where & { seqs: number[] };
}

export type GroupMessageFrame = GroupMsgFrame | GroupRecalledFrame | GroupModifiedFrame | GroupReadChangedFrame | GroupReceiptsFrame | GroupSystemFrame | GroupMsgDeletedFrame;

/** Every group push (message frames here; room frames are appended below by their owner). */
export type GroupServerFrame = GroupMessageFrame;

/** Checks the common shape of a group push's data: a map naming its group. */
export function decodeGroupPush(op: number, d: unknown): { op: number; d: Record<string, unknown> } | string {
  if (!isPlainMap(d) || typeof d.groupId !== 'string') return `group push ${op} needs d.groupId`;
  return { op, d };
}
