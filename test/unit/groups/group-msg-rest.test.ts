// The group message REST commands (group_open_http_svc) over a stand-in actor client that runs the
// message turns on hand-built group contexts: wire fields in and out, both field spellings where
// Tencent has two, and bad inputs with their codes.
import { describe, expect, it } from 'vitest';
import type { ActorClient } from '../../../src/actors/actor.js';
import type { AppConfig } from '../../../src/config/config.js';
import { DEFAULT_LIMITS } from '../../../src/config/config.js';
import type { GroupContext } from '../../../src/groups/group-context.js';
import type { GroupMsgMsg } from '../../../src/groups/group-messages.js';
import { handleMessageTurn, sendGroupBatch } from '../../../src/groups/group-send.js';
import { groupMessageCommands as cmd, groupOpenimCommands } from '../../../src/groups/rest-messages.js';
import { silentLogger } from '../../../src/lib/log.js';
import { Err } from '../../../src/protocol/error-codes.js';
import { Op } from '../../../src/protocol/ops.js';
import type { GroupMsgFrame } from '../../../src/protocol/group-frames.js';
import type { RestContext, RestDeps, RestHandler } from '../../../src/rest/context.js';
import { APP, groupFixture, text, type Fixture } from './group-msg-fixture.js';
import { outcomeCode } from '../../support/outcome.js';

function rest(f: Fixture) {
  const ctxs = new Map<string, GroupContext>();
  const actors: ActorClient = {
    tell: () => {},
    ask: async <R>(_to: unknown, raw: unknown): Promise<R> => {
      const msg = raw as GroupMsgMsg;
      let ctx = ctxs.get(msg.groupId);
      if (!ctx) ctxs.set(msg.groupId, (ctx = f.ctx(msg.groupId)));
      if (msg.t !== 'send') return (await handleMessageTurn(ctx, msg)) as R;
      const [o] = await sendGroupBatch(ctx, [msg]);
      if (!o || 'err' in o) throw o?.err;
      return o.ok as R;
    },
  };
  const deps = { store: f.store, actors, clock: f.clock, log: silentLogger, metrics: f.metrics, limits: DEFAULT_LIMITS } as unknown as RestDeps;
  const ctx: RestContext = { deps, app: { admins: ['administrator'] } as unknown as AppConfig, sdkAppId: APP, identifier: 'administrator', clientIp: '127.0.0.1', service: 'group_open_http_svc', command: 'x', log: silentLogger };
  return (h: RestHandler, body: Record<string, unknown>) => h(ctx, body);
}

const code = outcomeCode;

async function setup() {
  const f = groupFixture();
  for (const u of ['own', 'bob', 'carol']) await f.store.accounts.importAccount(APP, { userId: u, nick: '', faceUrl: '', importedAt: 0 });
  await f.createGroup('g1', 'Public', { own: 'Owner', bob: 'Member', carol: 'Member' });
  return { f, call: rest(f) };
}

describe('group message REST', () => {
  it('send_group_msg answers MsgSeq and MsgTime, checks its fields', async () => {
    const { f, call } = await setup();
    const r = await call(cmd.send_group_msg, { GroupId: 'g1', From_Account: 'bob', Random: 1, MsgBody: text('a'), MsgPriority: 'Low' });
    expect(r).toEqual({ MsgSeq: 1, MsgTime: Math.floor(f.clock.nowMs() / 1000) });
    expect((await call(cmd.send_group_msg, { GroupId: 'g1', Random: 2, MsgBody: text('sys') })).MsgSeq).toBe(2);
    const t = await call(cmd.send_group_msg, { GroupId: 'g1', From_Account: 'own', Random: 3, MsgBody: text('to bob'), To_Account: ['bob'] });
    expect(t.MsgSeq).toBe(0);
    const [m2] = await f.store.messages.getBySeqs(APP, 'g:g1', [2]);
    expect(m2!.from).toBe('');
    const bad = (body: Record<string, unknown>) => code(call(cmd.send_group_msg, { GroupId: 'g1', Random: 9, MsgBody: text('x'), ...body }));
    expect(await bad({ From_Account: 'ghost' })).toBe(Err.GROUP_ACCOUNT_NOT_FOUND);
    expect(await bad({ GroupId: 5 })).toBe(Err.GROUP_INVALID_PARAMS);
    expect(await bad({ GroupId: 'a@TOPIC#_b' })).toBe(Err.GROUP_ID_INVALID);
    expect(await bad({ GroupId: 'nope' })).toBe(Err.GROUP_NOT_FOUND);
    expect(await bad({ Random: undefined })).toBe(Err.GROUP_INVALID_PARAMS);
    expect(await bad({ MsgPriority: 'urgent' })).toBe(Err.GROUP_INVALID_PARAMS);
    expect(await bad({ To_Account: [] })).toBe(Err.GROUP_INVALID_PARAMS);
    expect(await bad({ To_Account: Array.from({ length: 51 }, (_, i) => `u${i}`) })).toBe(Err.GROUP_TOO_MANY_ACCOUNTS);
    expect(await bad({ TopicId: 'other@TOPIC#_t' })).toBe(Err.GROUP_INVALID_PARAMS);
    expect(await bad({ MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x'.repeat(13_000) } }] })).toBe(Err.MSG_TOO_LONG);
  });

  it('group_msg_get_simple pages history newest first with Tencent fields', async () => {
    const { call } = await setup();
    for (let i = 1; i <= 3; i++) await call(cmd.send_group_msg, { GroupId: 'g1', From_Account: 'bob', Random: i, MsgBody: text(`m${i}`), ...(i === 2 ? { MsgPriority: 'High' } : {}) });
    const p1 = await call(cmd.group_msg_get_simple, { GroupId: 'g1', ReqMsgNumber: 2 });
    expect(p1.IsFinished).toBe(0);
    const list = p1.RspMsgList as Record<string, unknown>[];
    expect(list.map((m) => m.MsgSeq)).toEqual([3, 2]);
    expect(list[1]).toMatchObject({ From_Account: 'bob', IsPlaceMsg: 0, IsSystemMsg: 0, MsgBody: text('m2'), MsgPriority: 'High', MsgRandom: 2 });
    const p2 = await call(cmd.group_msg_get_simple, { GroupId: 'g1', ReqMsgNumber: 2, ReqMsgSeq: 1 });
    expect([(p2.RspMsgList as unknown[]).length, p2.IsFinished]).toEqual([1, 1]);
    expect(await code(call(cmd.group_msg_get_simple, { GroupId: 'g1', ReqMsgNumber: 21 }))).toBe(Err.GROUP_INVALID_PARAMS);
    expect(await code(call(cmd.group_msg_get_simple, { GroupId: 'g1' }))).toBe(Err.GROUP_INVALID_PARAMS);
    expect(await code(call(cmd.group_msg_get_simple, { GroupId: 'zz', ReqMsgNumber: 1 }))).toBe(Err.GROUP_NOT_FOUND);
  });

  it('recalls, edits (also under openim) and deletes by sender', async () => {
    const { f, call } = await setup();
    for (let i = 1; i <= 3; i++) await call(cmd.send_group_msg, { GroupId: 'g1', From_Account: i === 2 ? 'carol' : 'bob', Random: i, MsgBody: text(`m${i}`) });
    expect(await call(cmd.group_msg_recall, { GroupId: 'g1', MsgSeqList: [{ MsgSeq: 1 }, { MsgSeq: 7 }] })).toEqual({
      RecallRetList: [
        { MsgSeq: 1, RetCode: 0 },
        { MsgSeq: 7, RetCode: Err.GROUP_RECALL_NOT_FOUND },
      ],
    });
    expect(await code(call(cmd.group_msg_recall, { GroupId: 'g1', MsgSeqList: [{ MsgSeq: 'x' }] }))).toBe(Err.GROUP_INVALID_PARAMS);
    await call(groupOpenimCommands.modify_group_msg, { GroupId: 'g1', MsgSeq: 2, MsgBody: text('edited'), CloudCustomData: 'cc' });
    expect((await f.store.messages.getBySeqs(APP, 'g:g1', [2]))[0]).toMatchObject({ body: text('edited'), cloudCustomData: 'cc', flags: { edited: true } });
    expect(await code(call(cmd.modify_group_msg, { GroupId: 'g1', MsgSeq: 2 }))).toBe(Err.GROUP_INVALID_PARAMS);
    await call(cmd.delete_group_msg_by_sender, { GroupId: 'g1', Sender_Account: 'bob' });
    const h = await call(cmd.group_msg_get_simple, { GroupId: 'g1', ReqMsgNumber: 20, WithRecalledMsg: 1 });
    expect((h.RspMsgList as Record<string, unknown>[]).map((m) => m.MsgSeq)).toEqual([2]);
    expect(await code(call(cmd.delete_group_msg_by_sender, { GroupId: 'g1' }))).toBe(Err.GROUP_INVALID_PARAMS);
  });

  it('clear_group_msg removes history up to MsgSeq, then all of it', async () => {
    const { call } = await setup();
    for (let i = 1; i <= 4; i++) await call(cmd.send_group_msg, { GroupId: 'g1', From_Account: 'bob', Random: i, MsgBody: text(`m${i}`) });
    const seqs = async () => ((await call(cmd.group_msg_get_simple, { GroupId: 'g1', ReqMsgNumber: 20 })).RspMsgList as Record<string, unknown>[]).map((m) => m.MsgSeq);
    await call(cmd.clear_group_msg, { GroupId: 'g1', MsgSeq: 2 });
    expect(await seqs()).toEqual([4, 3]);
    await call(cmd.clear_group_msg, { GroupId: 'g1' });
    expect(await seqs()).toEqual([]);
    expect(await code(call(cmd.clear_group_msg, { GroupId: 'g1', MsgSeq: 0 }))).toBe(Err.GROUP_INVALID_PARAMS);
    // The timeline keeps its numbering.
    expect((await call(cmd.send_group_msg, { GroupId: 'g1', From_Account: 'bob', Random: 9, MsgBody: text('new') })).MsgSeq).toBe(5);
  });

  it('imports messages in SendTime order with a Result per message', async () => {
    const { f, call } = await setup();
    const now = Math.floor(f.clock.nowMs() / 1000);
    const r = await call(cmd.import_group_msg, {
      GroupId: 'g1',
      MsgList: [
        { From_Account: 'bob', SendTime: now - 10, Random: 1, MsgBody: text('second') },
        { From_Account: 'carol', SendTime: now - 20, MsgBody: text('first') },
        { From_Account: 'bob', SendTime: 'yesterday', MsgBody: text('bad') },
        { From_Account: 'bob', SendTime: now + 3600, MsgBody: text('future') },
      ],
    });
    expect(r.ImportMsgResult).toEqual([
      { MsgSeq: 2, MsgTime: now - 10, Result: 0 },
      { MsgSeq: 1, MsgTime: now - 20, Result: 0 },
      { MsgSeq: 0, MsgTime: 0, Result: Err.GROUP_INVALID_PARAMS },
      { MsgSeq: 0, MsgTime: now + 3600, Result: Err.GROUP_INVALID_PARAMS },
    ]);
    expect(f.deliveries).toEqual([]);
    expect(await code(call(cmd.import_group_msg, { GroupId: 'g1', MsgList: [] }))).toBe(Err.GROUP_INVALID_PARAMS);
  });

  it('sets unread counts, takes receipts and counts them, with details paged', async () => {
    const { call } = await setup();
    await call(cmd.send_group_msg, { GroupId: 'g1', From_Account: 'own', Random: 1, MsgBody: text('a'), NeedReadReceipt: 1 });
    await call(cmd.send_group_msg, { GroupId: 'g1', From_Account: 'own', Random: 2, MsgBody: text('b'), NeedReadReceipt: 1 });
    await call(cmd.set_unread_msg_num, { GroupId: 'g1', Member_Account: 'carol', UnreadMsgNum: 1 });
    await call(cmd.group_msg_receipt, { GroupId: 'g1', From_Account: 'bob', MsgSeqList: [{ MsgSeq: 2 }] });
    expect(await call(cmd.get_group_msg_receipt, { GroupId: 'g1', MsgSeqList: [{ MsgSeq: 1 }, { MsgSeq: 2 }] })).toEqual({
      GroupMsgReceiptList: [
        { MsgSeq: 1, ReadNum: 2, UnreadNum: 0 },
        { MsgSeq: 2, ReadNum: 1, UnreadNum: 1 },
      ],
    });
    expect(await call(cmd.get_group_msg_receipt_detail, { GroupId: 'g1', MsgSeq: 2, Filter: 1 })).toEqual({ IsFinished: 1, UnreadList: [{ Unread_Account: 'carol' }], Cursor: '' });
    const first = await call(cmd.get_group_msg_receipt_detail, { GroupId: 'g1', MsgSeq: 1, Filter: 0, Count: 1 });
    expect(first).toEqual({ IsFinished: 0, ReadList: [{ Read_Account: 'bob' }], Cursor: 'bob' });
    expect(await call(cmd.get_group_msg_receipt_detail, { GroupId: 'g1', MsgSeq: 1, Filter: 0, Count: 1, Cursor: 'bob' })).toEqual({ IsFinished: 1, ReadList: [{ Read_Account: 'carol' }], Cursor: '' });
    expect(await code(call(cmd.set_unread_msg_num, { GroupId: 'g1', Member_Account: 'zed', UnreadMsgNum: 1 }))).toBe(Err.GROUP_PERMISSION_DENIED);
    expect(await code(call(cmd.get_group_msg_receipt_detail, { GroupId: 'g1', MsgSeq: 1, Filter: 2 }))).toBe(Err.GROUP_INVALID_PARAMS);
    expect(await code(call(cmd.group_msg_receipt, { GroupId: 'g1', MsgSeqList: [{ MsgSeq: 1 }] }))).toBe(Err.GROUP_INVALID_PARAMS);
  });

  it('sends system notifications and broadcasts to every AVChatRoom of the app', async () => {
    const { f, call } = await setup();
    await f.createGroup('av1', 'AVChatRoom', { own: 'Owner' });
    await f.createGroup('av2', 'AVChatRoom', { own: 'Owner' });
    await call(cmd.send_group_system_notification, { GroupId: 'g1', Content: 'hello', ToMembers_Account: ['bob'] });
    expect(await code(call(cmd.send_group_system_notification, { GroupId: 'g1' }))).toBe(Err.GROUP_INVALID_PARAMS);
    expect(await call(cmd.send_broadcast_msg, { Random: 5, MsgBody: text('all rooms') })).toEqual({ MsgSeq: 0 });
    const rooms = f.deliveries.filter((d) => d.frame.op === Op.GROUP_MSG).map((d) => (d.frame as GroupMsgFrame).d.groupId);
    expect(rooms.sort()).toEqual(['av1', 'av2']);
    expect(f.deliveries.find((d) => d.frame.op === Op.GROUP_SYSTEM)!.to).toEqual(['bob']);
  });
});
