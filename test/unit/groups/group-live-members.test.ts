// Membership changes seen by devices on the in-process node: a member added while online gets the
// group's messages from then on (the actor subscribed their socket), the others see the join and
// kick tips, a kicked member gets their own kick tip and nothing after it.
import { afterEach, beforeEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ImClient, type WebSocketCtor } from '../../../src/client/index.js';
import type { GroupMsgFrame } from '../../../src/protocol/group-frames.js';
import { eventually } from '../../support/im-user.js';
import { startGroupNode, type GroupNode } from './group-fixture.js';

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
  return { got, until };
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
