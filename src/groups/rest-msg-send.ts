// REST group sends (spec §2.1 #44, #45, #48, #49): send_group_msg (From_Account optional: the App
// admin may send as anyone or as nobody; To_Account makes a targeted message), the online-only
// send_group_system_notification, import_group_msg (MsgList in SendTime order, one ask each so
// seqs follow the list; Result per message) and send_broadcast_msg to every AVChatRoom of the app.
import { randomInt } from 'node:crypto';
import { ImError, isImError } from '../lib/errors.js';
import { MAX_MSG_BYTES, parseMsgBody, toWire } from '../messaging/msg-body.js';
import { MAX_UINT32 } from '../messaging/msg-key.js';
import { parseSendOptions, uniformCodes } from '../messaging/send-options.js';
import { Err } from '../protocol/error-codes.js';
import type { RestContext } from '../rest/context.js';
import { asObject, field, utf8Bytes } from '../rest/validate.js';
import type { GroupSend, GroupSendResult } from './group-messages.js';
import { adminBy, ask, bad, groupIdOf, groupSendRequest, intOf, MSG_CODES, optUser, topicIdOf, userOf, usersOf } from './rest-msg-common.js';

type Body = Record<string, unknown>;

/** Most members one targeted message names (To_Account). */
export const MAX_TARGETED_MEMBERS = 50;
/** Most messages one import_group_msg takes. */
export const MAX_IMPORT_MSGS = 20;
/** Most accounts one system notification names. */
export const MAX_NOTIFY_MEMBERS = 500;
/** Live rooms one broadcast sends to at once, and the app-list page it reads them by. */
export const BROADCAST_CONCURRENCY = 16;
export const BROADCAST_PAGE = 1000;

async function checkSender(ctx: RestContext, from: string): Promise<void> {
  if (ctx.app.admins.includes(from)) return;
  if (!(await ctx.deps.store.accounts.getAccount(ctx.sdkAppId, from))) throw new ImError(Err.GROUP_ACCOUNT_NOT_FOUND, `From_Account ${from} does not exist`);
}

export async function sendGroupMsg(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = groupIdOf(body);
  const topicId = topicIdOf(body, groupId);
  const from = optUser(body, 'From_Account');
  const toMembers = usersOf(body, 'To_Account', MAX_TARGETED_MEMBERS, false);
  const req = groupSendRequest(ctx, body);
  if (from !== undefined) await checkSender(ctx, from);
  const msg: GroupSend = {
    t: 'send',
    sdkAppId: ctx.sdkAppId,
    groupId,
    by: adminBy(ctx),
    from: from ?? '',
    body: toWire(req.body),
    options: req.options,
    optPlatform: 'RESTAPI',
    ...(topicId ? { topicId } : {}),
    ...(toMembers ? { toMembers } : {}),
  };
  const r = await ask<GroupSendResult>(ctx, msg);
  return { MsgTime: r.time, MsgSeq: r.seq, ...(r.dropReason ? { MsgDropReason: r.dropReason } : {}) };
}

export async function sendGroupSystemNotification(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = groupIdOf(body);
  const topicId = topicIdOf(body, groupId);
  const content = field(body, 'Content');
  if (typeof content !== 'string' || content.length === 0) throw bad('Content must be a non-empty string');
  if (utf8Bytes(content) > MAX_MSG_BYTES) throw new ImError(Err.MSG_TOO_LONG, `Content is longer than ${MAX_MSG_BYTES} bytes`);
  const toMembers = usersOf(body, 'ToMembers_Account', MAX_NOTIFY_MEMBERS, false);
  await ask(ctx, { t: 'notify', sdkAppId: ctx.sdkAppId, groupId, by: adminBy(ctx), content, ...(topicId ? { topicId } : {}), ...(toMembers ? { toMembers } : {}) });
  return {};
}

interface ImportItem {
  index: number;
  from: string;
  time: number;
  random: number;
  body: GroupSend['body'];
}

export async function importGroupMsg(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = groupIdOf(body);
  const topicId = topicIdOf(body, groupId);
  const flag = intOf(body, 'RecentContactFlag', 0, 1, false) ?? 0;
  const list = field(body, 'MsgList');
  if (!Array.isArray(list) || list.length === 0) throw bad('MsgList must be a non-empty array');
  if (list.length > MAX_IMPORT_MSGS) throw bad(`MsgList has ${list.length} messages, at most ${MAX_IMPORT_MSGS}`);
  const results: Record<string, unknown>[] = list.map(() => ({ MsgSeq: 0, MsgTime: 0, Result: Err.GROUP_INVALID_PARAMS }));
  const items: ImportItem[] = [];
  list.forEach((raw, index) => {
    try {
      const m = asObject(raw, `MsgList[${index}]`, MSG_CODES);
      const from = userOf(field(m, 'From_Account'), `MsgList[${index}].From_Account`);
      const time = field(m, 'SendTime');
      if (typeof time !== 'number' || !Number.isSafeInteger(time) || time <= 0) throw bad(`MsgList[${index}].SendTime must be a unix time in seconds`);
      const rnd = field(m, 'Random');
      if (rnd !== undefined && (typeof rnd !== 'number' || !Number.isSafeInteger(rnd) || rnd < 0 || rnd > MAX_UINT32)) throw bad(`MsgList[${index}].Random must be a uint32`);
      const parsed = toWire(parseMsgBody(field(m, 'MsgBody'), { metrics: ctx.deps.metrics }));
      items.push({ index, from, time, random: typeof rnd === 'number' ? rnd : randomInt(MAX_UINT32), body: parsed });
    } catch (e) {
      if (!isImError(e)) throw e;
      results[index] = { MsgSeq: 0, MsgTime: 0, Result: e.code };
    }
  });
  // Seqs follow SendTime (stable for equal times): one ask at a time keeps the order.
  items.sort((a, b) => a.time - b.time || a.index - b.index);
  for (const it of items) {
    const options = parseSendOptions({ Random: it.random }, { kind: 'group', codes: uniformCodes(Err.GROUP_INVALID_PARAMS) });
    const msg: GroupSend = {
      t: 'send',
      sdkAppId: ctx.sdkAppId,
      groupId,
      by: adminBy(ctx),
      from: it.from,
      body: it.body,
      options,
      imported: { timeSec: it.time, mode: flag === 1 ? 'realtime' : 'history' },
      ...(topicId ? { topicId } : {}),
    };
    try {
      const r = await ask<GroupSendResult>(ctx, msg);
      results[it.index] = { MsgSeq: r.seq, MsgTime: r.time, Result: 0 };
    } catch (e) {
      if (!isImError(e)) throw e;
      // The group itself is wrong: the whole call fails, as Tencent answers it.
      if (e.code === Err.GROUP_NOT_FOUND || e.code === Err.GROUP_PERMISSION_DENIED) throw e;
      results[it.index] = { MsgSeq: 0, MsgTime: it.time, Result: e.code };
    }
  }
  return { ImportMsgResult: results };
}

export async function sendBroadcastMsg(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const from = optUser(body, 'From_Account');
  const req = groupSendRequest(ctx, body);
  if (from !== undefined) await checkSender(ctx, from);
  const bodyWire = toWire(req.body);
  const sendTo = async (groupId: string): Promise<void> => {
    try {
      await ask(ctx, { t: 'send', sdkAppId: ctx.sdkAppId, groupId, by: adminBy(ctx), from: from ?? '', body: bodyWire, options: req.options, optPlatform: 'RESTAPI' });
    } catch (e) {
      ctx.log.warn('send_broadcast_msg: a room refused the message', { groupId, err: e });
    }
  };
  for (let after: string | undefined, first = true; first || after !== undefined; first = false) {
    const page = await ctx.deps.store.groups.listGroups(ctx.sdkAppId, { limit: BROADCAST_PAGE, types: ['AVChatRoom'], ...(after !== undefined ? { after } : {}) });
    const ids = page.groups.map((g) => g.groupId);
    for (let i = 0; i < ids.length; i += BROADCAST_CONCURRENCY) await Promise.all(ids.slice(i, i + BROADCAST_CONCURRENCY).map(sendTo));
    after = page.next;
  }
  return { MsgSeq: 0 };
}
