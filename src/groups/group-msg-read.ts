// A member's read position in a group (docs/groups.md "Unread"): MemberRecord.readSeq, the highest
// seq they have read; their unread count is what follows it (group-msg-unread.ts; types without
// unread counts, Meeting and AVChatRoom, answer 0). Read reports only raise it; set_unread_msg_num
// sets it so that many counted messages stay unread (and may lower it). Per-message receipts (group_msg_receipt /
// client) raise it to the receipted seqs and tell the senders of the messages that asked for one
// (NeedReadReceipt) with GROUP_RECEIPTS. Topics keep no per-member position (10004).
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import { Op } from '../protocol/ops.js';
import type { GroupRecord, MemberRecord } from '../store/groups.js';
import type { GroupContext } from './group-context.js';
import { groupConvId } from './group-ids.js';
import type { GroupBy, GroupRead, GroupReceipt } from './group-messages.js';
import { msgStateOf } from './group-msg-state.js';
import { seqListProblem } from './group-msg-recall.js';
import { rulesOf } from './group-type-rules.js';
import { groupUnreadCount, readSeqForUnread } from './group-msg-unread.js';

/** Most seqs one receipt report takes. */
export const MAX_RECEIPT_SEQS = 100;
/** Group types with per-message read receipts (counted from members' read positions). */
export const RECEIPT_TYPES: ReadonlySet<GroupRecord['type']> = new Set(['Work', 'Public', 'Meeting']);

function noTopic(topicId: string | undefined): void {
  if (topicId) throw new ImError(Err.GROUP_INVALID_PARAMS, 'read positions are kept per group, not per topic');
}

/** The member whose position moves: the App admin names them, a member moves their own. */
async function readerOf(ctx: GroupContext, by: GroupBy, named: string | undefined): Promise<MemberRecord> {
  const acting = await ctx.acting(by);
  let userId = acting.userId;
  if (acting.actor === 'AppAdmin') {
    if (named) userId = named;
  } else if (named && named !== acting.userId) throw new ImError(Err.GROUP_PERMISSION_DENIED, 'a member moves only their own read position');
  const row = userId === acting.userId && acting.member ? acting.member : (await ctx.deps.store.groupMembers.getMembers(ctx.sdkAppId, ctx.groupId, [userId])).get(userId);
  if (!row) throw new ImError(Err.GROUP_PERMISSION_DENIED, `${userId || 'the App admin'} is not a member of the group`);
  return row;
}

export async function markRead(ctx: GroupContext, r: GroupRead): Promise<{ readSeq: number; unread: number }> {
  const g = await ctx.group();
  noTopic(r.topicId);
  const row = await readerOf(ctx, r.by, r.member);
  const lastSeq = (await msgStateOf(ctx).seqs.ensure(groupConvId(g.groupId))) - 1;
  let readSeq: number;
  if (r.unread !== undefined) {
    if (!Number.isSafeInteger(r.unread) || r.unread < 0) throw new ImError(Err.GROUP_INVALID_PARAMS, 'UnreadMsgNum must be a non-negative integer');
    readSeq = await readSeqForUnread(ctx.deps.store, ctx.sdkAppId, g, lastSeq, r.unread);
  } else {
    if (r.seq !== undefined && (!Number.isSafeInteger(r.seq) || r.seq < 0)) throw new ImError(Err.GROUP_INVALID_PARAMS, 'seq must be a non-negative integer');
    readSeq = Math.max(row.readSeq, Math.min(r.seq ?? lastSeq, lastSeq));
  }
  const unread = await groupUnreadCount(ctx.deps.store, ctx.sdkAppId, g, readSeq, lastSeq);
  if (readSeq !== row.readSeq) {
    await ctx.deps.store.groupMembers.updateMembers(ctx.sdkAppId, g.groupId, [{ userId: row.userId, readSeq }]);
    ctx.fanout
      .toUsers([row.userId], { op: Op.GROUP_READ_CHANGED, d: { groupId: g.groupId, readSeq, unread } }, r.connId ? { skipConnId: r.connId } : {})
      .catch((e: unknown) => ctx.log.warn('group read push failed', { err: e }));
  }
  return { readSeq, unread };
}

export async function receiptRead(ctx: GroupContext, r: GroupReceipt): Promise<{ seqs: number[] }> {
  const g = await ctx.group();
  if (!RECEIPT_TYPES.has(g.type)) throw new ImError(Err.GROUP_PERMISSION_DENIED, `a ${g.type} group has no read receipts`);
  noTopic(r.topicId);
  const bad = seqListProblem(r.seqs, MAX_RECEIPT_SEQS);
  if (bad) throw new ImError(Err.GROUP_INVALID_PARAMS, bad);
  const acting = await ctx.acting(r.by);
  if (!acting.member) throw new ImError(Err.GROUP_PERMISSION_DENIED, 'only members send read receipts');
  const row = acting.member;
  const convId = groupConvId(g.groupId);
  const lastSeq = (await msgStateOf(ctx).seqs.ensure(convId)) - 1;
  const msgs = await ctx.deps.store.messages.getBySeqs(ctx.sdkAppId, convId, [...new Set(r.seqs)].filter((s) => s <= lastSeq));
  const fresh = msgs.filter((m) => m.seq > row.readSeq && m.extra.needReadReceipt === true && m.from !== row.userId && !m.flags.recalled);
  const top = Math.max(row.readSeq, ...msgs.map((m) => m.seq));
  if (top > row.readSeq) await ctx.deps.store.groupMembers.updateMembers(ctx.sdkAppId, g.groupId, [{ userId: row.userId, readSeq: top }]);
  const bySender = new Map<string, number[]>();
  for (const m of fresh) bySender.set(m.from, [...(bySender.get(m.from) ?? []), m.seq]);
  for (const [sender, seqs] of bySender) {
    if (sender === '') continue;
    ctx.fanout
      .toUsers([sender], { op: Op.GROUP_RECEIPTS, d: { groupId: g.groupId, reader: row.userId, seqs } })
      .catch((e: unknown) => ctx.log.warn('group receipt push failed', { err: e }));
  }
  return { seqs: fresh.map((m) => m.seq) };
}
