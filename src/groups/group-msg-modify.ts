// Edits and removals of stored group messages, inside the group actor. modify_group_msg / client
// edit replaces the body and/or CloudCustomData (same seq and key, edited flag) of a message: the
// App admin any, a member their own; the 12 KB rule covers the result (80002); GROUP_MODIFIED
// carries the new version. delete_group_msg_by_sender (App admin only) removes every stored message
// of one sender from a timeline, clear_group_msg every message up to a seq: rows stay (seqs keep their numbering) with `extra.deleted` and an
// empty body, history skips them, GROUP_MSG_DELETED tells members' devices.
import { ImError } from '../lib/errors.js';
import { MAX_MSG_BYTES, messageBytes } from '../messaging/msg-body.js';
import type { MsgElement } from '../messaging/msg-types.js';
import type { GroupMessageInfo } from '../protocol/group-frames.js';
import { Err } from '../protocol/error-codes.js';
import { Op } from '../protocol/ops.js';
import { MAX_RANGE_LIMIT, type MessagePatch, type StoredMessage } from '../store/messages.js';
import type { GroupContext } from './group-context.js';
import type { GroupClearMsgs, GroupDeleteBySender, GroupModifyMsg } from './group-messages.js';
import { groupMessageInfo, isDeleted } from './group-msg-view.js';
import { timelineOf } from './group-msg-where.js';

export async function modifyMessage(ctx: GroupContext, r: GroupModifyMsg): Promise<{ msg: GroupMessageInfo }> {
  const g = await ctx.group();
  const [tl, acting] = await Promise.all([timelineOf(ctx, g, r.topicId), ctx.acting(r.by)]);
  if (!Number.isSafeInteger(r.seq) || r.seq <= 0) throw new ImError(Err.GROUP_INVALID_PARAMS, 'MsgSeq must be a positive integer');
  if (r.body === undefined && r.cloudCustomData === undefined) throw new ImError(Err.GROUP_INVALID_PARAMS, 'MsgBody or CloudCustomData is required');
  const { messages } = ctx.deps.store;
  const [msg] = await messages.getBySeqs(ctx.sdkAppId, tl.convId, [r.seq]);
  if (!msg || isDeleted(msg) || (acting.actor !== 'AppAdmin' && msg.from !== acting.userId)) throw new ImError(Err.GROUP_RECALL_NOT_FOUND, `no message ${r.seq} of yours to modify`);
  if (msg.flags.recalled) throw new ImError(Err.GROUP_RECALL_NOT_ALLOWED, 'a recalled message cannot be modified');
  const body = r.body ?? msg.body;
  const ccd = r.cloudCustomData ?? msg.cloudCustomData;
  const bytes = messageBytes(body as unknown as MsgElement[], ccd || undefined);
  if (bytes > MAX_MSG_BYTES) throw new ImError(Err.MSG_TOO_LONG, `the message would be ${bytes} bytes, at most ${MAX_MSG_BYTES}`);
  const patch: MessagePatch = { edited: true, body, ...(r.cloudCustomData !== undefined ? { cloudCustomData: r.cloudCustomData || null } : {}) };
  const after = await messages.patch(ctx.sdkAppId, tl.convId, msg.seq, patch);
  if (!after) throw new ImError(Err.GROUP_RECALL_NOT_FOUND, `message ${r.seq} no longer exists`);
  const info = groupMessageInfo(after);
  const where = { groupId: g.groupId, ...(tl.topicId ? { topicId: tl.topicId } : {}) };
  ctx.fanout.toMembers({ op: Op.GROUP_MODIFIED, d: { ...where, msg: info } }, r.connId ? { skipConnId: r.connId } : {});
  return { msg: info };
}

export async function deleteBySender(ctx: GroupContext, r: GroupDeleteBySender): Promise<{ seqs: number[] }> {
  return removeMessages(ctx, r, (m) => m.from === r.sender);
}

/** clear_group_msg: every message up to upToSeq (all when absent). */
export async function clearMessages(ctx: GroupContext, r: GroupClearMsgs): Promise<{ seqs: number[] }> {
  if (r.upToSeq !== undefined && (!Number.isSafeInteger(r.upToSeq) || r.upToSeq <= 0)) throw new ImError(Err.GROUP_INVALID_PARAMS, 'MsgSeq must be a positive integer');
  return removeMessages(ctx, r, () => true, r.upToSeq);
}

/** Marks the matching stored messages of a timeline deleted (App admin only), page by page. */
async function removeMessages(ctx: GroupContext, r: GroupDeleteBySender | GroupClearMsgs, match: (m: StoredMessage) => boolean, upToSeq?: number): Promise<{ seqs: number[] }> {
  const g = await ctx.group();
  const [tl, acting] = await Promise.all([timelineOf(ctx, g, r.topicId), ctx.acting(r.by)]);
  if (acting.actor !== 'AppAdmin') throw new ImError(Err.GROUP_PERMISSION_DENIED, 'only the App admin deletes group messages');
  const { messages } = ctx.deps.store;
  const deleted: number[] = [];
  for (let fromSeq: number | undefined = 1; fromSeq !== undefined; ) {
    const page = await messages.range(ctx.sdkAppId, tl.convId, { fromSeq, ...(upToSeq !== undefined ? { toSeq: upToSeq } : {}), limit: MAX_RANGE_LIMIT, order: 'asc' });
    const hit = page.messages.filter((m) => match(m) && !isDeleted(m));
    await Promise.all(hit.map((m) => messages.patch(ctx.sdkAppId, tl.convId, m.seq, { body: [], extra: { ...m.extra, deleted: true } })));
    deleted.push(...hit.map((m) => m.seq));
    const last = page.messages[page.messages.length - 1];
    fromSeq = page.next ?? (last && page.messages.length === MAX_RANGE_LIMIT ? last.seq + 1 : undefined);
  }
  if (deleted.length > 0) ctx.fanout.toMembers({ op: Op.GROUP_MSG_DELETED, d: { groupId: g.groupId, ...(tl.topicId ? { topicId: tl.topicId } : {}), seqs: deleted } });
  return { seqs: deleted };
}
