// Membership flows per group type on the in-process node, through REST and the group actor, as
// scenarios run over each store (memory and LMDB in unit tests, Cassandra in integration tests):
// applications with and without approval, invitations, quit, kick, transfer, dismiss, member
// limits, roles/cards/mute, profile edits with InfoSeq, custom and generated ids, imports, and the
// tips the types store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { subjects } from '../../../src/bus/subjects.js';
import type { Store } from '../../../src/store/index.js';
import { decodeEdgeMsg } from '../../../src/edge/edge-messages.js';
import { groupConvId } from '../../../src/groups/group-ids.js';
import { eventually } from '../../support/im-user.js';
import { parseSendOptions, uniformCodes } from '../../../src/messaging/send-options.js';
import { Err } from '../../../src/protocol/error-codes.js';
import { as, startGroupNode, type GroupNode } from './group-fixture.js';

let s: GroupNode;

const roles = async (groupId: string, ...users: string[]) =>
  ((await s.rest('get_role_in_group', { GroupId: groupId, User_Account: users })).UserIdList as Array<{ Role: string }>).map((x) => x.Role);
const info = async (groupId: string) => ((await s.rest('get_group_info', { GroupIdList: [groupId] })).GroupInfo as Array<Record<string, unknown>>)[0]!;
const joined = async (user: string) => ((await s.rest('get_joined_group_list', { Member_Account: user })).GroupIdList as Array<{ GroupId: string }>).map((g) => g.GroupId);

async function publicGroup(extra: Record<string, unknown> = {}): Promise<string> {
  const r = await s.rest('create_group', { Type: 'Public', Name: 'pub', Owner_Account: 'o', MemberList: [{ Member_Account: 'a', Role: 'Admin' }, { Member_Account: 'm' }], ...extra });
  expect(r.ErrorCode).toBe(0);
  return r.GroupId as string;
}

export interface FlowBackend {
  /** A store for one test (closed by the node's stop unless shared) and what to do afterwards. */
  open(): Promise<{ store?: Store; done(): Promise<void> | void }>;
}

export function groupFlowScenarios(name: string, backend: FlowBackend): void {
  describe(`group flows over ${name}`, () => {
    let done: () => Promise<void> | void = () => undefined;
    beforeEach(async () => {
      const b = await backend.open();
      done = b.done;
      s = await startGroupNode(b.store ? { store: b.store } : {});
      await s.accounts('o', 'a', 'm', 'p', 'q', 'r', 'x');
    }, 60_000);
    afterEach(async () => {
      await s.stop();
      await done();
    });

    describe('applications', () => {
      it('Public: NeedPermission holds the application until an admin approves; a rejected one never joins; a decided one is 10024', async () => {
        const g = await publicGroup();
        expect(await s.ask({ t: 'apply', groupId: g, by: as('p'), wording: 'let me in' })).toEqual({ outcome: 'pending' });
        expect(await s.ask({ t: 'apply', groupId: g, by: as('q') })).toEqual({ outcome: 'pending' });
        expect(await roles(g, 'p', 'q')).toEqual(['NotMember', 'NotMember']);
        expect(await s.code({ t: 'decide', groupId: g, by: as('m'), userIds: ['p'], approve: true })).toBe(Err.GROUP_PERMISSION_DENIED);
        expect(await s.ask({ t: 'decide', groupId: g, by: as('a'), userIds: ['p'], approve: true })).toEqual({ decided: ['p'] });
        expect(await s.ask({ t: 'decide', groupId: g, by: as('o'), userIds: ['q'], approve: false })).toEqual({ decided: ['q'] });
        expect(await roles(g, 'p', 'q')).toEqual(['Member', 'NotMember']);
        expect(await s.code({ t: 'decide', groupId: g, by: as('o'), userIds: ['q'], approve: true })).toBe(Err.GROUP_ALREADY_PROCESSED);
        expect(await s.code({ t: 'apply', groupId: g, by: as('p') })).toBe(Err.GROUP_ALREADY_MEMBER);
        expect((await info(g)).MemberNum).toBe(4);
        expect(await joined('p')).toEqual([g]);
      });

      it('Public FreeAccess joins at once, DisableApply refuses; Meeting and Community join without approval; Work takes none', async () => {
        const g = await publicGroup({ ApplyJoinOption: 'FreeAccess' });
        expect(await s.ask({ t: 'apply', groupId: g, by: as('p') })).toEqual({ outcome: 'joined' });
        expect((await s.rest('modify_group_base_info', { GroupId: g, ApplyJoinOption: 'DisableApply' })).ErrorCode).toBe(0);
        expect(await s.code({ t: 'apply', groupId: g, by: as('q') })).toBe(Err.GROUP_PERMISSION_DENIED);
        for (const Type of ['ChatRoom', 'Community']) {
          const id = (await s.rest('create_group', { Type, Name: 'x', Owner_Account: 'o' })).GroupId as string;
          expect(await s.ask({ t: 'apply', groupId: id, by: as('q') })).toEqual({ outcome: 'joined' });
        }
        const work = (await s.rest('create_group', { Type: 'Private', Name: 'w', Owner_Account: 'o' })).GroupId as string;
        expect(await s.code({ t: 'apply', groupId: work, by: as('q') })).toBe(Err.GROUP_PERMISSION_DENIED);
      });

      it('AVChatRoom: no initial members (10007), joining is an application that always passes, no invitations', async () => {
        expect((await s.rest('create_group', { Type: 'AVChatRoom', Name: 'live', Owner_Account: 'o', MemberList: [{ Member_Account: 'm' }] })).ErrorCode).toBe(Err.GROUP_PERMISSION_DENIED);
        const g = (await s.rest('create_group', { Type: 'AVChatRoom', Name: 'live', Owner_Account: 'o' })).GroupId as string;
        for (const u of ['p', 'q', 'r']) expect(await s.ask({ t: 'apply', groupId: g, by: as(u) })).toEqual({ outcome: 'joined' });
        expect((await s.rest('add_group_member', { GroupId: g, MemberList: [{ Member_Account: 'x' }] })).ErrorCode).toBe(Err.GROUP_PERMISSION_DENIED);
        expect(await s.rest('get_online_member_num', { GroupId: g })).toMatchObject({ ErrorCode: 0, OnlineMemberNum: 0 });
        await s.n.roomOnline.report('edge-x', [{ sdkAppId: s.app, groupId: g, count: 3 }], 60_000);
        expect(await s.rest('get_online_member_num', { GroupId: g })).toMatchObject({ ErrorCode: 0, OnlineMemberNum: 3 });
        expect(await s.code({ t: 'quit', groupId: g, by: as('o') })).toBe(Err.GROUP_OWNER_CANNOT_QUIT);
        expect(await s.code({ t: 'quit', groupId: g, by: as('p') })).toBe(0);
        expect((await info(g)).MaxMemberNum).toBe(Number.MAX_SAFE_INTEGER);
      });
      it('get_online_member_num of other types counts members with a live socket', async () => {
        const g = await publicGroup();
        expect(await s.rest('get_online_member_num', { GroupId: g })).toMatchObject({ ErrorCode: 0, OnlineMemberNum: 0 });
        for (const userId of ['m', 'p']) await s.n.presence.attach({ sdkAppId: s.app, userId, connId: `c-${userId}`, edgeId: 'edge-0', platform: 'Web', deviceId: 'd', since: Date.now() });
        expect(await s.rest('get_online_member_num', { GroupId: g })).toMatchObject({ ErrorCode: 0, OnlineMemberNum: 1 });
      });
    });

    describe('invitations and add_group_member', () => {
      it('answers 1 added, 2 already a member, 0 for unknown accounts; a member invite under NeedPermission is 3 pending', async () => {
        const g = await publicGroup();
        const r = await s.rest('add_group_member', { GroupId: g, MemberList: [{ Member_Account: 'p' }, { Member_Account: 'm' }, { Member_Account: 'ghost' }] });
        expect(r.MemberList).toEqual([
          { Member_Account: 'p', Result: 1 },
          { Member_Account: 'm', Result: 2 },
          { Member_Account: 'ghost', Result: 0 },
        ]);
        expect(await s.ask({ t: 'addMembers', groupId: g, by: as('m'), members: [{ userId: 'q' }] })).toEqual({ results: [{ userId: 'q', result: 3 }] });
        expect(await roles(g, 'q')).toEqual(['NotMember']);
        expect(await s.ask({ t: 'decide', groupId: g, by: as('o'), userIds: ['q'], approve: true })).toEqual({ decided: ['q'] });
        expect(await roles(g, 'q')).toEqual(['Member']);
        const join = (await s.waitCallbacks('Group.CallbackAfterNewMemberJoin', 2)).filter((b) => b.GroupId === g);
        expect(join.map((b) => [b.JoinType, b.NewMemberList])).toEqual([
          ['Invited', [{ Member_Account: 'p' }]],
          ['Invited', [{ Member_Account: 'q' }]],
        ]);
      });

      it('the member limit refuses a whole batch that does not fit (10014) and AfterGroupFull fires when it fills', async () => {
        const g = (await s.rest('create_group', { Type: 'Public', Name: 'small', Owner_Account: 'o', MaxMemberCount: 3 })).GroupId as string;
        expect((await s.rest('add_group_member', { GroupId: g, MemberList: [{ Member_Account: 'p' }, { Member_Account: 'q' }, { Member_Account: 'r' }] })).ErrorCode).toBe(Err.GROUP_FULL);
        expect((await info(g)).MemberNum).toBe(1);
        expect((await s.rest('add_group_member', { GroupId: g, MemberList: [{ Member_Account: 'p' }, { Member_Account: 'q' }] })).ErrorCode).toBe(0);
        expect(await s.waitCallbacks('Group.CallbackAfterGroupFull', 1)).toEqual([{ CallbackCommand: 'Group.CallbackAfterGroupFull', GroupId: g }]);
        expect(await s.code({ t: 'apply', groupId: g, by: as('r') })).toBe(0); // pending: approval comes first
        expect(await s.code({ t: 'decide', groupId: g, by: as('o'), userIds: ['r'], approve: true })).toBe(Err.GROUP_FULL);
        expect((await s.n.workerMetrics.groupLimitHits.get()).values.find((v) => v.labels.limit === 'members')?.value).toBe(2);
      });
    });

    describe('leaving', () => {
      it('quit: Work owners may (the group keeps no owner), Public owners may not (10009); members leave their joined list', async () => {
        const work = (await s.rest('create_group', { Type: 'Private', Name: 'w', Owner_Account: 'o', MemberList: [{ Member_Account: 'm' }] })).GroupId as string;
        expect(await s.code({ t: 'quit', groupId: work, by: as('o') })).toBe(0);
        expect(await info(work)).toMatchObject({ Owner_Account: '', MemberNum: 1 });
        const pub = await publicGroup();
        expect(await s.code({ t: 'quit', groupId: pub, by: as('o') })).toBe(Err.GROUP_OWNER_CANNOT_QUIT);
        expect(await s.code({ t: 'quit', groupId: pub, by: as('m') })).toBe(0);
        expect(await joined('m')).toEqual([work]);
        expect(await s.code({ t: 'quit', groupId: pub, by: as('m') })).toBe(Err.GROUP_PERMISSION_DENIED);
        const exits = (await s.waitCallbacks('Group.CallbackAfterMemberExit', 2)).map((b) => [b.ExitType, b.ExitMemberList]);
        expect(exits).toEqual([
          ['Quit', [{ Member_Account: 'o' }]],
          ['Quit', [{ Member_Account: 'm' }]],
        ]);
      });

      it('kick: an admin removes members but not admins; one refused target refuses the call; REST as App admin', async () => {
        const g = await publicGroup();
        await s.rest('add_group_member', { GroupId: g, MemberList: [{ Member_Account: 'p' }, { Member_Account: 'q' }] });
        expect(await s.code({ t: 'kick', groupId: g, by: as('a'), userIds: ['p', 'o'] })).toBe(Err.GROUP_PERMISSION_DENIED);
        expect(await roles(g, 'p')).toEqual(['Member']);
        expect(await s.ask({ t: 'kick', groupId: g, by: as('a'), userIds: ['p', 'nobody'] })).toEqual({ removed: ['p'] });
        expect((await s.rest('delete_group_member', { GroupId: g, MemberToDel_Account: ['q', 'a'], Reason: 'spam' })).ErrorCode).toBe(0);
        expect(await roles(g, 'p', 'q', 'a', 'o')).toEqual(['NotMember', 'NotMember', 'NotMember', 'Owner']);
        expect(await info(g)).toMatchObject({ MemberNum: 2 });
        expect(await joined('q')).toEqual([]);
      });

      it('transfer: the old owner becomes a Member, the new one Owner (member rows and joined rows)', async () => {
        const g = await publicGroup();
        expect((await s.rest('change_group_owner', { GroupId: g, NewOwner_Account: 'p' })).ErrorCode).toBe(Err.GROUP_INVALID_PARAMS);
        expect((await s.rest('change_group_owner', { GroupId: g, NewOwner_Account: 'm' })).ErrorCode).toBe(0);
        expect(await roles(g, 'o', 'm')).toEqual(['Member', 'Owner']);
        expect((await info(g)).Owner_Account).toBe('m');
        const self = await s.rest('get_joined_group_list', { Member_Account: 'm', ResponseFilter: { SelfInfoFilter: ['Role'] } });
        expect(self.GroupIdList).toEqual([{ GroupId: g, Type: 'Public', SelfInfo: { Role: 'Owner' } }]);
        expect(await s.code({ t: 'transfer', groupId: g, by: as('o'), newOwner: 'a' })).toBe(Err.GROUP_PERMISSION_DENIED);
        expect((await s.waitCallbacks('Group.CallbackAfterChangeGroupOwner', 1))[0]).toMatchObject({ OldOwner_Account: 'o', NewOwner_Account: 'm' });
      });

      it('dismiss: everything goes, reads answer 10010, the id stays taken (10021), the app list leaves it out', async () => {
        const g = await publicGroup({ GroupId: 'keep-me' });
        await s.ask({ t: 'apply', groupId: g, by: as('p') });
        expect(await s.code({ t: 'dismiss', groupId: g, by: as('a') })).toBe(Err.GROUP_PERMISSION_DENIED);
        expect(await s.code({ t: 'dismiss', groupId: g, by: as('o') })).toBe(0);
        expect((await info(g)).ErrorCode).toBe(Err.GROUP_NOT_FOUND);
        expect((await s.rest('get_group_member_info', { GroupId: g })).ErrorCode).toBe(Err.GROUP_NOT_FOUND);
        expect(await joined('m')).toEqual([]);
        expect(await s.n.store.groupMembers.countMembers(s.app, g)).toBe(0);
        expect((await s.n.store.groupJoinRequests.listRequests(s.app, g, { limit: 10 })).requests).toEqual([]);
        expect((await s.rest('destroy_group', { GroupId: g })).ErrorCode).toBe(Err.GROUP_NOT_FOUND);
        expect((await s.rest('create_group', { Type: 'Public', Name: 'again', GroupId: g })).ErrorCode).toBe(Err.GROUP_ID_IN_USE);
        expect((await s.rest('get_appid_group_list', {})).GroupIdList).toEqual([]);
        const destroyed = (await s.waitCallbacks('Group.CallbackAfterGroupDestroyed', 1))[0]!;
        expect(destroyed).toMatchObject({ GroupId: g, Type: 'Public', Owner_Account: 'o', Name: 'pub' });
        expect((destroyed.MemberList as unknown[]).length).toBe(3);
        // Work: only the App admin dismisses.
        const work = (await s.rest('create_group', { Type: 'Work', Name: 'w', Owner_Account: 'o' })).GroupId as string;
        expect(await s.code({ t: 'dismiss', groupId: work, by: as('o') })).toBe(Err.GROUP_PERMISSION_DENIED);
        expect((await s.rest('destroy_group', { GroupId: work })).ErrorCode).toBe(0);
      });
    });

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
  });
}
