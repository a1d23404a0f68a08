// The group part of the SDK (docs/protocol.md §3.5): create and manage groups, send, sync (after a
// seq, ascending) and history (before a seq, newest first), read reports and receipts, recall and
// edit, the joined list with unread counts and member pages. A refused request rejects with
// ImError carrying the server's code (10007 permission, 10010 no such group, 10017 muted...).
// Pushes arrive as the client's groupMessage/groupRecalled/... events; after a reconnect,
// syncAll(groupId, lastSeenSeq) fetches every missing message in order.
import { Op } from '../protocol/ops.js';
import type { GroupMessageInfo } from '../protocol/group-frames.js';
import type { GroupProfileFields, GroupRequestParams, GroupRequestResults, GroupTypeName, MsgFlagName } from '../protocol/group-requests.js';

type Request = <T>(op: number, payload?: unknown, opts?: { timeoutMs?: number }) => Promise<T>;
type Opts = { timeoutMs?: number };
type Topic = { topicId?: string };

/** Send fields under Tencent's group names: MsgBody and Random required; MsgPriority, GroupAtInfo,
 *  CloudCustomData, OnlineOnlyFlag, IsNeedReadReceipt, SendMsgControl optional. */
export type GroupSendFields = { MsgBody: unknown; Random: number } & Record<string, unknown>;

export class GroupsApi {
  constructor(private readonly request: Request) {}

  private call<O extends keyof GroupRequestParams & keyof GroupRequestResults>(op: O, d: GroupRequestParams[O], o?: Opts): Promise<GroupRequestResults[O]> {
    return this.request<GroupRequestResults[O]>(op, d, o);
  }

  /** Creates a group owned by us (a generated id unless groupId is given); members are added. */
  create(type: GroupTypeName, name: string, more: GroupProfileFields & { groupId?: string; members?: string[]; supportTopic?: boolean } = {}, o?: Opts) {
    return this.call(Op.GROUP_CREATE, { ...more, type, name }, o);
  }

  info(groupIds: string[], o?: Opts) {
    return this.call(Op.GROUP_INFO, { groupIds }, o);
  }

  /** Applies to join: 'joined' now, or 'pending' until an owner or admin decides. */
  join(groupId: string, wording?: string, o?: Opts) {
    return this.call(Op.GROUP_JOIN, { groupId, ...(wording !== undefined ? { wording } : {}) }, o);
  }

  quit(groupId: string, o?: Opts) {
    return this.call(Op.GROUP_QUIT, { groupId }, o);
  }

  invite(groupId: string, userIds: string[], o?: Opts) {
    return this.call(Op.GROUP_INVITE, { groupId, userIds }, o);
  }

  kick(groupId: string, userIds: string[], reason?: string, o?: Opts) {
    return this.call(Op.GROUP_KICK, { groupId, userIds, ...(reason ? { reason } : {}) }, o);
  }

  /** Owner/admin: approve or reject pending applications. */
  decide(groupId: string, userIds: string[], approve: boolean, o?: Opts) {
    return this.call(Op.GROUP_DECIDE, { groupId, userIds, approve }, o);
  }

  modify(groupId: string, profile: GroupProfileFields, o?: Opts) {
    return this.call(Op.GROUP_MODIFY, { ...profile, groupId }, o);
  }

  /** Role (owner), name card, MsgFlag (own), member custom fields, mute seconds (0 unmutes). */
  setMember(groupId: string, userId: string, change: { role?: 'Admin' | 'Member'; nameCard?: string; msgFlag?: MsgFlagName; custom?: Record<string, string>; muteTimeSec?: number }, o?: Opts) {
    return this.call(Op.GROUP_MEMBER_SET, { ...change, groupId, userId }, o);
  }

  dismiss(groupId: string, o?: Opts) {
    return this.call(Op.GROUP_DISMISS, { groupId }, o);
  }

  transfer(groupId: string, newOwner: string, o?: Opts) {
    return this.call(Op.GROUP_TRANSFER, { groupId, newOwner }, o);
  }

  /** Resolves with {seq, time} once the message is stored (seq 0 for AVChatRoom / online-only).
   *  Retrying with the same Random within 5 minutes answers the first result. */
  send(groupId: string, fields: GroupSendFields & Topic, o?: Opts) {
    return this.call(Op.GROUP_SEND, { ...fields, groupId }, o);
  }

  sync(groupId: string, afterSeq: number, more: Topic & { limit?: number } = {}, o?: Opts) {
    return this.call(Op.GROUP_SYNC, { ...more, groupId, afterSeq }, o);
  }

  /** Every visible stored message after afterSeq, ascending, page after page. */
  async syncAll(groupId: string, afterSeq: number, more: Topic = {}, o?: Opts): Promise<GroupMessageInfo[]> {
    const out: GroupMessageInfo[] = [];
    for (let after = afterSeq; ; ) {
      const p = await this.sync(groupId, after, more, o);
      out.push(...p.messages);
      if (p.complete || p.afterSeq === after) return out;
      after = p.afterSeq;
    }
  }

  history(groupId: string, more: Topic & { beforeSeq?: number; limit?: number } = {}, o?: Opts) {
    return this.call(Op.GROUP_HISTORY, { ...more, groupId }, o);
  }

  /** Marks read up to seq (absent = everything); answers the new unread count. */
  markRead(groupId: string, more: Topic & { seq?: number } = {}, o?: Opts) {
    return this.call(Op.GROUP_READ, { ...more, groupId }, o);
  }

  /** Recalls messages; answers a code per seq (0 recalled). Members get 'groupRecalled'. */
  recall(groupId: string, seqs: number[], more: Topic & { reason?: string } = {}, o?: Opts) {
    return this.call(Op.GROUP_RECALL, { ...more, groupId, seqs }, o);
  }

  /** Edits one of our messages (MsgBody and/or CloudCustomData); members get 'groupModified'. */
  modifyMessage(groupId: string, seq: number, change: Topic & { MsgBody?: unknown; CloudCustomData?: string }, o?: Opts) {
    return this.call(Op.GROUP_MODIFY_MSG, { ...change, groupId, seq }, o);
  }

  /** Read receipts for messages that asked for one; their senders get 'groupReceipts'. */
  sendReceipts(groupId: string, seqs: number[], more: Topic = {}, o?: Opts) {
    return this.call(Op.GROUP_RECEIPT, { ...more, groupId, seqs }, o);
  }

  joined(page: { after?: string; limit?: number; withLive?: boolean } = {}, o?: Opts) {
    return this.call(Op.GROUP_JOINED, page, o);
  }

  members(groupId: string, page: { after?: string; limit?: number } = {}, o?: Opts) {
    return this.call(Op.GROUP_MEMBERS, { ...page, groupId }, o);
  }
}
