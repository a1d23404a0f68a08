// friend_add and FRIEND_ADD (spec §2.1 #20) through REST and the client SDK on an in-process
// node: AllowType decisions, both-way and one-way adds, ForceAddFlags, refusals with their codes,
// limits, bad input, and the Sns webhooks.
import { afterEach, describe, expect, it } from 'vitest';
import { ImError } from '../../../src/lib/errors.js';
import type { FriendRecord } from '../../../src/store/index.js';
import { counterValue } from '../rest/rest-fixture.js';
import { addItems, resultCodes, startSocialNode, webhookBodies, type SocialNode } from './social-fixture.js';

let s: SocialNode | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

async function start(...ids: string[]): Promise<SocialNode> {
  s = await startSocialNode();
  await s.accounts(...ids);
  return s;
}

const row = (peerId: string): FriendRecord => ({ peerId, remark: '', groups: [], addSource: 'AddSource_Type_Seed', addWording: '', addTime: 1, remarkTime: 0, custom: {} });

/** Gives `owner` n friend rows (accounts need not exist for the count). */
async function seedFriends(s: SocialNode, owner: string, n: number): Promise<void> {
  const rows = Array.from({ length: n }, (_, i) => row(`seed${i}`));
  for (let i = 0; i < rows.length; i += 1000) await s.n.store.friends.putFriends(s.n.app.sdkAppId, owner, rows.slice(i, i + 1000));
}

const add = (s: SocialNode, from: string, body: Record<string, unknown>) => s.rest('sns/friend_add', { From_Account: from, ...body });

describe('friend_add by AllowType', () => {
  it('AllowAny adds both ways at once, tells both users devices, and fires the Sns callbacks', async () => {
    const s = await start('alice', 'bob');
    await s.allow('bob', 'AllowAny');
    const [a, b] = [await s.device('alice'), await s.device('bob')];
    const r = await add(s, 'alice', { AddFriendItem: [{ To_Account: 'bob', AddSource: 'AddSource_Type_Web', Remark: 'Bobby', AddWording: 'hi', GroupName: 'work' }] });
    expect(r).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, ErrorDisplay: '', ResultItem: [{ To_Account: 'bob', ResultCode: 0, ResultInfo: '' }] });
    expect(r.Fail_Account).toBeUndefined();
    await s.settle('alice', 'bob', 'BothWay');
    expect((await a.change((c) => c.kind === 'friend_added')).data).toMatchObject({ userIds: ['bob'] });
    expect((await b.change((c) => c.kind === 'friend_added')).data).toMatchObject({ userIds: ['alice'] });

    const got = await s.rest('sns/friend_get_list', { From_Account: 'alice', To_Account: ['bob'], TagList: ['Tag_SNS_IM_Remark', 'Tag_SNS_IM_Group', 'Tag_SNS_IM_AddSource', 'Tag_SNS_IM_AddWording'] });
    expect((got.InfoItem as Array<{ SnsProfileItem: unknown }>)[0]!.SnsProfileItem).toEqual([
      { Tag: 'Tag_SNS_IM_Remark', Value: 'Bobby' },
      { Tag: 'Tag_SNS_IM_Group', Value: ['work'] },
      { Tag: 'Tag_SNS_IM_AddSource', Value: 'AddSource_Type_Web' },
      { Tag: 'Tag_SNS_IM_AddWording', Value: 'hi' },
    ]);
    expect((await a.client.social.getFriendLists()).lists).toEqual([{ name: 'work', userIds: ['bob'] }]);

    expect(webhookBodies(s, 'Sns.CallbackPrevFriendAdd')).toEqual([
      {
        CallbackCommand: 'Sns.CallbackPrevFriendAdd',
        Requester_Account: 'administrator',
        From_Account: 'alice',
        AddType: 'Add_Type_Both',
        ForceAddFlags: 0,
        FriendItem: [{ To_Account: 'bob', Remark: 'Bobby', GroupName: 'work', AddSource: 'AddSource_Type_Web', AddWording: 'hi' }],
      },
    ]);
    await expect.poll(() => webhookBodies(s, 'Sns.CallbackFriendAdd')).toEqual([
      {
        CallbackCommand: 'Sns.CallbackFriendAdd',
        ClientCmd: 'friend_add',
        Admin_Account: 'administrator',
        ForceFlag: 0,
        PairList: [
          { From_Account: 'alice', To_Account: 'bob', Initiator_Account: 'alice' },
          { From_Account: 'bob', To_Account: 'alice', Initiator_Account: 'alice' },
        ],
      },
    ]);
  });

  it('Add_Type_Single adds only to my list', async () => {
    const s = await start('alice', 'bob');
    await s.allow('bob', 'AllowAny');
    expect(resultCodes(await add(s, 'alice', { AddFriendItem: addItems('bob'), AddType: 'Add_Type_Single' }))).toEqual({ bob: 0 });
    expect(await s.relation('alice', 'bob')).toBe('AWithB');
    expect(await s.relation('bob', 'alice')).toBe('BWithA');
  });

  it('NeedConfirm (the default) creates a pending request: 30539, not a failure', async () => {
    const s = await start('alice', 'bob');
    const b = await s.device('bob');
    const r = await add(s, 'alice', { AddFriendItem: [{ To_Account: 'bob', AddSource: 'AddSource_Type_Web', AddWording: 'hello' }] });
    expect(r.ResultItem).toEqual([{ To_Account: 'bob', ResultCode: 30539, ResultInfo: expect.any(String) }]);
    expect(r.Fail_Account).toBeUndefined();
    expect(await s.relation('alice', 'bob')).toBe('NoRelation');
    expect((await b.change((c) => c.kind === 'request_received')).data).toMatchObject({ userId: 'alice', wording: 'hello', addSource: 'AddSource_Type_Web', addType: 'both' });
    expect((await b.client.social.getRequests()).inbox).toMatchObject([{ userId: 'alice', wording: 'hello' }]);
    expect(webhookBodies(s, 'Sns.CallbackFriendAdd')).toEqual([]);
  });

  it('DenyAny refuses with 30516; ForceAddFlags=1 adds anyway', async () => {
    const s = await start('alice', 'bob');
    await s.allow('bob', 'DenyAny');
    expect(await add(s, 'alice', { AddFriendItem: addItems('bob') })).toMatchObject({ ResultItem: [{ To_Account: 'bob', ResultCode: 30516 }], Fail_Account: ['bob'] });
    expect(resultCodes(await add(s, 'alice', { AddFriendItem: addItems('bob'), ForceAddFlags: 1 }))).toEqual({ bob: 0 });
    await s.settle('alice', 'bob', 'BothWay');
    await expect.poll(() => webhookBodies(s, 'Sns.CallbackFriendAdd')[0]).toMatchObject({ ForceFlag: 1 });
  });

  it('from the client: pending is success with {pending: true}, a refusal rejects with its code', async () => {
    const s = await start('alice', 'bob', 'carol', 'dave');
    await s.allow('carol', 'AllowAny');
    await s.allow('dave', 'DenyAny');
    const a = await s.device('alice');
    expect(await a.client.social.addFriend('bob', { wording: 'hi' })).toEqual({ pending: true });
    expect(await a.client.social.addFriend('carol', { remark: 'C' })).toEqual({ pending: false });
    await expect(a.client.social.addFriend('dave')).rejects.toMatchObject({ code: 30516 });
    await expect(a.client.social.addFriend('alice')).rejects.toMatchObject({ code: 30001 });
    await expect(a.client.social.addFriend('nobody')).rejects.toMatchObject({ code: 30003 });
    await expect(a.client.social.addFriend('bob', { addSource: 'Web' })).rejects.toMatchObject({ code: 30001 });
    await s.settle('alice', 'carol', 'BothWay');
    await expect.poll(() => webhookBodies(s, 'Sns.CallbackFriendAdd')[0]).toMatchObject({ ClientCmd: 'FriendAdd', PairList: [{ From_Account: 'alice', To_Account: 'carol' }, { From_Account: 'carol', To_Account: 'alice' }] });
    expect(webhookBodies(s, 'Sns.CallbackFriendAdd')[0]).not.toHaveProperty('Admin_Account');
    expect(s.n.webhooks.calls.find((c) => c.command === 'Sns.CallbackPrevFriendAdd')!.query.OptPlatform).toBe('Android');
  });
});

describe('friend_add refusals', () => {
  it('gives each item its own code: self, unknown account, already friends, blocks', async () => {
    const s = await start('alice', 'bob', 'carol', 'dave', 'erin');
    for (const u of ['bob', 'carol', 'dave', 'erin']) await s.allow(u, 'AllowAny');
    expect(resultCodes(await add(s, 'alice', { AddFriendItem: addItems('bob') }))).toEqual({ bob: 0 });
    await s.rest('sns/black_list_add', { From_Account: 'alice', To_Account: ['carol'] });
    await s.rest('sns/black_list_add', { From_Account: 'dave', To_Account: ['alice'] });
    const r = await add(s, 'alice', { AddFriendItem: addItems('alice', 'ghost', 'bob', 'carol', 'dave', 'erin', 'x'.repeat(40)) });
    expect(resultCodes(r)).toEqual({ alice: 30001, ghost: 30003, bob: 30001, carol: 30515, dave: 30525, erin: 0, ['x'.repeat(40)]: 30003 });
    expect(r.Fail_Account).toEqual(['alice', 'ghost', 'bob', 'carol', 'dave', 'x'.repeat(40)]);
  });

  it('AdminForbidType SendOut forbids adding (30009) unless the admin forces it', async () => {
    const s = await start('alice', 'bob');
    await s.allow('bob', 'AllowAny');
    await s.rest('profile/portrait_set', { From_Account: 'alice', ProfileItem: [{ Tag: 'Tag_Profile_IM_AdminForbidType', Value: 'AdminForbid_Type_SendOut' }] });
    const a = await s.device('alice');
    await expect(a.client.social.addFriend('bob')).rejects.toMatchObject({ code: 30009 });
    expect(resultCodes(await add(s, 'alice', { AddFriendItem: addItems('bob') }))).toEqual({ bob: 30009 });
    expect(resultCodes(await add(s, 'alice', { AddFriendItem: addItems('bob'), ForceAddFlags: 1 }))).toEqual({ bob: 0 });
  });

  it('checks each item fields: AddSource format, remark 96 bytes, wording 256 bytes, list name 30 bytes', async () => {
    const s = await start('alice', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6');
    const r = await add(s, 'alice', {
      AddFriendItem: [
        { To_Account: 'b1', AddSource: 'AddSource_Type_ToolongXX' },
        { To_Account: 'b2', AddSource: 'Web' },
        { To_Account: 'b3', AddSource: 'AddSource_Type_Web', Remark: 'r'.repeat(97) },
        { To_Account: 'b4', AddSource: 'AddSource_Type_Web', AddWording: 'w'.repeat(257) },
        { To_Account: 'b5', AddSource: 'AddSource_Type_Web', GroupName: 'g'.repeat(31) },
        { To_Account: 'b6', AddSource: 'AddSource_Type_Web', Remark: 'r'.repeat(96), GroupName: 'g'.repeat(30) },
      ],
    });
    expect(resultCodes(r)).toEqual({ b1: 30001, b2: 30001, b3: 30001, b4: 30001, b5: 30001, b6: 30539 });
  });

  const bad: Array<[string, number, Record<string, unknown>]> = [
    ['From_Account missing', 30001, { AddFriendItem: addItems('bob') }],
    ['From_Account a number', 60015, { From_Account: 7, AddFriendItem: addItems('bob') }],
    ['From_Account not imported', 30003, { From_Account: 'ghost', AddFriendItem: addItems('bob') }],
    ['AddFriendItem missing', 30001, { From_Account: 'alice' }],
    ['AddFriendItem not an array', 30001, { From_Account: 'alice', AddFriendItem: { To_Account: 'bob' } }],
    ['AddFriendItem empty', 30001, { From_Account: 'alice', AddFriendItem: [] }],
    ['AddFriendItem with 1001 items', 30001, { From_Account: 'alice', AddFriendItem: addItems(...Array.from({ length: 1001 }, (_, i) => `u${i}`)) }],
    ['item without AddSource', 30001, { From_Account: 'alice', AddFriendItem: [{ To_Account: 'bob' }] }],
    ['item To_Account a number', 60015, { From_Account: 'alice', AddFriendItem: [{ To_Account: 1, AddSource: 'AddSource_Type_X' }] }],
    ['Remark a number', 30001, { From_Account: 'alice', AddFriendItem: [{ To_Account: 'bob', AddSource: 'AddSource_Type_X', Remark: 5 }] }],
    ['AddType unknown', 30001, { From_Account: 'alice', AddFriendItem: addItems('bob'), AddType: 'Both' }],
    ['ForceAddFlags 2', 30001, { From_Account: 'alice', AddFriendItem: addItems('bob'), ForceAddFlags: 2 }],
  ];
  it.each(bad)('%s -> whole call %i, nothing added', async (_n, code, body) => {
    const s = await start('alice', 'bob');
    await s.allow('bob', 'AllowAny');
    expect(await s.rest('sns/friend_add', body)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code, ErrorDisplay: '' });
    expect(await s.relation('alice', 'bob')).toBe('NoRelation');
  });
});

describe('friend_add limits', () => {
  it('3 000 friends: mine 30010, the peer 30014; counted on im_social_limit_hits_total', async () => {
    const s = await start('alice', 'bob', 'carol');
    await s.allow('bob', 'AllowAny');
    await s.allow('carol', 'AllowAny');
    await seedFriends(s, 'alice', 3000);
    expect(resultCodes(await add(s, 'alice', { AddFriendItem: addItems('bob') }))).toEqual({ bob: 30010 });
    await seedFriends(s, 'carol', 3000);
    expect(resultCodes(await add(s, 'bob', { AddFriendItem: addItems('carol') }))).toEqual({ carol: 30014 });
    // One-way adds do not touch the peer's list, so its limit does not apply.
    expect(resultCodes(await add(s, 'bob', { AddFriendItem: addItems('carol'), AddType: 'Add_Type_Single' }))).toEqual({ carol: 0 });
    expect(await counterValue(s.n.workerMetrics, 'im_social_limit_hits_total', { limit: 'friends' })).toBe(1);
    expect(await counterValue(s.n.workerMetrics, 'im_social_limit_hits_total', { limit: 'peer_friends' })).toBe(1);
  });

  it('fills the last free places in request order', async () => {
    const s = await start('alice', 'b1', 'b2');
    await s.allow('b1', 'AllowAny');
    await s.allow('b2', 'AllowAny');
    await seedFriends(s, 'alice', 2999);
    expect(resultCodes(await add(s, 'alice', { AddFriendItem: addItems('b1', 'b2') }))).toEqual({ b1: 0, b2: 30010 });
  });

  it('100 pending requests: sent by me or received by the peer, 30012; a repeated request only refreshes', async () => {
    const s = await start('alice', 'bob', 'carol', 'dave');
    const app = s.n.app.sdkAppId;
    const req = (peerId: string) => ({ peerId, addSource: 'AddSource_Type_Seed', addWording: '', remark: '', groupName: '', addType: 'both' as const, time: 1 });
    expect(resultCodes(await add(s, 'alice', { AddFriendItem: addItems('dave') }))).toEqual({ dave: 30539 });
    for (let i = 0; i < 99; i++) await s.n.store.friendRequests.putRequest(app, 'alice', 'outbox', req(`seed${i}`));
    expect(resultCodes(await add(s, 'alice', { AddFriendItem: addItems('dave', 'bob') }))).toEqual({ dave: 30539, bob: 30012 });
    for (let i = 0; i < 100; i++) await s.n.store.friendRequests.putRequest(app, 'carol', 'inbox', req(`seed${i}`));
    expect(resultCodes(await add(s, 'bob', { AddFriendItem: addItems('carol') }))).toEqual({ carol: 30012 });
    expect(await counterValue(s.n.workerMetrics, 'im_social_limit_hits_total', { limit: 'pending' })).toBe(1);
    expect(await counterValue(s.n.workerMetrics, 'im_social_limit_hits_total', { limit: 'peer_pending' })).toBe(1);
  });

  it('a GroupName that would make a 33rd friend list: 30011', async () => {
    const s = await start('alice', 'bob', 'carol');
    await s.allow('bob', 'AllowAny');
    await s.allow('carol', 'AllowAny');
    await s.n.store.friendLists.createFriendLists(s.n.app.sdkAppId, 'alice', Array.from({ length: 32 }, (_, i) => ({ name: `l${i}`, createdAt: i })));
    const r = await add(s, 'alice', { AddFriendItem: [{ To_Account: 'bob', AddSource: 'AddSource_Type_X', GroupName: 'new' }, { To_Account: 'carol', AddSource: 'AddSource_Type_X', GroupName: 'l3' }] });
    expect(resultCodes(r)).toEqual({ bob: 30011, carol: 0 });
  });
});

describe('Sns.CallbackPrevFriendAdd verdicts', () => {
  it('refuses per item: app codes 38000-39000 pass through, other non-zero become 30001', async () => {
    const s = await start('alice', 'bob', 'carol', 'dave');
    for (const u of ['bob', 'carol', 'dave']) await s.allow(u, 'AllowAny');
    s.n.webhooks.setHandler((call) =>
      call.command === 'Sns.CallbackPrevFriendAdd'
        ? { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ResultItem: [{ To_Account: 'bob', ResultCode: 38123, ResultInfo: 'not today' }, { To_Account: 'carol', ResultCode: 1, ResultInfo: '' }] }
        : { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' },
    );
    const r = await add(s, 'alice', { AddFriendItem: addItems('bob', 'carol', 'dave') });
    expect(r.ResultItem).toEqual([
      { To_Account: 'bob', ResultCode: 38123, ResultInfo: 'not today' },
      { To_Account: 'carol', ResultCode: 30001, ResultInfo: 'refused by the app backend' },
      { To_Account: 'dave', ResultCode: 0, ResultInfo: '' },
    ]);
    await s.settle('alice', 'dave', 'BothWay');
    expect(await s.relation('alice', 'bob')).toBe('NoRelation');
    const a = await s.device('alice');
    await expect(a.client.social.addFriend('bob')).rejects.toEqual(new ImError(38123, 'not today'));
  });

  it('an unreachable backend is allowed when the app fails open (the default)', async () => {
    const s = await start('alice', 'bob');
    await s.allow('bob', 'AllowAny');
    s.n.webhooks.setHandler(() => {
      throw new Error('connection refused');
    });
    expect(resultCodes(await add(s, 'alice', { AddFriendItem: addItems('bob') }))).toEqual({ bob: 0 });
  });

  it('an unreachable backend refuses every item with 30006 when the app fails closed', async () => {
    s = await startSocialNode({ app: { webhook: { url: 'http://backend.test/cb', timeoutMs: 2000, failOpen: false } } });
    await s.accounts('alice', 'bob');
    await s.allow('bob', 'AllowAny');
    s.n.webhooks.setHandler((call) => {
      if (call.command === 'Sns.CallbackPrevFriendAdd') throw new Error('connection refused');
      return { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
    });
    expect(resultCodes(await add(s, 'alice', { AddFriendItem: addItems('bob') }))).toEqual({ bob: 30006 });
  });
});
