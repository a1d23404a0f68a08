// Live-room joins in bulk: the room actor answers each viewer of a GroupRoomJoin as a single
// application would (members again, the app backend's refusal, MaxMemberNum, bad input, groups of
// other types), and the edge coalesces a join storm so that 300 sockets joining at once through a
// mailbox of 8 all get in.
import { afterEach, expect, it } from 'vitest';
import { ROOM_JOIN_BATCH_MAX } from '../../../src/groups/group-manage-room-join.js';
import type { RoomJoinResult } from '../../../src/groups/group-messages.js';
import { Err, Op, type LoginResult } from '../../../src/protocol/index.js';
import { OK_ANSWER } from '../../../src/webhooks/memory.js';
import { TestSocket } from '../../support/ws-client.js';
import { ADMIN, as, startGroupNode, type GroupNode } from './group-fixture.js';

let s: GroupNode | undefined;
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const x of sockets.splice(0)) x.close();
  await s?.stop();
  s = undefined;
});

const memberNum = async (node: GroupNode, groupId: string): Promise<number> => {
  const r = await node.rest('get_group_info', { GroupIdList: [groupId] });
  return ((r.GroupInfo as Array<{ MemberNum: number }>)[0]!).MemberNum;
};
const codes = (r: RoomJoinResult | { code: number }) => ('results' in r ? r.results.map((x) => x.code) : r);

it('answers every viewer as one application would: members again, refusals, MaxMemberNum, in arrival order', async () => {
  const node = (s = await startGroupNode());
  await node.accounts('o', 'a', 'b', 'c', 'd', 'e', 'f');
  expect(await node.code({ t: 'create', groupId: 'live', by: ADMIN, type: 'AVChatRoom', profile: { name: 'live' }, ownerId: 'o', members: [] })).toBe(0);
  expect(await node.code({ t: 'apply', groupId: 'live', by: as('a') })).toBe(0);
  const before = await memberNum(node, 'live');
  expect(await node.code({ t: 'modify', groupId: 'live', by: ADMIN, profile: { maxMemberNum: before + 3 } })).toBe(0);
  node.n.webhooks.setHandler((call) => (call.command === 'Group.CallbackBeforeApplyJoinGroup' && call.body.Requestor_Account === 'c' ? { ...OK_ANSWER, ErrorCode: 1, ErrorInfo: 'not c' } : OK_ANSWER));
  const viewers = ['a', 'b', 'c', 'b', 'd', 'e', 'f'].map((userId) => ({ userId, optPlatform: 'Android' }));
  const r = await node.ask<RoomJoinResult>({ t: 'roomJoin', groupId: 'live', viewers });
  expect(codes(r)).toEqual([0, 0, Err.GROUP_CALLBACK_REFUSED, 0, 0, 0, Err.GROUP_FULL]);
  expect(await memberNum(node, 'live')).toBe(before + 3);
  const rows = await node.n.store.groupMembers.getMembers(node.app, 'live', ['b', 'c', 'd', 'e', 'f']);
  expect([...rows.keys()].sort()).toEqual(['b', 'd', 'e']);
  const joined = await node.waitCallbacks('Group.CallbackAfterNewMemberJoin', 3);
  expect(joined.slice(-3).map((b) => (b.NewMemberList as Array<{ Member_Account: string }>)[0]!.Member_Account)).toEqual(['b', 'd', 'e']);
  // Joining again costs no write and is no error.
  expect(codes(await node.ask<RoomJoinResult>({ t: 'roomJoin', groupId: 'live', viewers: [{ userId: 'b' }] }))).toEqual([0]);
  expect(await memberNum(node, 'live')).toBe(before + 3);
  const full = (await node.n.workerMetrics.groupLimitHits.get()).values.find((v) => v.labels.limit === 'members')?.value;
  expect(full).toBeGreaterThanOrEqual(1);
});

it('refuses bad batches whole: no viewers, too many, a viewer without a user, another group type, a missing group', async () => {
  const node = (s = await startGroupNode());
  await node.accounts('o');
  expect(await node.code({ t: 'create', groupId: 'live', by: ADMIN, type: 'AVChatRoom', profile: { name: 'live' }, ownerId: 'o', members: [] })).toBe(0);
  expect(await node.code({ t: 'create', groupId: 'work', by: ADMIN, type: 'Work', profile: { name: 'work' }, ownerId: 'o', members: [] })).toBe(0);
  const many = Array.from({ length: ROOM_JOIN_BATCH_MAX + 1 }, (_, i) => ({ userId: `u${i}` }));
  expect(await node.code({ t: 'roomJoin', groupId: 'live', viewers: [] })).toBe(Err.GROUP_INVALID_PARAMS);
  expect(await node.code({ t: 'roomJoin', groupId: 'live', viewers: many })).toBe(Err.GROUP_INVALID_PARAMS);
  expect(await node.code({ t: 'roomJoin', groupId: 'live', viewers: [{ userId: '' }] })).toBe(Err.GROUP_INVALID_PARAMS);
  expect(await node.code({ t: 'roomJoin', groupId: 'work', viewers: [{ userId: 'o' }] })).toBe(Err.GROUP_PERMISSION_DENIED);
  expect(await node.code({ t: 'roomJoin', groupId: 'nope', viewers: [{ userId: 'o' }] })).toBe(Err.GROUP_NOT_FOUND);
});

it('a join storm of 300 sockets through a mailbox of 8: the edge coalesces, everyone gets in', async () => {
  const node = (s = await startGroupNode({ limits: { mailboxCapacity: 8 } }));
  const users = Array.from({ length: 300 }, (_, i) => `v${i}`);
  await node.accounts('o', ...users);
  expect(await node.code({ t: 'create', groupId: 'storm', by: ADMIN, type: 'AVChatRoom', profile: { name: 'storm' }, ownerId: 'o', members: [] })).toBe(0);
  const before = await memberNum(node, 'storm');
  for (const userId of users) {
    const x = await TestSocket.open(node.n.wsUrl());
    sockets.push(x);
    const r = await x.request(Op.LOGIN, { sdkAppId: node.app, userId, userSig: node.n.sig(userId), platform: 'Web', deviceId: userId });
    expect((r.d as LoginResult).connId).toBeTruthy();
  }
  const answers = await Promise.all(sockets.map((x) => x.request(Op.ROOM_JOIN, { groupId: 'storm' })));
  expect(answers.filter((a) => a.c !== Err.OK)).toEqual([]);
  expect(answers.every((a) => (a.d as { joined: boolean }).joined)).toBe(true);
  expect(await memberNum(node, 'storm')).toBe(before + users.length);
  const batches = (await node.n.metrics[0]!.edgeRoomJoinBatch.get()).values;
  const count = batches.find((v) => v.metricName === 'im_edge_room_join_batch_count')?.value ?? 0;
  const sum = batches.find((v) => v.metricName === 'im_edge_room_join_batch_sum')?.value ?? 0;
  expect(sum).toBe(users.length);
  expect(count).toBeLessThan(users.length);
  expect((await node.n.workerMetrics.mailboxOverloads.get()).values.reduce((a, v) => a + v.value, 0)).toBe(0);
});
