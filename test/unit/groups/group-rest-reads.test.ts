// REST reads of groups: get_group_member_info paging (Limit/Offset over the
// store's cursors, Community Next, MemberRoleFilter, MemberInfoFilter), get_group_info filters and
// per-item errors, get_joined_group_list (types, WithHugeGroups, Offset/Limit, unread counts after
// messages and reads), get_appid_group_list paging (bad inputs: group-rest-inputs.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSendOptions, uniformCodes } from '../../../src/messaging/send-options.js';
import { Err } from '../../../src/protocol/error-codes.js';
import { as, startGroupNode, type GroupNode } from './group-fixture.js';

let s: GroupNode;
const users = Array.from({ length: 30 }, (_, i) => `u${String(i).padStart(2, '0')}`);
beforeAll(async () => {
  s = await startGroupNode();
  await s.accounts('o', 'a', ...users);
});
afterAll(() => s.stop());

const send = (groupId: string, from: string, random: number) =>
  s.ask<{ seq: number }>({ t: 'send', groupId, by: as(from), from, body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }], options: parseSendOptions({ Random: random }, { kind: 'group', codes: uniformCodes(Err.GROUP_INVALID_PARAMS) }) });

describe('member pages', () => {
  it('Limit/Offset walk every member once; MemberRoleFilter and MemberInfoFilter narrow the answer', async () => {
    const g = (await s.rest('create_group', { Type: 'Public', Name: 'big', Owner_Account: 'o', MemberList: [{ Member_Account: 'a', Role: 'Admin' }, ...users.map((u) => ({ Member_Account: u }))] })).GroupId;
    const seen: string[] = [];
    for (let offset = 0; offset < 40; offset += 7) {
      const r = await s.rest('get_group_member_info', { GroupId: g, Limit: 7, Offset: offset });
      expect(r.MemberNum).toBe(32);
      seen.push(...(r.MemberList as Array<{ Member_Account: string }>).map((m) => m.Member_Account));
    }
    expect(seen.sort()).toEqual(['a', 'o', ...users].sort());
    const admins = await s.rest('get_group_member_info', { GroupId: g, MemberRoleFilter: ['Owner', 'Admin'], MemberInfoFilter: ['Role'] });
    expect(admins.MemberList).toEqual([
      { Member_Account: 'a', Role: 'Admin' },
      { Member_Account: 'o', Role: 'Owner' },
    ]);
    const plain = await s.rest('get_group_member_info', { GroupId: g, MemberRoleFilter: ['Member'], Limit: 100 });
    expect((plain.MemberList as unknown[]).length).toBe(30);
  });

  it('Community pages with Next until it comes back empty', async () => {
    const g = (await s.rest('create_group', { Type: 'Community', Name: 'c', Owner_Account: 'o', MemberList: users.map((u) => ({ Member_Account: u })) })).GroupId;
    const seen: string[] = [];
    let next: string | undefined;
    for (let i = 0; i < 20; i++) {
      const r = await s.rest('get_group_member_info', { GroupId: g, Limit: 6, ...(next ? { Next: next } : {}) });
      expect(r.ErrorCode).toBe(0);
      seen.push(...(r.MemberList as Array<{ Member_Account: string }>).map((m) => m.Member_Account));
      next = r.Next as string;
      if (!next) break;
    }
    expect(seen.sort()).toEqual(['o', ...users].sort());
  });
});

describe('group info and lists', () => {
  it('get_group_info: per-item 10010/10015 with OK overall, base and custom filters, NextMsgSeq after messages, MemberList on request', async () => {
    const g = (await s.rest('create_group', { Type: 'Private', Name: 'w', Owner_Account: 'o', MemberList: [{ Member_Account: 'u00' }], AppDefinedData: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] })).GroupId as string;
    await send(g, 'u00', 1);
    await send(g, 'o', 2);
    const r = await s.rest('get_group_info', { GroupIdList: [g, 'missing', 'bad@TOPIC#_x'], ResponseFilter: { GroupBaseInfoFilter: ['Type', 'NextMsgSeq', 'MemberNum'], AppDefinedDataFilter_Group: ['b'], MemberInfoFilter: ['Role'] } });
    expect(r.ErrorCode).toBe(0);
    expect(r.GroupInfo).toEqual([
      { GroupId: g, ErrorCode: 0, ErrorInfo: '', Type: 'Private', NextMsgSeq: 3, MemberNum: 2, AppDefinedData: [{ Key: 'b', Value: '2' }], MemberList: [{ Member_Account: 'o', Role: 'Owner' }, { Member_Account: 'u00', Role: 'Member' }] },
      { GroupId: 'missing', ErrorCode: Err.GROUP_NOT_FOUND, ErrorInfo: 'group does not exist or was dismissed' },
      { GroupId: 'bad@TOPIC#_x', ErrorCode: Err.GROUP_ID_INVALID, ErrorInfo: 'not a group id' },
    ]);
  });

  it('get_joined_group_list: unread = newest seq − read position where the type counts it, types, AVChatRoom with WithHugeGroups, paging', async () => {
    await s.accounts('j');
    const work = (await s.rest('create_group', { Type: 'Work', Name: 'w', GroupId: 'j-work', Owner_Account: 'o', MemberList: [{ Member_Account: 'j' }] })).GroupId as string;
    const meeting = (await s.rest('create_group', { Type: 'Meeting', Name: 'm', GroupId: 'j-meet', Owner_Account: 'o', MemberList: [{ Member_Account: 'j' }] })).GroupId as string;
    const live = (await s.rest('create_group', { Type: 'AVChatRoom', Name: 'l', GroupId: 'j-live', Owner_Account: 'o' })).GroupId as string;
    await s.ask({ t: 'apply', groupId: live, by: as('j') });
    for (let i = 0; i < 3; i++) await send(work, 'o', 10 + i);
    await send(meeting, 'o', 20);
    const self = { ResponseFilter: { SelfInfoFilter: ['Role', 'UnreadMsgNum'], GroupBaseInfoFilter: ['Name'] } };
    const r = await s.rest('get_joined_group_list', { Member_Account: 'j', ...self });
    expect(r).toMatchObject({ ErrorCode: 0, TotalCount: 2 });
    expect(r.GroupIdList).toEqual([
      { GroupId: meeting, Type: 'ChatRoom', Name: 'm', SelfInfo: { Role: 'Member', UnreadMsgNum: 0 } },
      { GroupId: work, Type: 'Private', Name: 'w', SelfInfo: { Role: 'Member', UnreadMsgNum: 3 } },
    ]);
    await s.ask({ t: 'read', groupId: work, by: as('j'), seq: 2 });
    const after = await s.rest('get_joined_group_list', { Member_Account: 'j', GroupType: 'Private', ...self });
    expect(after.GroupIdList).toEqual([{ GroupId: work, Type: 'Private', Name: 'w', SelfInfo: { Role: 'Member', UnreadMsgNum: 1 } }]);
    const huge = await s.rest('get_joined_group_list', { Member_Account: 'j', WithHugeGroups: 1, Limit: 1, Offset: 0 });
    expect(huge).toMatchObject({ TotalCount: 3, GroupIdList: [{ GroupId: live }] });
    const second = await s.rest('get_joined_group_list', { Member_Account: 'j', WithHugeGroups: 1, Limit: 1, Offset: 1 });
    expect(second.GroupIdList).toEqual([{ GroupId: meeting, Type: 'ChatRoom' }]);
  });

  it('get_joined_group_list answers a user in more groups than one store read takes (520)', async () => {
    await s.accounts('many');
    for (let i = 0; i < 520; i++) await s.ask({ t: 'create', groupId: `many-${i}`, by: as('many'), type: 'Work', profile: { name: 'x' }, members: [] });
    const r = await s.rest('get_joined_group_list', { Member_Account: 'many', ResponseFilter: { SelfInfoFilter: ['Role'] } });
    expect(r.TotalCount).toBe(520);
    const list = r.GroupIdList as Array<{ GroupId: string; SelfInfo: { Role: string } }>;
    expect(list).toHaveLength(520);
    expect(list.every((g) => g.SelfInfo.Role === 'Owner')).toBe(true);
  });

  it('get_joined_group_list drops and deletes a joined row whose member row is gone (the lazy repair)', async () => {
    await s.accounts('k');
    await s.rest('create_group', { Type: 'Public', Name: 'x', GroupId: 'k-1', Owner_Account: 'o', MemberList: [{ Member_Account: 'k' }] });
    await s.n.store.groupMembers.removeMembers(s.app, 'k-1', ['k']);
    await s.n.store.joinedGroups.putJoined(s.app, [{ userId: 'k', groupId: 'k-1', type: 'Public', role: 'Member', joinTime: 1 }]);
    expect((await s.rest('get_joined_group_list', { Member_Account: 'k' })).GroupIdList).toEqual([]);
    expect(await s.n.store.joinedGroups.countJoined(s.app, 'k')).toBe(0);
  });

  it('get_appid_group_list pages with Limit and Next and filters by GroupType (legacy names too)', async () => {
    const all: string[] = [];
    let next: string | undefined;
    for (let i = 0; i < 1000; i++) {
      const r = await s.rest('get_appid_group_list', { Limit: 7, ...(next ? { Next: next } : {}) });
      all.push(...(r.GroupIdList as Array<{ GroupId: string }>).map((g) => g.GroupId));
      next = r.Next as string;
      if (!next) break;
    }
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining(['j-work', 'j-meet', 'j-live', 'k-1']));
    const meetings = await s.rest('get_appid_group_list', { GroupType: 'ChatRoom' });
    expect(meetings.GroupIdList).toEqual([{ GroupId: 'j-meet' }]);
  });
});
