// Pending friend requests through the client SDK (FRIEND_RESPOND, FRIEND_WITHDRAW,
// FRIEND_REQUESTS): agree, agreeAndAdd, reject, withdraw, what every device of both users is told,
// Sns.CallbackPrevFriendResponse, and the codes of missing requests and limits.
import { afterEach, describe, expect, it } from 'vitest';
import type { FriendRecord } from '../../../src/store/index.js';
import { addItems, startSocialNode, webhookBodies, type SocialNode } from './social-fixture.js';

let s: SocialNode | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

async function start(...ids: string[]): Promise<SocialNode> {
  s = await startSocialNode({ edges: 2 });
  await s.accounts(...ids);
  return s;
}

const request = async (s: SocialNode, from: string, to: string, extra: Record<string, unknown> = {}) => {
  const r = await s.rest('sns/friend_add', { From_Account: from, AddFriendItem: [{ ...addItems(to)[0], ...extra }] });
  expect((r.ResultItem as Array<{ ResultCode: number }>)[0]!.ResultCode).toBe(30539);
};

describe('answering a request', () => {
  it('accepted on one device: the other device of the same user sees it disappear, the requester sees the answer', async () => {
    const s = await start('alice', 'bob');
    const [phone, laptop] = [await s.device('bob', 'phone', 0), await s.device('bob', 'laptop', 1)];
    const alice = await s.device('alice');
    await request(s, 'alice', 'bob', { AddWording: 'remember me?', Remark: 'Bob', GroupName: 'school' });
    for (const d of [phone, laptop]) await d.change((c) => c.kind === 'request_received');
    expect((await laptop.client.social.getRequests()).inbox.map((r) => r.userId)).toEqual(['alice']);
    expect((await alice.client.social.getRequests()).outbox).toMatchObject([{ userId: 'bob', wording: 'remember me?', remark: 'Bob', group: 'school' }]);

    await phone.client.social.respondToRequest('alice', 'agree');
    const gone = await laptop.change((c) => c.kind === 'request_answered');
    expect(gone.data).toMatchObject({ userId: 'alice', box: 'inbox', action: 'agree' });
    expect((await laptop.client.social.getRequests()).inbox).toEqual([]);

    // agree: bob goes into alice's list (with the remark and list alice asked for), not the reverse.
    await s.settle('alice', 'bob', 'AWithB');
    expect((await alice.change((c) => c.kind === 'request_answered')).data).toMatchObject({ userId: 'bob', box: 'outbox', action: 'agree' });
    expect((await alice.change((c) => c.kind === 'friend_added')).data).toMatchObject({ userIds: ['bob'] });
    expect((await alice.client.social.getRequests()).outbox).toEqual([]);
    const [friend] = (await alice.client.social.getFriendsById(['bob'])).results;
    expect(friend).toMatchObject({ userId: 'bob', c: 0, friend: { remark: 'Bob', groups: ['school'], wording: 'remember me?' } });
    expect(laptop.changes.some((c) => c.kind === 'friend_added')).toBe(false);
  });

  it('agreeAndAdd makes both lists, with my remark and list for the requester', async () => {
    const s = await start('alice', 'bob');
    const bob = await s.device('bob');
    await request(s, 'alice', 'bob');
    await bob.client.social.respondToRequest('alice', 'agreeAndAdd', { remark: 'Al', group: 'friends' });
    await s.settle('alice', 'bob', 'BothWay');
    expect((await bob.client.social.getFriendsById(['alice'])).results[0]!.friend).toMatchObject({ remark: 'Al', groups: ['friends'] });
    expect((await bob.client.social.getFriendLists()).lists).toEqual([{ name: 'friends', userIds: ['alice'] }]);
    await expect.poll(() => webhookBodies(s, 'Sns.CallbackFriendAdd')).toEqual([
      {
        CallbackCommand: 'Sns.CallbackFriendAdd',
        ClientCmd: 'FriendResponse',
        ForceFlag: 0,
        PairList: [
          { From_Account: 'alice', To_Account: 'bob', Initiator_Account: 'alice' },
          { From_Account: 'bob', To_Account: 'alice', Initiator_Account: 'alice' },
        ],
      },
    ]);
    expect(webhookBodies(s, 'Sns.CallbackPrevFriendResponse')).toEqual([
      {
        CallbackCommand: 'Sns.CallbackPrevFriendResponse',
        Requester_Account: 'bob',
        From_Account: 'bob',
        ResponseFriendItem: [{ To_Account: 'alice', Remark: 'Al', TagName: 'friends', ResponseAction: 'Response_Action_AgreeAndAdd' }],
      },
    ]);
  });

  it('reject drops the request on both sides and adds nobody', async () => {
    const s = await start('alice', 'bob');
    const [alice, bob] = [await s.device('alice'), await s.device('bob')];
    await request(s, 'alice', 'bob');
    await bob.client.social.respondToRequest('alice', 'reject');
    expect((await alice.change((c) => c.kind === 'request_answered')).data).toMatchObject({ action: 'reject', box: 'outbox' });
    expect(await alice.client.social.getRequests()).toEqual({ inbox: [], outbox: [] });
    expect(await bob.client.social.getRequests()).toEqual({ inbox: [], outbox: [] });
    expect(await s.relation('alice', 'bob')).toBe('NoRelation');
    expect(webhookBodies(s, 'Sns.CallbackFriendAdd')).toEqual([]);
  });

  it('answering a request that does not exist (or twice) is 30614', async () => {
    const s = await start('alice', 'bob');
    const bob = await s.device('bob');
    await expect(bob.client.social.respondToRequest('alice', 'agree')).rejects.toMatchObject({ code: 30614 });
    await request(s, 'alice', 'bob');
    await bob.client.social.respondToRequest('alice', 'agree');
    await expect(bob.client.social.respondToRequest('alice', 'agree')).rejects.toMatchObject({ code: 30614 });
    await expect(bob.client.social.respondToRequest('alice', 'agree', { remark: 'r'.repeat(97) })).rejects.toMatchObject({ code: 30001 });
  });

  it('the app may refuse an answer (Sns.CallbackPrevFriendResponse); the request stays', async () => {
    const s = await start('alice', 'bob');
    const bob = await s.device('bob');
    await request(s, 'alice', 'bob');
    s.n.webhooks.setHandler((call) =>
      call.command === 'Sns.CallbackPrevFriendResponse' ? { ActionStatus: 'OK', ErrorCode: 0, ResultItem: [{ To_Account: 'alice', ResultCode: 38500, ResultInfo: 'wait' }] } : { ActionStatus: 'OK', ErrorCode: 0 },
    );
    await expect(bob.client.social.respondToRequest('alice', 'agree')).rejects.toMatchObject({ code: 38500, info: 'wait' });
    expect((await bob.client.social.getRequests()).inbox).toHaveLength(1);
  });

  it('the friend limits: mine for agreeAndAdd (30010), the requester at 3 000 (30014)', async () => {
    const s = await start('alice', 'bob', 'carol');
    const seed = (owner: string) =>
      Promise.all([0, 1, 2].map((k) => s.n.store.friends.putFriends(s.n.app.sdkAppId, owner, Array.from({ length: 1000 }, (_, i): FriendRecord => ({ peerId: `s${k}-${i}`, remark: '', groups: [], addSource: 'AddSource_Type_S', addWording: '', addTime: 1, remarkTime: 0, custom: {} })))));
    const bob = await s.device('bob');
    await request(s, 'alice', 'bob');
    await request(s, 'carol', 'bob');
    await seed('bob');
    await expect(bob.client.social.respondToRequest('alice', 'agreeAndAdd')).rejects.toMatchObject({ code: 30010 });
    await seed('carol');
    await expect(bob.client.social.respondToRequest('carol', 'agree')).rejects.toMatchObject({ code: 30014 });
  });
});

describe('withdrawing a request', () => {
  it('the sender withdraws: both boxes empty, the recipient devices told', async () => {
    const s = await start('alice', 'bob');
    const [alice, bob] = [await s.device('alice'), await s.device('bob')];
    await request(s, 'alice', 'bob');
    await bob.change((c) => c.kind === 'request_received');
    await alice.client.social.withdrawRequest('bob');
    expect((await bob.change((c) => c.kind === 'request_withdrawn')).data).toMatchObject({ userId: 'alice', box: 'inbox' });
    expect((await alice.change((c) => c.kind === 'request_withdrawn')).data).toMatchObject({ userId: 'bob', box: 'outbox' });
    expect(await bob.client.social.getRequests()).toEqual({ inbox: [], outbox: [] });
    await expect(alice.client.social.withdrawRequest('bob')).rejects.toMatchObject({ code: 30614 });
    await expect(bob.client.social.respondToRequest('alice', 'agree')).rejects.toMatchObject({ code: 30614 });
  });

  it('a friendship made another way settles the open requests between the two', async () => {
    const s = await start('alice', 'bob');
    const alice = await s.device('alice');
    await request(s, 'alice', 'bob');
    await s.allow('alice', 'AllowAny');
    expect((await s.rest('sns/friend_add', { From_Account: 'bob', AddFriendItem: addItems('alice') })).ResultItem).toMatchObject([{ ResultCode: 0 }]);
    await s.settle('alice', 'bob', 'BothWay');
    expect((await alice.change((c) => c.kind === 'request_removed')).data).toMatchObject({ userIds: ['bob'], box: 'outbox' });
    expect(await alice.client.social.getRequests()).toEqual({ inbox: [], outbox: [] });
  });
});
