// The social ops on the wire (docs/protocol.md §3.1) with a raw protocol client: they need a
// login (6014), malformed parameters are answered 6017 naming the field and the socket keeps
// serving, and the SOCIAL_CHANGES push frame has the documented shape.
import { afterEach, describe, expect, it } from 'vitest';
import { Err, Op, type ServerFrame } from '../../../src/protocol/index.js';
import { TestSocket } from '../../support/ws-client.js';
import { startSocialNode, type SocialNode } from './social-fixture.js';

let s: SocialNode | undefined;
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const x of sockets.splice(0)) x.close();
  await s?.stop();
  s = undefined;
});

async function loggedIn(userId: string): Promise<TestSocket> {
  const sock = await TestSocket.open(s!.n.wsUrl());
  sockets.push(sock);
  const r = await sock.request(Op.LOGIN, { sdkAppId: s!.n.app.sdkAppId, userId, userSig: s!.n.sig(userId), platform: 'Web', deviceId: `${userId}-tab` });
  expect(r.c).toBe(Err.OK);
  return sock;
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`);

describe('social ops on the wire', () => {
  it('need a logged-in socket', async () => {
    s = await startSocialNode();
    const sock = await TestSocket.open(s.n.wsUrl());
    sockets.push(sock);
    expect(await sock.request(Op.FRIEND_ADD, { userId: 'bob' })).toMatchObject({ c: Err.NOT_LOGGED_IN });
    expect(await sock.request(Op.SOCIAL_SYNC, { afterSeq: 0 })).toMatchObject({ c: Err.NOT_LOGGED_IN });
  });

  const bad: Array<[string, number, unknown, string]> = [
    ['FRIEND_ADD without userId', Op.FRIEND_ADD, {}, 'userId'],
    ['FRIEND_ADD with a 33-byte userId', Op.FRIEND_ADD, { userId: 'x'.repeat(33) }, 'userId'],
    ['FRIEND_ADD with a bad addType', Op.FRIEND_ADD, { userId: 'bob', addType: 'both-ways' }, 'addType'],
    ['FRIEND_ADD with a numeric remark', Op.FRIEND_ADD, { userId: 'bob', remark: 5 }, 'remark'],
    ['FRIEND_RESPOND with an unknown action', Op.FRIEND_RESPOND, { userId: 'bob', action: 'maybe' }, 'action'],
    ['FRIEND_DELETE with 1001 ids', Op.FRIEND_DELETE, { userIds: ids(1001) }, 'userIds'],
    ['FRIEND_DELETE with an empty list', Op.FRIEND_DELETE, { userIds: [] }, 'userIds'],
    ['FRIEND_CHECK with a number in the list', Op.FRIEND_CHECK, { userIds: ['a', 7] }, 'userIds[1]'],
    ['FRIEND_CHECK with a bad mode', Op.FRIEND_CHECK, { userIds: ['a'], mode: 'all' }, 'mode'],
    ['FRIEND_GET with a negative start', Op.FRIEND_GET, { start: -1 }, 'start'],
    ['FRIEND_GET_BY_ID with 101 ids', Op.FRIEND_GET_BY_ID, { userIds: ids(101) }, 'userIds'],
    ['PROFILE_GET with 101 ids', Op.PROFILE_GET, { userIds: ids(101) }, 'userIds'],
    ['PROFILE_SET without a map', Op.PROFILE_SET, { profile: [['Tag_Profile_IM_Nick', 'x']] }, 'profile'],
    ['PROFILE_SET with a map value', Op.PROFILE_SET, { profile: { Tag_Profile_IM_Nick: { a: 1 } } }, 'profile.Tag_Profile_IM_Nick'],
    ['FRIEND_LIST_RENAME without newName', Op.FRIEND_LIST_RENAME, { name: 'a' }, 'newName'],
    ['SOCIAL_SYNC without afterSeq', Op.SOCIAL_SYNC, {}, 'afterSeq'],
    ['SOCIAL_SYNC with a string afterSeq', Op.SOCIAL_SYNC, { afterSeq: '3' }, 'afterSeq'],
    ['d not a map', Op.BLOCK_ADD, ['bob'], 'd must be a map'],
  ];
  it.each(bad)('%s -> 6017 naming the field; the socket keeps serving', async (_n, op, d, field) => {
    s = await startSocialNode();
    await s.accounts('alice');
    const sock = await loggedIn('alice');
    const r = await sock.request(op, d);
    expect(r.c).toBe(Err.INVALID_PARAMETERS);
    expect(r.m).toContain(field);
    expect((await sock.request(Op.FRIEND_REQUESTS)).c).toBe(Err.OK);
  });

  it('pushes SOCIAL_CHANGES {op: 210, d: {changes: [{seq, kind, time, data}]}}', async () => {
    s = await startSocialNode();
    await s.accounts('alice', 'bob');
    const sock = await loggedIn('alice');
    expect((await sock.request(Op.BLOCK_ADD, { userIds: ['bob'] })).d).toEqual({ results: [{ userId: 'bob', c: 0, m: '' }] });
    const push = (await sock.next((f) => f.op === Op.SOCIAL_CHANGES)) as Extract<ServerFrame, { op: typeof Op.SOCIAL_CHANGES }>;
    expect(push.d.changes).toEqual([{ seq: 1, kind: 'block_added', time: expect.any(Number), data: { userIds: ['bob'] } }]);
    expect(await sock.request(Op.SOCIAL_SYNC, { afterSeq: 0 })).toMatchObject({ c: 0, d: { changes: push.d.changes, maxSeq: 1, complete: true, reset: false } });
  });
});
