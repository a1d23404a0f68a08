// Group messages on the in-process node, through the real group actor (batch turns, the store, the
// REST gateway): concurrent sends get gap-free seqs, history pages through REST, recall and read
// positions, live rooms store nothing, and a later member's view of history per type.
import { afterEach, describe, expect, it } from 'vitest';
import { groupConvId } from '../../../src/groups/group-ids.js';
import type { GroupSendResult } from '../../../src/groups/group-messages.js';
import { historyPage } from '../../../src/groups/group-msg-history.js';
import { parseSendOptions, uniformCodes } from '../../../src/messaging/send-options.js';
import { Err } from '../../../src/protocol/error-codes.js';
import { OK_ANSWER } from '../../../src/webhooks/memory.js';
import { as, startGroupNode, type GroupNode } from './group-fixture.js';
import { text } from '../../support/msg-body.js';

let s: GroupNode | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

const options = (random: number) => parseSendOptions({ Random: random }, { kind: 'group', codes: uniformCodes(Err.GROUP_INVALID_PARAMS) });

async function group(type: string, members: string[]): Promise<string> {
  const r = await s!.rest('create_group', { Type: type, Name: 'g', Owner_Account: 'o', ...(members.length ? { MemberList: members.map((m) => ({ Member_Account: m })) } : {}) });
  if (r.ErrorCode !== 0) throw new Error(JSON.stringify(r));
  return r.GroupId as string;
}

describe('group messages on the node', () => {
  it('asks the app before a send (refuse, rewrite) and tells it after, with Tencent fields', async () => {
    s = await startGroupNode();
    await s.accounts('o', 'a');
    const g = await group('Public', ['a']);
    s.n.webhooks.setHandler((call) => {
      if (call.command !== 'Group.CallbackBeforeSendMsg') return OK_ANSWER;
      const t = (call.body.MsgBody as Array<{ MsgContent: { Text: string } }>)[0]!.MsgContent.Text;
      if (t === 'bad') return { ...OK_ANSWER, ErrorCode: 1, ErrorInfo: 'no' };
      if (t === 'shout') return { ...OK_ANSWER, MsgBody: text('SHOUT') };
      return OK_ANSWER;
    });
    expect((await s.rest('send_group_msg', { GroupId: g, From_Account: 'a', Random: 1, MsgBody: text('bad') })).ErrorCode).toBe(Err.GROUP_CALLBACK_REFUSED);
    const ok = await s.rest('send_group_msg', { GroupId: g, From_Account: 'a', Random: 2, MsgBody: text('shout') });
    expect(ok).toMatchObject({ ErrorCode: 0, MsgSeq: 1 });
    const [before] = s.callbacks('Group.CallbackBeforeSendMsg');
    expect(before).toMatchObject({ GroupId: g, Type: 'Public', From_Account: 'a', Operator_Account: 'administrator', Random: 1 });
    const [after] = await s.waitCallbacks('Group.CallbackAfterSendMsg', 1);
    expect(after).toMatchObject({ GroupId: g, MsgSeq: 1, MsgBody: text('SHOUT'), From_Account: 'a' });
    await s.rest('group_msg_recall', { GroupId: g, MsgSeqList: [{ MsgSeq: 1 }] });
    const [recall] = await s.waitCallbacks('Group.CallbackAfterRecallMsg', 1);
    expect(recall).toMatchObject({ GroupId: g, MsgSeqList: [{ MsgSeq: 1 }] });
  });

  it('stores concurrent sends with gap-free seqs and pages them through REST', async () => {
    s = await startGroupNode();
    await s.accounts('o', 'a', 'b');
    const g = await group('Public', ['a', 'b']);
    const senders = ['o', 'a', 'b'];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => s!.ask<GroupSendResult>({ t: 'send', groupId: g, by: as(senders[i % 3]!), from: senders[i % 3]!, body: text(`m${i}`), options: options(i + 1) })),
    );
    const seqs = results.map((r) => (r as GroupSendResult).seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(await s.n.store.messages.maxSeq(s.app, groupConvId(g))).toBe(30);
    const rest = await s.rest('send_group_msg', { GroupId: g, From_Account: 'a', Random: 999, MsgBody: text('rest') });
    expect(rest).toMatchObject({ ErrorCode: 0, MsgSeq: 31 });
    const page = await s.rest('group_msg_get_simple', { GroupId: g, ReqMsgNumber: 5 });
    expect((page.RspMsgList as Array<{ MsgSeq: number }>).map((m) => m.MsgSeq)).toEqual([31, 30, 29, 28, 27]);
    expect(await s.rest('group_msg_recall', { GroupId: g, MsgSeqList: [{ MsgSeq: 31 }] })).toMatchObject({ ErrorCode: 0, RecallRetList: [{ MsgSeq: 31, RetCode: 0 }] });
    expect(await s.rest('set_unread_msg_num', { GroupId: g, Member_Account: 'b', UnreadMsgNum: 4 })).toMatchObject({ ErrorCode: 0 });
    const joined = await s.rest('get_joined_group_list', { Member_Account: 'b', ResponseFilter: { SelfInfoFilter: ['UnreadMsgNum'] } });
    expect((joined.GroupIdList as Array<{ SelfInfo?: { UnreadMsgNum: number } }>)[0]!.SelfInfo?.UnreadMsgNum).toBe(4);
    expect((await s.rest('send_group_msg', { GroupId: g, From_Account: 'a', MsgBody: text('no random') })).ErrorCode).toBe(Err.GROUP_INVALID_PARAMS);
  });

  it('keeps nothing of live rooms and shows later members only what their type allows', async () => {
    s = await startGroupNode();
    await s.accounts('o', 'a', 'late');
    const av = await group('AVChatRoom', []);
    const r = await s.rest('send_group_msg', { GroupId: av, Random: 1, MsgBody: text('live'), MsgPriority: 'High' });
    expect(r).toMatchObject({ ErrorCode: 0, MsgSeq: 0 });
    expect(await s.n.store.messages.maxSeq(s.app, groupConvId(av))).toBe(0);
    expect((await s.rest('group_msg_recall', { GroupId: av, MsgSeqList: [{ MsgSeq: 1 }] })).ErrorCode).toBe(Err.GROUP_TYPE_NO_RECALL);

    for (const type of ['Public', 'Meeting']) {
      const g = await group(type, ['a']);
      for (let i = 1; i <= 3; i++) await s.rest('send_group_msg', { GroupId: g, From_Account: 'a', Random: i, MsgBody: text(`before ${i}`) });
      expect((await s.rest('add_group_member', { GroupId: g, MemberList: [{ Member_Account: 'late' }] })).ErrorCode).toBe(0);
      await s.rest('send_group_msg', { GroupId: g, From_Account: 'a', Random: 9, MsgBody: text('after') });
      const row = (await s.n.store.groupMembers.getMembers(s.app, g, ['late'])).get('late')!;
      const record = (await s.n.store.groups.getGroup(s.app, g))!;
      const seen = await historyPage(s.n.store, s.app, record, groupConvId(g), { limit: 20, viewer: row });
      const texts = seen.messages.filter((m) => m.from === 'a').map((m) => (m.body[0] as { MsgContent: { Text: string } }).MsgContent.Text);
      expect(texts).toEqual(type === 'Public' ? ['after'] : ['after', 'before 3', 'before 2', 'before 1']);
    }
  });
});
