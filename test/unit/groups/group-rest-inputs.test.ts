// Bad inputs of every group command on the in-process node, each answered with its Tencent code
// (10004 bad field, 10005 too many ids, 10010 unknown group, 10015 malformed id, 10019 unknown
// account, 10007 where the type forbids it), and the group actor's own batch caps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Err } from '../../../src/protocol/error-codes.js';
import { as, startGroupNode, type GroupNode } from './group-fixture.js';

let s: GroupNode;
const users = Array.from({ length: 30 }, (_, i) => `u${String(i).padStart(2, '0')}`);
beforeAll(async () => {
  s = await startGroupNode();
  await s.accounts('o', 'a', ...users);
});
afterAll(() => s.stop());

describe('bad inputs', () => {
  beforeAll(async () => {
    await s.accounts('bi');
    await s.rest('create_group', { Type: 'Work', Name: 'w', GroupId: 'bi-work', Owner_Account: 'o', MemberList: [{ Member_Account: 'bi' }] });
    await s.rest('create_group', { Type: 'Meeting', Name: 'm', GroupId: 'bi-meet', Owner_Account: 'o', MemberList: [{ Member_Account: 'bi' }] });
  });

  const cases: Array<[string, Record<string, unknown>, number, string?]> = [
    ['create_group', { Name: 'x' }, Err.GROUP_INVALID_PARAMS],
    ['create_group', { Type: 'Club', Name: 'x' }, Err.GROUP_INVALID_PARAMS],
    ['create_group', { Type: 'Public' }, Err.GROUP_INVALID_PARAMS],
    ['create_group', { Type: 'Public', Name: 'n'.repeat(31) }, Err.GROUP_INVALID_PARAMS],
    ['create_group', { Type: 'Public', Name: 'x', Introduction: 'i'.repeat(241) }, Err.GROUP_INVALID_PARAMS],
    ['create_group', { Type: 'Public', Name: 'x', MaxMemberCount: 6001 }, Err.GROUP_INVALID_PARAMS],
    ['create_group', { Type: 'Public', Name: 'x', ApplyJoinOption: 'Sometimes' }, Err.GROUP_INVALID_PARAMS],
    ['create_group', { Type: 'Private', Name: 'x', ApplyJoinOption: 'FreeAccess' }, Err.GROUP_INVALID_PARAMS],
    ['create_group', { Type: 'Public', Name: 'x', Owner_Account: 'ghost' }, Err.GROUP_ACCOUNT_NOT_FOUND],
    ['create_group', { Type: 'Public', Name: 'x', Owner_Account: 5 }, Err.GROUP_INVALID_PARAMS],
    ['create_group', { Type: 'Public', Name: 'x', MemberList: [{ Member_Account: 'ghost' }] }, Err.GROUP_ACCOUNT_NOT_FOUND],
    ['create_group', { Type: 'Public', Name: 'x', MemberList: [{ Member_Account: 'u01', Role: 'Owner' }] }, Err.GROUP_INVALID_PARAMS],
    ['create_group', { Type: 'Private', Name: 'x', MemberList: [{ Member_Account: 'u01', Role: 'Admin' }] }, Err.GROUP_INVALID_PARAMS],
    ['create_group', { Type: 'Public', Name: 'x', MemberList: users.concat(users, users, users).map((u, i) => ({ Member_Account: `${u}-${i}` })) }, Err.GROUP_TOO_MANY_ACCOUNTS],
    ['create_group', { Type: 'Public', Name: 'x', AppDefinedData: [{ Key: 'bad key', Value: 'v' }] }, Err.GROUP_INVALID_PARAMS],
    ['create_group', { Type: 'Public', Name: 'x', AppDefinedData: { k: 'v' } }, Err.GROUP_INVALID_PARAMS],
    ['create_group', { Type: 'Public', Name: 'x', MemberList: [{ Member_Account: 'u01', AppMemberDefinedData: [{ Key: 'k', Value: 'v'.repeat(65) }] }] }, Err.GROUP_INVALID_PARAMS],
    ['create_group', { Type: 'Public', Name: 'x', MemberList: [{ Member_Account: 'u01', NameCard: 'n'.repeat(51) }] }, Err.GROUP_INVALID_PARAMS],
    ['import_group_member', { GroupId: 'bi-work', MemberList: [{ Member_Account: 'u03', AppMemberDefinedData: [{ Key: 'bad-key', Value: 'v' }] }] }, Err.GROUP_INVALID_PARAMS],
    ['create_group', { Type: 'Public', Name: 'x', SupportTopic: 1 }, Err.GROUP_INVALID_PARAMS],
    ['create_group', { Type: 'Public', Name: 'x', GroupId: 'a'.repeat(49) }, Err.GROUP_ID_INVALID],
    ['get_group_info', {}, Err.GROUP_INVALID_PARAMS],
    ['get_group_info', { GroupIdList: [] }, Err.GROUP_INVALID_PARAMS],
    ['get_group_info', { GroupIdList: Array.from({ length: 51 }, (_, i) => `g${i}`) }, Err.GROUP_INVALID_PARAMS],
    ['get_group_member_info', {}, Err.GROUP_INVALID_PARAMS],
    ['get_group_member_info', { GroupId: 'nope' }, Err.GROUP_NOT_FOUND],
    ['get_group_member_info', { GroupId: 'bi-work', Limit: -1 }, Err.GROUP_INVALID_PARAMS],
    ['get_group_member_info', { GroupId: 'bi-work', MemberRoleFilter: ['Boss'] }, Err.GROUP_INVALID_PARAMS],
    ['get_group_member_info', { GroupId: 'bi-work', Next: 5 }, Err.GROUP_INVALID_PARAMS],
    ['modify_group_base_info', { GroupId: 'bi-work' }, Err.GROUP_INVALID_PARAMS],
    ['modify_group_base_info', { GroupId: 'bi-work', MuteAllMember: 'Yes' }, Err.GROUP_INVALID_PARAMS],
    ['modify_group_base_info', { GroupId: 'bi-work', FaceUrl: 'f'.repeat(101) }, Err.GROUP_INVALID_PARAMS],
    ['modify_group_base_info', { GroupId: 'nope', Name: 'x' }, Err.GROUP_NOT_FOUND],
    ['add_group_member', { GroupId: 'bi-work', MemberList: [] }, Err.GROUP_TOO_MANY_ACCOUNTS],
    ['add_group_member', { GroupId: 'bi-work', MemberList: Array.from({ length: 301 }, (_, i) => ({ Member_Account: `x${i}` })) }, Err.GROUP_TOO_MANY_ACCOUNTS],
    ['add_group_member', { GroupId: 'bi-work', MemberList: [{ Member_Account: 7 }] }, Err.GROUP_INVALID_PARAMS],
    ['add_group_member', { GroupId: 'bi-work', Silence: 2, MemberList: [{ Member_Account: 'u01' }] }, Err.GROUP_INVALID_PARAMS],
    ['delete_group_member', { GroupId: 'bi-work' }, Err.GROUP_INVALID_PARAMS],
    ['modify_group_member_info', { GroupId: 'bi-work', Member_Account: 'bi', Role: 'Owner' }, Err.GROUP_INVALID_PARAMS],
    ['modify_group_member_info', { GroupId: 'bi-work', Member_Account: 'bi', MsgFlag: 'Loud' }, Err.GROUP_INVALID_PARAMS],
    ['modify_group_member_info', { GroupId: 'bi-work', Member_Account: 'bi', NameCard: 'n'.repeat(51) }, Err.GROUP_INVALID_PARAMS],
    ['modify_group_member_info', { GroupId: 'bi-work', Member_Account: 'bi' }, Err.GROUP_INVALID_PARAMS],
    ['modify_group_member_info', { GroupId: 'bi-work', Member_Account: 'nobody', NameCard: 'x' }, Err.GROUP_INVALID_PARAMS],
    ['modify_group_member_info', { GroupId: 'bi-work', Member_Account: 'bi', AppMemberDefinedData: [{ Key: 'k', Value: 'v'.repeat(65) }] }, Err.GROUP_INVALID_PARAMS],
    ['forbid_send_msg', { GroupId: 'bi-meet', Members_Account: ['bi'] }, Err.GROUP_INVALID_PARAMS],
    ['forbid_send_msg', { GroupId: 'bi-meet', Members_Account: ['bi'], MuteTime: -1 }, Err.GROUP_INVALID_PARAMS],
    ['forbid_send_msg', { GroupId: 'bi-meet', Members_Account: Array.from({ length: 501 }, (_, i) => `x${i}`), MuteTime: 1 }, Err.GROUP_TOO_MANY_ACCOUNTS],
    ['forbid_send_msg', { GroupId: 'bi-work', Members_Account: ['bi'], MuteTime: 60 }, Err.GROUP_PERMISSION_DENIED],
    ['change_group_owner', { GroupId: 'bi-work' }, Err.GROUP_INVALID_PARAMS],
    ['destroy_group', { GroupId: 12 }, Err.GROUP_INVALID_PARAMS],
    ['get_joined_group_list', {}, Err.GROUP_INVALID_PARAMS],
    ['get_joined_group_list', { Member_Account: 'bi', GroupType: 'Club' }, Err.GROUP_INVALID_PARAMS],
    ['get_joined_group_list', { Member_Account: 'bi', ResponseFilter: [] }, Err.GROUP_INVALID_PARAMS],
    ['get_role_in_group', { GroupId: 'bi-work', User_Account: [] }, Err.GROUP_TOO_MANY_ACCOUNTS],
    ['get_role_in_group', { GroupId: 'nope', User_Account: ['bi'] }, Err.GROUP_NOT_FOUND],
    ['get_group_muted_account', { GroupId: 'nope' }, Err.GROUP_NOT_FOUND],
    ['get_appid_group_list', { Limit: 0 }, Err.GROUP_INVALID_PARAMS],
    ['get_appid_group_list', { GroupType: 'Club' }, Err.GROUP_INVALID_PARAMS],
    ['import_group_member', { GroupId: 'bi-work', MemberList: [{ Member_Account: 'u02', JoinTime: -5 }] }, Err.GROUP_INVALID_PARAMS],
    ['get_online_member_num', { GroupId: 'nope' }, Err.GROUP_NOT_FOUND],
    ['create_topic', { GroupId: 'bi-work', TopicName: 'x' }, Err.GROUP_PERMISSION_DENIED, 'million_group_open_http_svc'],
    ['create_topic', { GroupId: '@TGS#_nope', TopicName: 'x' }, Err.GROUP_NOT_FOUND, 'million_group_open_http_svc'],
    ['create_topic', { GroupId: 'bi-work', TopicId: 'other@TOPIC#_x', TopicName: 'x' }, Err.GROUP_INVALID_PARAMS, 'million_group_open_http_svc'],
    ['create_topic', { GroupId: 'bi-work' }, Err.GROUP_INVALID_PARAMS, 'million_group_open_http_svc'],
    ['destroy_topic', { GroupId: 'bi-work', TopicIdList: [] }, Err.GROUP_TOO_MANY_ACCOUNTS, 'million_group_open_http_svc'],
    ['modify_topic', { GroupId: 'bi-work' }, Err.GROUP_INVALID_PARAMS, 'million_group_open_http_svc'],
  ];

  it.each(cases.map((c) => [`${c[0]} ${JSON.stringify(c[1]).slice(0, 80)}`, ...c] as const))('%s', async (_n, cmd, body, code, service) => {
    expect((await s.rest(cmd, body, service)).ErrorCode).toBe(code);
  });

  it('the actor caps its batches: decisions and topic removals over 1000 ids are 10005', async () => {
    const ids = Array.from({ length: 1001 }, (_, i) => `x${i}`);
    await s.rest('create_group', { Type: 'Public', Name: 'p', GroupId: 'bi-pub', Owner_Account: 'o' });
    expect(await s.code({ t: 'decide', groupId: 'bi-pub', by: as('o'), userIds: ids, approve: true })).toBe(Err.GROUP_TOO_MANY_ACCOUNTS);
    await s.rest('create_group', { Type: 'Community', Name: 'c', GroupId: '@TGS#_bi', Owner_Account: 'o', SupportTopic: 1 });
    expect(await s.code({ t: 'topicDestroy', groupId: '@TGS#_bi', by: as('o'), topicIds: ids })).toBe(Err.GROUP_TOO_MANY_ACCOUNTS);
    expect(await s.code({ t: 'kick', groupId: 'bi-pub', by: as('o'), userIds: ids })).toBe(Err.GROUP_TOO_MANY_ACCOUNTS);
    expect(await s.code({ t: 'addMembers', groupId: 'bi-pub', by: as('o'), members: ids.map((userId) => ({ userId })) })).toBe(Err.GROUP_TOO_MANY_ACCOUNTS);
  });

  it('a Community topic name and custom string are checked, and only a Community with SupportTopic has them', async () => {
    const g = (await s.rest('create_group', { Type: 'Community', Name: 'c', Owner_Account: 'o', SupportTopic: 1 })).GroupId as string;
    const svc = 'million_group_open_http_svc';
    expect((await s.rest('create_topic', { GroupId: g, TopicName: 't'.repeat(31) }, svc)).ErrorCode).toBe(Err.GROUP_INVALID_PARAMS);
    expect((await s.rest('create_topic', { GroupId: g, TopicName: 'ok', CustomString: 'c'.repeat(3001) }, svc)).ErrorCode).toBe(Err.GROUP_INVALID_PARAMS);
    expect((await s.rest('create_topic', { GroupId: g, TopicName: 'ok', From_Account: 'ghost-user' }, svc)).ErrorCode).toBe(Err.GROUP_PERMISSION_DENIED);
  });
});
