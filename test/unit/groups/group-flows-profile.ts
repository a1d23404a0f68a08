// Group flows of members, profile, ids and topics (run by group-flow-scenarios.ts over each
// store): member fields and mutes, profile edits with InfoSeq, tips per type, custom and generated
// ids, imports, Community topics, and the fan-out subscriptions members' edges get.
import { describe, expect, it } from 'vitest';
import { subjects } from '../../../src/bus/subjects.js';
import { decodeEdgeMsg } from '../../../src/edge/edge-messages.js';
import { groupConvId } from '../../../src/groups/group-ids.js';
import { parseSendOptions, uniformCodes } from '../../../src/messaging/send-options.js';
import { Err } from '../../../src/protocol/error-codes.js';
import { eventually } from '../../support/im-user.js';
import { as } from './group-fixture.js';
import { info, joined, publicGroup, roles, s } from './group-flow-node.js';

export function profileFlows(): void {
  describe('members and profile', () => {
    it('modify_group_member_info: role, card, flag, custom fields, mute; muted lists under both names', async () => {
      const g = await publicGroup();
      const change = { GroupId: g, Member_Account: 'm', Role: 'Admin', NameCard: 'Em', MsgFlag: 'Discard', AppMemberDefinedData: [{ Key: 'lvl', Value: '3' }] };
      expect((await s.rest('modify_group_member_info', change)).ErrorCode).toBe(0);
      expect((await s.rest('modify_group_member_info', { GroupId: g, Member_Account: 'a', ShutUpTime: 600 })).ErrorCode).toBe(0);
      const m = ((await s.rest('get_specified_group_member_info', { GroupId: g, Member_List_Account: ['m'] })).MemberList as Array<Record<string, unknown>>)[0]!;
      expect(m).toMatchObject({ Role: 'Admin', NameCard: 'Em', MsgFlag: 'Discard', AppMemberDefinedData: [{ Key: 'lvl', Value: '3' }] });
      const muted = await s.rest('get_group_muted_account', { GroupId: g });
      const until = Math.floor(Date.now() / 1000) + 600;
      const list = muted.MutedAccountList as Array<{ Member_Account: string; MutedUntil: number }>;
      expect(list.map((x) => x.Member_Account)).toEqual(['a']);
      expect(Math.abs(list[0]!.MutedUntil - until)).toBeLessThanOrEqual(2);
      expect((await s.rest('get_group_shutted_uin', { GroupId: g })).ShuttedUinList).toEqual([{ Member_Account: 'a', ShuttedUntil: list[0]!.MutedUntil }]);
      expect((await s.rest('forbid_send_msg', { GroupId: g, Members_Account: ['a', 'm'], MuteTime: 4294967295 })).ErrorCode).toBe(0);
      expect(((await s.rest('get_group_muted_account', { GroupId: g })).MutedAccountList as Array<{ MutedUntil: number }>).map((x) => x.MutedUntil)).toEqual([4294967295, 4294967295]);
      expect((await s.rest('forbid_send_msg', { GroupId: g, Members_Account: ['a', 'm'], ShutUpTime: 0 })).ErrorCode).toBe(0);
      expect((await s.rest('get_group_muted_account', { GroupId: g })).MutedAccountList).toEqual([]);
      expect((await s.waitCallbacks('Group.CallbackAfterMemberFieldChanged', 1))[0]).toMatchObject({ Modified_Account: 'm', Role: 'Admin', NameCard: 'Em' });
      // A muted member cannot send (the message side reads the same row).
      await s.rest('forbid_send_msg', { GroupId: g, Members_Account: ['m'], MuteTime: 60 });
      const options = parseSendOptions({ Random: 5 }, { kind: 'group', codes: uniformCodes(Err.GROUP_INVALID_PARAMS) });
      const body = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }];
      expect(await s.code({ t: 'send', groupId: g, by: as('m'), from: 'm', body, options })).toBe(Err.GROUP_SENDER_MUTED);
      expect(await s.code({ t: 'send', groupId: g, by: as('a'), from: 'a', body, options })).toBe(0);
      // REST sends are the App admin's: they pass a member's mute (the message side's rule).
      expect((await s.rest('send_group_msg', { GroupId: g, From_Account: 'm', Random: 6, MsgBody: body })).ErrorCode).toBe(0);
    });

    it('modify_group_base_info raises InfoSeq, merges AppDefinedData, checks MaxMemberNum against members, mutes all', async () => {
      const g = await publicGroup({ AppDefinedData: [{ Key: 'k1', Value: 'v1' }, { Key: 'k2', Value: 'v2' }] });
      expect((await s.rest('modify_group_base_info', { GroupId: g, Name: 'new', Introduction: 'hi', AppDefinedData: [{ Key: 'k1', Value: '' }, { Key: 'k3', Value: 'v3' }] })).ErrorCode).toBe(0);
      expect((await s.rest('modify_group_base_info', { GroupId: g, MuteAllMember: 'On' })).ErrorCode).toBe(0);
      expect((await s.rest('modify_group_base_info', { GroupId: g, MaxMemberNum: 2 })).ErrorCode).toBe(Err.GROUP_INVALID_PARAMS);
      const i = await info(g);
      expect(i).toMatchObject({ Name: 'new', Introduction: 'hi', InfoSeq: 2, MuteAllMember: 'On', ShutUpAllMember: 'On' });
      expect(i.AppDefinedData).toEqual([{ Key: 'k2', Value: 'v2' }, { Key: 'k3', Value: 'v3' }]);
      expect(await s.waitCallbacks('Group.CallbackAfterGroupInfoChanged', 1)).toEqual([
        expect.objectContaining({ GroupId: g, Type: 'Public', Operator_Account: 'administrator', Name: 'new', Introduction: 'hi' }),
      ]);
    });

    it('a joiner\'s own join tip is not unread for them; the next message is', async () => {
      const g = await publicGroup();
      await s.rest('add_group_member', { GroupId: g, MemberList: [{ Member_Account: 'p' }] });
      const unread = async () => ((await s.rest('get_joined_group_list', { Member_Account: 'p', ResponseFilter: { SelfInfoFilter: ['UnreadMsgNum'] } })).GroupIdList as Array<{ SelfInfo: { UnreadMsgNum: number } }>)[0]!.SelfInfo.UnreadMsgNum;
      expect(await unread()).toBe(0);
      expect((await s.rest('send_group_msg', { GroupId: g, From_Account: 'o', Random: 9, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello' } }] })).ErrorCode).toBe(0);
      expect(await unread()).toBe(1);
    });

    it('Public member changes leave tips in the timeline; Meeting leaves none', async () => {
      const pub = await publicGroup();
      const before = await s.n.store.messages.maxSeq(s.app, groupConvId(pub));
      await s.rest('add_group_member', { GroupId: pub, MemberList: [{ Member_Account: 'p' }] });
      await s.rest('add_group_member', { GroupId: pub, Silence: 1, MemberList: [{ Member_Account: 'q' }] });
      await s.rest('delete_group_member', { GroupId: pub, MemberToDel_Account: ['p'] });
      expect(await s.n.store.messages.maxSeq(s.app, groupConvId(pub))).toBe(before + 2);
      const page = await s.n.store.messages.range(s.app, groupConvId(pub), { limit: 10, order: 'asc' });
      const kinds = page.messages.map((m) => (m.extra as { tip?: { kind: string } } | undefined)?.tip?.kind);
      expect(kinds).toEqual(expect.arrayContaining(['join', 'kick']));
      const meeting = (await s.rest('create_group', { Type: 'ChatRoom', Name: 'm', Owner_Account: 'o' })).GroupId as string;
      await s.rest('add_group_member', { GroupId: meeting, MemberList: [{ Member_Account: 'p' }] });
      expect(await s.n.store.messages.maxSeq(s.app, groupConvId(meeting))).toBe(0);
    });
  });

  describe('ids, imports and topics', () => {
    it('custom ids follow the type rules (10015), a taken id is 10021, or 10025 for its owner; generated ids look like Tencent\'s', async () => {
      expect((await s.rest('create_group', { Type: 'Public', Name: 'x', GroupId: '@TGS#mine' })).ErrorCode).toBe(Err.GROUP_ID_INVALID);
      expect((await s.rest('create_group', { Type: 'Community', Name: 'x', GroupId: 'plain' })).ErrorCode).toBe(Err.GROUP_ID_INVALID);
      expect((await s.rest('create_group', { Type: 'Community', Name: 'x', GroupId: '@TGS#_mine' })).ErrorCode).toBe(0);
      expect((await s.rest('create_group', { Type: 'Public', Name: 'x', GroupId: 'taken' })).ErrorCode).toBe(0);
      expect((await s.rest('create_group', { Type: 'Public', Name: 'x', GroupId: 'taken' })).ErrorCode).toBe(Err.GROUP_ID_IN_USE);
      expect((await s.rest('create_group', { Type: 'Public', Name: 'colon', GroupId: 'a:b:c', Owner_Account: 'o' })).ErrorCode).toBe(0);
      expect((await s.rest('modify_group_base_info', { GroupId: 'a:b:c', Name: 'still colon' })).ErrorCode).toBe(0);
      expect(await info('a:b:c')).toMatchObject({ GroupId: 'a:b:c', Name: 'still colon', MemberNum: 1 });
      expect(await s.code({ t: 'create', groupId: 'owned', by: as('o'), type: 'Public', profile: { name: 'x' }, members: [] })).toBe(0);
      expect(await s.code({ t: 'create', groupId: 'owned', by: as('o'), type: 'Public', profile: { name: 'x' }, members: [] })).toBe(Err.GROUP_ID_IN_USE_BY_OWNER);
      expect((await s.rest('create_group', { Type: 'Private', Name: 'x' })).GroupId).toMatch(/^@TGS#[A-Z2-7]{10}$/);
      expect((await s.rest('create_group', { Type: 'Community', Name: 'x' })).GroupId).toMatch(/^@TGS#_@TGS#[A-Z2-7]{10}$/);
    });

    it('import_group keeps CreateTime and fires no create callbacks; import_group_member keeps JoinTime and UnreadMsgNum', async () => {
      const r = await s.rest('import_group', { Type: 'Public', Name: 'old', GroupId: 'imported', Owner_Account: 'o', CreateTime: 1_500_000_000 });
      expect(r).toMatchObject({ ErrorCode: 0, GroupId: 'imported' });
      expect((await info('imported')).CreateTime).toBe(1_500_000_000);
      expect(s.callbacks('Group.CallbackBeforeCreateGroup')).toEqual([]);
      const m = await s.rest('import_group_member', { GroupId: 'imported', MemberList: [{ Member_Account: 'p', Role: 'Admin', JoinTime: 1_600_000_000, UnreadMsgNum: 0 }, { Member_Account: 'o' }] });
      expect(m.MemberList).toEqual([
        { Member_Account: 'p', Result: 1 },
        { Member_Account: 'o', Result: 2 },
      ]);
      const row = ((await s.rest('get_specified_group_member_info', { GroupId: 'imported', Member_List_Account: ['p'] })).MemberList as Array<Record<string, unknown>>)[0]!;
      expect(row).toMatchObject({ Role: 'Admin', JoinTime: 1_600_000_000 });
      expect(s.callbacks('Group.CallbackAfterNewMemberJoin')).toEqual([]);
    });

    it('Community topics: create (custom and generated ids), get, modify, destroy; only with SupportTopic', async () => {
      const g = (await s.rest('create_group', { Type: 'Community', Name: 'c', Owner_Account: 'o', SupportTopic: 1, MemberList: [{ Member_Account: 'a', Role: 'Admin' }, { Member_Account: 'm' }] })).GroupId as string;
      const svc = 'million_group_open_http_svc';
      const custom = `${g}@TOPIC#_news`;
      expect(await s.rest('create_topic', { GroupId: g, TopicId: custom, TopicName: 'News', Introduction: 'daily' }, svc)).toMatchObject({ ErrorCode: 0, TopicId: custom });
      const gen = (await s.rest('create_topic', { GroupId: g, TopicName: 'Chat', From_Account: 'a' }, svc)).TopicId as string;
      expect(gen.startsWith(`${g}@TOPIC#_`)).toBe(true);
      expect((await s.rest('create_topic', { GroupId: g, TopicName: 'No', From_Account: 'm' }, svc)).ErrorCode).toBe(Err.GROUP_PERMISSION_DENIED);
      expect((await s.rest('create_topic', { GroupId: g, TopicId: custom, TopicName: 'again' }, svc)).ErrorCode).toBe(Err.GROUP_ID_IN_USE);
      expect((await s.rest('modify_topic', { GroupId: g, TopicId: custom, TopicName: 'Headlines', MuteAllMember: 'On' }, svc)).ErrorCode).toBe(0);
      const got = await s.rest('get_topic', { GroupId: g, From_Account: 'm' }, svc);
      const topics = got.TopicAndSelfInfo as Array<{ TopicInfo: Record<string, unknown>; SelfInfo?: unknown }>;
      expect(topics.map((t) => t.TopicInfo.TopicId).sort()).toEqual([custom, gen].sort());
      expect(topics.find((t) => t.TopicInfo.TopicId === custom)!.TopicInfo).toMatchObject({ TopicName: 'Headlines', Introduction: 'daily', ShutUpAllFlag: 1, NextMsgSeq: 1 });
      expect(topics[0]!.SelfInfo).toMatchObject({ MsgFlag: 'AcceptAndNotify' });
      const d = await s.rest('destroy_topic', { GroupId: g, TopicIdList: [custom, `${g}@TOPIC#_gone`] }, svc);
      expect(d.DestroyResultItem).toEqual([
        { TopicId: custom, ErrorCode: 0, ErrorInfo: '' },
        { TopicId: `${g}@TOPIC#_gone`, ErrorCode: Err.GROUP_NOT_FOUND, ErrorInfo: 'topic does not exist' },
      ]);
      expect((await s.rest('modify_topic', { GroupId: g, TopicId: custom, TopicName: 'x' }, svc)).ErrorCode).toBe(Err.GROUP_NOT_FOUND);
      const plain = (await s.rest('create_group', { Type: 'Community', Name: 'c2', Owner_Account: 'o' })).GroupId as string;
      expect((await s.rest('create_topic', { GroupId: plain, TopicName: 'x' }, svc)).ErrorCode).toBe(Err.GROUP_PERMISSION_DENIED);
      expect((await s.rest('get_topic', { GroupId: plain }, svc)).ErrorCode).toBe(Err.GROUP_PERMISSION_DENIED);
      expect((await s.rest('import_topic', { GroupId: g, TopicId: `${g}@TOPIC#_old`, TopicName: 'Old' })).ErrorCode).toBe(0);
    });
  });


  describe('fan-out subscriptions', () => {
    it('joiners of member groups are subscribed, leavers unsubscribed; live rooms leave sockets to ROOM_JOIN; a second socket of a room member joins again', async () => {
      const subs: string[] = [];
      await s.n.presence.edgeAlive('edge-spy', 60_000);
      for (const userId of ['m', 'p', 'q']) await s.n.presence.attach({ sdkAppId: s.app, userId, connId: `spy-${userId}`, edgeId: 'edge-spy', platform: 'Web', deviceId: 'd', since: Date.now() });
      s.n.bus.subscribe(subjects.edge('edge-spy'), (msg) => {
        const m = decodeEdgeMsg(msg.data);
        if (m?.t === 'subscribe') subs.push(`${m.on ? '+' : '-'}${m.groupId}:${m.connIds.join(',')}`);
      });
      const pub = await publicGroup({ ApplyJoinOption: 'FreeAccess' });
      await s.ask({ t: 'apply', groupId: pub, by: as('p') });
      await s.rest('delete_group_member', { GroupId: pub, MemberToDel_Account: ['m'] });
      const live = (await s.rest('create_group', { Type: 'AVChatRoom', Name: 'l', Owner_Account: 'o' })).GroupId as string;
      expect(await s.ask({ t: 'apply', groupId: live, by: as('q'), connId: 'c1' })).toEqual({ outcome: 'joined' });
      expect(await s.ask({ t: 'apply', groupId: live, by: as('q'), connId: 'c2' })).toEqual({ outcome: 'joined' });
      expect(await s.code({ t: 'apply', groupId: live, by: as('q') })).toBe(Err.GROUP_ALREADY_MEMBER);
      expect((await info(live)).MemberNum).toBe(2);
      await s.rest('destroy_group', { GroupId: live });
      await eventually('subscriptions', 2_000, () => Promise.resolve(subs.length >= 4 ? subs : undefined));
      expect(subs).toEqual([`+${pub}:spy-m`, `+${pub}:spy-p`, `-${pub}:spy-m`, `-${live}:spy-q`]);
    });
  });
}
