// Membership changes seen by devices on the in-process node: a member added while online gets the
// group's messages from then on (the actor subscribed their socket), the others see the join and
// kick tips, a kicked member gets their own kick tip and nothing after it.
import { afterEach, beforeEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ImClient, type WebSocketCtor } from '../../../src/client/index.js';
import type { GroupMsgFrame } from '../../../src/protocol/group-frames.js';
import { eventually } from '../../support/im-user.js';
import { LIVE_ROOM_TIPS_MAX_MEMBERS } from '../../../src/groups/group-manage-notify.js';
import { ADMIN, as, startGroupNode, type GroupNode } from './group-fixture.js';

let s: GroupNode;
const clients: ImClient[] = [];
beforeEach(async () => {
  s = await startGroupNode();
  await s.accounts('o', 'p');
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await s.stop();
});

async function device(userId: string) {
  const client = new ImClient({ WebSocket: WebSocket as unknown as WebSocketCtor });
  clients.push(client);
  const got: GroupMsgFrame['d']['msgs'] = [];
  client.on('groupMessage', (d) => got.push(...d.msgs));
  await client.connect(s.n.wsUrl());
  await client.login({ sdkAppId: s.app, userId, userSig: s.n.sig(userId), platform: 'Android', deviceId: `${userId}-1` });
  const until = (what: string, f: (m: GroupMsgFrame['d']['msgs'][number]) => boolean) => eventually(`${userId}: ${what}`, 5_000, () => Promise.resolve(got.find(f)));
  return { client, got, until };
}

const say = (g: string, text: string, random: number) => s.rest('send_group_msg', { GroupId: g, From_Account: 'o', Random: random, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }] });
const textOf = (m: { body: unknown[] }) => JSON.stringify(m.body);

it('join subscribes the new member\'s socket, kick unsubscribes it after its own tip', async () => {
  const g = (await s.rest('create_group', { Type: 'Public', Name: 'live members', Owner_Account: 'o' })).GroupId as string;
  const o = await device('o');
  const p = await device('p');
  await say(g, 'before', 1);
  await o.until('before', (m) => textOf(m).includes('before'));
  expect((await s.rest('add_group_member', { GroupId: g, MemberList: [{ Member_Account: 'p' }] })).ErrorCode).toBe(0);
  expect((await o.until('join tip', (m) => m.tip?.kind === 'join')).tip).toMatchObject({ users: ['p'] });
  await say(g, 'after join', 2);
  await p.until('after join', (m) => textOf(m).includes('after join'));
  expect(p.got.some((m) => textOf(m).includes('before'))).toBe(false);
  expect((await s.rest('delete_group_member', { GroupId: g, MemberToDel_Account: ['p'] })).ErrorCode).toBe(0);
  expect((await p.until('own kick tip', (m) => m.tip?.kind === 'kick')).tip).toMatchObject({ users: ['p'] });
  await say(g, 'after kick', 3);
  await o.until('after kick', (m) => textOf(m).includes('after kick'));
  expect(p.got.some((m) => textOf(m).includes('after kick'))).toBe(false);
});

it(`a live room past ${LIVE_ROOM_TIPS_MAX_MEMBERS} members sends no join or quit tips (counted); a smaller one does`, async () => {
  const users = Array.from({ length: LIVE_ROOM_TIPS_MAX_MEMBERS + 1 }, (_, i) => `v${i}`);
  await s.accounts(...users, 'late');
  expect(await s.code({ t: 'create', groupId: 'big-room', by: ADMIN, type: 'AVChatRoom', profile: { name: 'big' }, ownerId: 'o', members: [] })).toBe(0);
  const owner = await device('o');
  expect(await s.code({ t: 'apply', groupId: 'big-room', by: as('o'), connId: 'x' })).toBe(0);
  await owner.client.rooms.join('big-room');
  for (const u of users.slice(0, 5)) expect(await s.code({ t: 'apply', groupId: 'big-room', by: as(u) })).toBe(0);
  await owner.until('a join tip while small', (m) => m.tip?.kind === 'join' && m.tip.users.includes('v4'));
  for (const u of users.slice(5)) expect(await s.code({ t: 'apply', groupId: 'big-room', by: as(u) })).toBe(0);
  const before = owner.got.filter((m) => m.tip !== undefined).length;
  expect(await s.code({ t: 'apply', groupId: 'big-room', by: as('late') })).toBe(0);
  expect(await s.code({ t: 'quit', groupId: 'big-room', by: as('v0') })).toBe(0);
  await say('big-room', 'after', 1);
  await owner.until('the message after', (m) => textOf(m).includes('after'));
  expect(owner.got.filter((m) => m.tip !== undefined && (m.tip.users.includes('late') || m.tip.kind === 'quit'))).toEqual([]);
  expect(owner.got.filter((m) => m.tip !== undefined).length).toBe(before);
  const hits = (await s.n.workerMetrics.groupLimitHits.get()).values.find((v) => v.labels.limit === 'live_room_tips')?.value ?? 0;
  expect(hits).toBeGreaterThanOrEqual(2);
});
