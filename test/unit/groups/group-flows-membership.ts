// Group flows of joining and leaving (run by group-flow-scenarios.ts over each store):
// applications with and without approval, invitations and add_group_member results, member
// limits, online counts, quit, kick, transfer and dismiss.
import { describe, expect, it } from 'vitest';
import { Err } from '../../../src/protocol/error-codes.js';
import { as } from './group-fixture.js';
import { info, joined, publicGroup, roles, s } from './group-flow-node.js';

export function membershipFlows(): void {
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
      expect(await s.ask({ t: 'apply', groupId: g, by: as('p') })).toEqual({ outcome: 'pending' });
      const r = await s.rest('add_group_member', { GroupId: g, MemberList: [{ Member_Account: 'p' }, { Member_Account: 'm' }, { Member_Account: 'ghost' }] });
      expect(r.MemberList).toEqual([
        { Member_Account: 'p', Result: 1 },
        { Member_Account: 'm', Result: 2 },
        { Member_Account: 'ghost', Result: 0 },
      ]);
      expect(await s.ask({ t: 'addMembers', groupId: g, by: as('m'), members: [{ userId: 'q' }] })).toEqual({ results: [{ userId: 'q', result: 3 }] });
      expect(await roles(g, 'q')).toEqual(['NotMember']);
      // p's application went with p's join; q's invitation waits.
      expect((await s.n.store.groupJoinRequests.listRequests(s.app, g, { limit: 10 })).requests.map((r) => [r.userId, r.inviterId])).toEqual([['q', 'm']]);
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
}
