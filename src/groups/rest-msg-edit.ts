// REST changes to stored group messages (spec §2.1 #46, #49): group_msg_recall (RetCode per seq),
// modify_group_msg (served under both openim, where Tencent lists it, and group_open_http_svc) and
// delete_group_msg_by_sender and clear_group_msg (MsgSeq: up to that seq). All go through the group actor as the calling App admin.
import { ImError } from '../lib/errors.js';
import { parseMsgBody, toWire } from '../messaging/msg-body.js';
import { Err } from '../protocol/error-codes.js';
import type { RestContext } from '../rest/context.js';
import { field } from '../rest/validate.js';
import type { GroupMessageInfo } from '../protocol/group-frames.js';
import type { GroupModifyMsg } from './group-messages.js';
import { MAX_RECALL_SEQS, type RecallResult } from './group-msg-recall.js';
import { adminBy, ask, bad, groupIdOf, intOf, seqListOf, topicIdOf, userOf } from './rest-msg-common.js';

type Body = Record<string, unknown>;

export async function groupMsgRecall(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = groupIdOf(body);
  const topicId = topicIdOf(body, groupId);
  const seqs = seqListOf(body, MAX_RECALL_SEQS);
  const reason = field(body, 'Reason');
  if (reason !== undefined && typeof reason !== 'string') throw bad('Reason must be a string');
  const r = await ask<RecallResult>(ctx, { t: 'recall', sdkAppId: ctx.sdkAppId, groupId, by: adminBy(ctx), seqs, ...(topicId ? { topicId } : {}), ...(reason ? { reason } : {}) });
  return { RecallRetList: r.results.map((x) => ({ MsgSeq: x.seq, RetCode: x.code })) };
}

export async function modifyGroupMsg(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = groupIdOf(body);
  const topicId = topicIdOf(body, groupId);
  const seq = intOf(body, 'MsgSeq', 1, Number.MAX_SAFE_INTEGER, true)!;
  const ccd = field(body, 'CloudCustomData');
  if (ccd !== undefined && typeof ccd !== 'string') throw bad('CloudCustomData must be a string');
  const rawBody = field(body, 'MsgBody');
  if (rawBody === undefined && ccd === undefined) throw bad('MsgBody or CloudCustomData is required');
  const msg: GroupModifyMsg = { t: 'modifyMsg', sdkAppId: ctx.sdkAppId, groupId, by: adminBy(ctx), seq, ...(topicId ? { topicId } : {}) };
  if (rawBody !== undefined) msg.body = toWire(parseMsgBody(rawBody, { metrics: ctx.deps.metrics, ...(typeof ccd === 'string' ? { cloudCustomData: ccd } : {}) }));
  if (typeof ccd === 'string') msg.cloudCustomData = ccd;
  await ask<{ msg: GroupMessageInfo }>(ctx, msg);
  return {};
}

export async function deleteGroupMsgBySender(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = groupIdOf(body);
  const topicId = topicIdOf(body, groupId);
  const senderRaw = field(body, 'Sender_Account');
  if (senderRaw === undefined) throw new ImError(Err.GROUP_INVALID_PARAMS, 'Sender_Account is required');
  const sender = userOf(senderRaw, 'Sender_Account');
  await ask(ctx, { t: 'deleteBySender', sdkAppId: ctx.sdkAppId, groupId, by: adminBy(ctx), sender, ...(topicId ? { topicId } : {}) });
  return {};
}

export async function clearGroupMsg(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = groupIdOf(body);
  const topicId = topicIdOf(body, groupId);
  const upToSeq = intOf(body, 'MsgSeq', 1, Number.MAX_SAFE_INTEGER, false);
  await ask(ctx, { t: 'clearMsgs', sdkAppId: ctx.sdkAppId, groupId, by: adminBy(ctx), ...(topicId ? { topicId } : {}), ...(upToSeq !== undefined ? { upToSeq } : {}) });
  return {};
}
