// How a stored group message looks to clients (GroupMessageInfo of GROUP_MSG frames) and to REST
// (group_msg_get_simple's RspMsgList entry), and what a stored group message keeps in `extra`:
// dk/ds (dedup key and scope, for the repair on activation), priority, needReadReceipt, the
// @-mentions, noUnread (not counted as unread), a tip, and `deleted` (removed from history by delete_group_msg_by_sender).
import type { GroupMessageInfo, GroupTipInfo } from '../protocol/group-frames.js';
import type { JsonObject, StoredMessage } from '../store/messages.js';
import type { JsonValue } from '../store/relationships.js';

const WIRE_PRIORITY: Readonly<Record<string, string>> = { high: 'High', normal: 'Normal', low: 'Low' };

export const priorityOf = (m: Pick<StoredMessage, 'extra'>): string => (typeof m.extra.priority === 'string' ? m.extra.priority : 'normal');
export const isDeleted = (m: Pick<StoredMessage, 'extra'>): boolean => m.extra.deleted === true;
export const isTip = (m: Pick<StoredMessage, 'extra'>): boolean => m.extra.tip !== undefined;

export function groupMessageInfo(m: StoredMessage): GroupMessageInfo {
  const out: GroupMessageInfo = { seq: m.seq, key: m.key, from: m.from, time: m.time, random: m.random, body: m.body, priority: priorityOf(m) };
  const x = m.extra;
  if (m.cloudCustomData !== undefined) out.cloudCustomData = m.cloudCustomData;
  if (m.flags.recalled) out.recalled = true;
  if (m.flags.edited) out.edited = true;
  if (x.needReadReceipt === true) out.needReadReceipt = true;
  if (x.atAll === true) out.atAll = true;
  if (Array.isArray(x.atUsers) && x.atUsers.length > 0) out.atUsers = x.atUsers as string[];
  if (Array.isArray(x.toMembers)) out.toMembers = x.toMembers as string[];
  if (x.onlineOnly === true) out.onlineOnly = true;
  if (x.tip !== undefined) out.tip = x.tip as unknown as GroupTipInfo;
  return out;
}

/** The extra map of a new message (absent facts left out, so stored JSON stays small). */
export function newExtra(f: {
  dk?: string;
  ds?: string;
  priority: string;
  needReadReceipt?: boolean;
  atAll?: boolean;
  atUsers?: readonly string[];
  toMembers?: readonly string[];
  onlineOnly?: boolean;
  noUnread?: boolean;
  tip?: GroupTipInfo;
}): JsonObject {
  const x: JsonObject = {};
  if (f.dk !== undefined) x.dk = f.dk;
  if (f.ds !== undefined) x.ds = f.ds;
  if (f.priority !== 'normal') x.priority = f.priority;
  if (f.needReadReceipt) x.needReadReceipt = true;
  if (f.atAll) x.atAll = true;
  if (f.atUsers && f.atUsers.length > 0) x.atUsers = [...f.atUsers];
  if (f.toMembers) x.toMembers = [...f.toMembers];
  if (f.onlineOnly) x.onlineOnly = true;
  if (f.noUnread) x.noUnread = true;
  if (f.tip) x.tip = f.tip as unknown as JsonValue;
  return x;
}

/** group_msg_get_simple's RspMsgList entry (spec §2.1 #47). */
export function restMessage(m: StoredMessage): Record<string, unknown> {
  return {
    From_Account: m.from,
    IsPlaceMsg: m.flags.recalled ? 1 : 0,
    IsSystemMsg: isTip(m) || m.from === '' ? 1 : 0,
    MsgBody: m.body,
    MsgPriority: WIRE_PRIORITY[priorityOf(m)] ?? 'Normal',
    MsgRandom: m.random,
    MsgSeq: m.seq,
    MsgTimeStamp: m.time,
    MsgKey: m.key,
    ...(m.cloudCustomData !== undefined ? { CloudCustomData: m.cloudCustomData } : {}),
    ...(m.extra.tip !== undefined ? { GroupTip: m.extra.tip } : {}),
  };
}
