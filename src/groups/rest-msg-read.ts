// REST reads and read positions of group messages (spec §2.1 #47, #49, #50): group_msg_get_simple
// (history newest first, read straight from the store; IsFinished 1 when nothing older remains),
// set_unread_msg_num and group_msg_receipt through the actor, get_group_msg_receipt(+_detail)
// counted from members' read positions (group-msg-receipts.ts) without the actor.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { RestContext } from '../rest/context.js';
import { field } from '../rest/validate.js';
import { groupConvId } from './group-ids.js';
import { historyPage, MAX_HISTORY_PAGE } from './group-msg-history.js';
import { MAX_RECEIPT_SEQS } from './group-msg-read.js';
import { eligibleFor, hasRead, receiptCount, receiptMembers } from './group-msg-receipts.js';
import { restMessage } from './group-msg-view.js';
import { convIdOf } from './group-msg-where.js';
import { adminBy, ask, bad, groupIdOf, intOf, liveGroup, seqListOf, topicIdOf, userOf } from './rest-msg-common.js';

type Body = Record<string, unknown>;

/** Largest page of get_group_msg_receipt_detail. */
export const MAX_RECEIPT_DETAIL_COUNT = 100;

export async function groupMsgGetSimple(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = groupIdOf(body);
  const topicId = topicIdOf(body, groupId);
  const limit = intOf(body, 'ReqMsgNumber', 1, MAX_HISTORY_PAGE, true)!;
  const fromSeq = intOf(body, 'ReqMsgSeq', 1, Number.MAX_SAFE_INTEGER, false);
  const withRecalled = intOf(body, 'WithRecalledMsg', 0, 1, false) === 1;
  const g = await liveGroup(ctx, groupId);
  if (topicId) {
    const topic = (await ctx.deps.store.groupTopics.getTopics(ctx.sdkAppId, groupId, [topicId])).get(topicId);
    if (!topic) throw new ImError(Err.GROUP_NOT_FOUND, `topic ${topicId} does not exist`);
  }
  const page = await historyPage(ctx.deps.store, ctx.sdkAppId, g, convIdOf(groupId, topicId), { limit, withRecalled, ...(fromSeq !== undefined ? { fromSeq } : {}) });
  return { GroupId: groupId, IsFinished: page.finished ? 1 : 0, RspMsgList: page.messages.map(restMessage) };
}

export async function setUnreadMsgNum(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = groupIdOf(body);
  const member = userOf(field(body, 'Member_Account'), 'Member_Account');
  const unread = intOf(body, 'UnreadMsgNum', 0, Number.MAX_SAFE_INTEGER, true)!;
  await ask(ctx, { t: 'read', sdkAppId: ctx.sdkAppId, groupId, by: adminBy(ctx), member, unread });
  return {};
}

export async function groupMsgReceipt(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = groupIdOf(body);
  const reader = userOf(field(body, 'From_Account'), 'From_Account');
  const seqs = seqListOf(body, MAX_RECEIPT_SEQS);
  await ask(ctx, { t: 'receipt', sdkAppId: ctx.sdkAppId, groupId, by: { userId: reader }, seqs });
  return {};
}

export async function getGroupMsgReceipt(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = groupIdOf(body);
  const seqs = seqListOf(body, MAX_RECEIPT_SEQS);
  const g = await liveGroup(ctx, groupId);
  const members = await receiptMembers(ctx.deps.store, ctx.sdkAppId, g);
  const msgs = new Map((await ctx.deps.store.messages.getBySeqs(ctx.sdkAppId, groupConvId(groupId), [...new Set(seqs)])).map((m) => [m.seq, m]));
  return {
    GroupMsgReceiptList: seqs.map((seq) => {
      const m = msgs.get(seq);
      const c = m ? receiptCount(members, m) : { read: 0, unread: 0 };
      return { MsgSeq: seq, ReadNum: c.read, UnreadNum: c.unread };
    }),
  };
}

export async function getGroupMsgReceiptDetail(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = groupIdOf(body);
  const seq = intOf(body, 'MsgSeq', 1, Number.MAX_SAFE_INTEGER, true)!;
  const filter = intOf(body, 'Filter', 0, 1, true)!;
  const count = intOf(body, 'Count', 1, MAX_RECEIPT_DETAIL_COUNT, false) ?? MAX_RECEIPT_DETAIL_COUNT;
  const cursorRaw = field(body, 'Cursor');
  if (cursorRaw !== undefined && typeof cursorRaw !== 'string') throw bad('Cursor must be a string');
  const after = cursorRaw ?? '';
  const g = await liveGroup(ctx, groupId);
  const members = await receiptMembers(ctx.deps.store, ctx.sdkAppId, g);
  const [msg] = await ctx.deps.store.messages.getBySeqs(ctx.sdkAppId, groupConvId(groupId), [seq]);
  if (!msg) throw new ImError(Err.GROUP_RECALL_NOT_FOUND, `message ${seq} does not exist`);
  const wanted = members
    .filter((m) => eligibleFor(m, msg) && hasRead(m, msg) === (filter === 0))
    .map((m) => m.userId)
    .sort()
    .filter((u) => u > after);
  const page = wanted.slice(0, count);
  const finished = wanted.length <= count;
  const list = filter === 0 ? { ReadList: page.map((u) => ({ Read_Account: u })) } : { UnreadList: page.map((u) => ({ Unread_Account: u })) };
  return { IsFinished: finished ? 1 : 0, ...list, Cursor: finished ? '' : (page[page.length - 1] ?? '') };
}
