// black_list_add / delete / get / check (spec §2.1 #28) and BLOCK_* client ops: blocking ends the
// friendship and pending requests both ways, paging with AddBlackTimeStamp and both spellings of
// CurruentSequence, relations, the 1 000-entry limit, webhooks and bad input.
import { afterEach, describe, expect, it } from 'vitest';
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

describe('black_list_add', () => {
  it('blocks, ends the friendship both ways and the requests between the two', async () => {
    const s = await start('alice', 'bob', 'carol');
    await s.allow('bob', 'AllowAny');
    await s.rest('sns/friend_add', { From_Account: 'alice', AddFriendItem: addItems('bob') });
    await s.settle('alice', 'bob', 'BothWay');
    await s.rest('sns/friend_add', { From_Account: 'carol', AddFriendItem: addItems('alice') });
    const [a, b, c] = [await s.device('alice'), await s.device('bob'), await s.device('carol')];
    const r = await s.rest('sns/black_list_add', { From_Account: 'alice', To_Account: ['bob', 'carol', 'alice', 'ghost'] });
    expect(resultCodes(r)).toEqual({ bob: 0, carol: 0, alice: 30001, ghost: 30003 });
    expect(r.Fail_Account).toEqual(['alice', 'ghost']);
    await s.settle('alice', 'bob', 'NoRelation');
    expect((await b.change((x) => x.kind === 'friend_deleted')).data).toMatchObject({ userIds: ['alice'] });
    expect((await c.change((x) => x.kind === 'request_removed')).data).toMatchObject({ userIds: ['alice'], box: 'outbox' });
    expect((await a.change((x) => x.kind === 'block_added')).data).toMatchObject({ userIds: ['bob', 'carol'] });
    expect(await a.client.social.getRequests()).toEqual({ inbox: [], outbox: [] });
    expect(await c.client.social.getRequests()).toEqual({ inbox: [], outbox: [] });
    // Blocked users cannot add me, and I cannot add them.
    expect(resultCodes(await s.rest('sns/friend_add', { From_Account: 'bob', AddFriendItem: addItems('alice') }))).toEqual({ alice: 30525 });
    await expect(a.client.social.addFriend('bob')).rejects.toMatchObject({ code: 30515 });
    expect(webhookBodies(s, 'Sns.CallbackBlackListAdd')).toEqual([
      { CallbackCommand: 'Sns.CallbackBlackListAdd', PairList: [{ From_Account: 'alice', To_Account: 'bob' }, { From_Account: 'alice', To_Account: 'carol' }] },
    ]);
    expect(resultCodes(await s.rest('sns/black_list_add', { From_Account: 'alice', To_Account: ['bob'] }))).toEqual({ bob: 30001 });
  });

  it('1 000 blocked users at most: 30013, counted', async () => {
    const s = await start('alice', 'bob', 'carol');
    const app = s.n.app.sdkAppId;
    await s.n.store.blocklist.addBlocks(app, 'alice', Array.from({ length: 999 }, (_, i) => ({ peerId: `s${i}`, addTime: i })));
    expect(resultCodes(await s.rest('sns/black_list_add', { From_Account: 'alice', To_Account: ['bob', 'carol'] }))).toEqual({ bob: 0, carol: 30013 });
    expect(await counterValue(s.n.workerMetrics, 'im_social_limit_hits_total', { limit: 'blocked' })).toBe(1);
  });
});

describe('black_list_delete, black_list_get, black_list_check', () => {
  it('pages oldest first with AddBlackTimeStamp; StartIndex 0 means done; both sequence spellings', async () => {
    const s = await start('alice', 'u1', 'u2', 'u3', 'bob');
    for (const u of ['u1', 'u2', 'u3']) await s.rest('sns/black_list_add', { From_Account: 'alice', To_Account: [u] });
    const first = await s.rest('sns/black_list_get', { From_Account: 'alice', StartIndex: 0, MaxLimited: 2, LastSequence: 0 });
    expect((first.BlackListItem as Array<{ To_Account: string }>).map((b) => b.To_Account)).toEqual(['u1', 'u2']);
    expect((first.BlackListItem as Array<{ AddBlackTimeStamp: number }>)[0]!.AddBlackTimeStamp).toBeCloseTo(Date.now() / 1000, -1);
    expect(first.StartIndex).toBe(2);
    expect(first.CurruentSequence).toBe(first.CurrentSequence);
    expect(first.CurrentSequence).toBeGreaterThan(0);
    const second = await s.rest('sns/black_list_get', { From_Account: 'alice', StartIndex: 2, MaxLimited: 2, LastSequence: first.CurrentSequence });
    expect(second).toMatchObject({ BlackListItem: [{ To_Account: 'u3' }], StartIndex: 0 });

    const a = await s.device('alice');
    expect((await a.client.social.getBlocklist({ limit: 2 })).blocked.map((b) => b.userId)).toEqual(['u1', 'u2']);
    await s.rest('sns/black_list_add', { From_Account: 'bob', To_Account: ['alice'] });
    const check = await s.rest('sns/black_list_check', { From_Account: 'alice', To_Account: ['u1', 'bob', 'carol'], CheckType: 'BlackCheckResult_Type_Both' });
    expect(check.BlackListCheckItem).toEqual([
      { To_Account: 'u1', Relation: 'BlackCheckResult_Type_AWithB', ResultCode: 0, ResultInfo: '' },
      { To_Account: 'bob', Relation: 'BlackCheckResult_Type_BWithA', ResultCode: 0, ResultInfo: '' },
      { To_Account: 'carol', Relation: 'BlackCheckResult_Type_NO', ResultCode: 0, ResultInfo: '' },
    ]);
    const single = await s.rest('sns/black_list_check', { From_Account: 'alice', To_Account: ['bob'], CheckType: 'BlackCheckResult_Type_Single' });
    expect((single.BlackListCheckItem as Array<{ Relation: string }>)[0]!.Relation).toBe('BlackCheckResult_Type_NO');
    expect((await a.client.social.checkBlocks(['u1', 'bob'])).results).toEqual([
      { userId: 'u1', relation: 'aWithB' },
      { userId: 'bob', relation: 'bWithA' },
    ]);

    expect(resultCodes(await s.rest('sns/black_list_delete', { From_Account: 'alice', To_Account: ['u1', 'bob'] }))).toEqual({ u1: 0, bob: 30001 });
    expect((await a.change((x) => x.kind === 'block_removed')).data).toMatchObject({ userIds: ['u1'] });
    expect(webhookBodies(s, 'Sns.CallbackBlackListDelete')).toEqual([{ CallbackCommand: 'Sns.CallbackBlackListDelete', PairList: [{ From_Account: 'alice', To_Account: 'u1' }] }]);
    expect((await a.client.social.unblock(['u2'])).results).toEqual([{ userId: 'u2', c: 0, m: '' }]);
    expect((await a.client.social.block(['u2'])).results).toEqual([{ userId: 'u2', c: 0, m: '' }]);
  });

  it.each([
    ['black_list_get without MaxLimited', 'black_list_get', { From_Account: 'alice', StartIndex: 0 }, 30001],
    ['black_list_get with a string StartIndex', 'black_list_get', { From_Account: 'alice', StartIndex: '0', MaxLimited: 10 }, 30001],
    ['black_list_check without CheckType', 'black_list_check', { From_Account: 'alice', To_Account: ['bob'] }, 30001],
    ['black_list_add with 1001 accounts', 'black_list_add', { From_Account: 'alice', To_Account: Array.from({ length: 1001 }, (_, i) => `u${i}`) }, 30001],
    ['black_list_delete with a number', 'black_list_delete', { From_Account: 'alice', To_Account: [1] }, 60015],
    ['black_list_add from an unknown account', 'black_list_add', { From_Account: 'ghost', To_Account: ['bob'] }, 30003],
  ])('%s -> FAIL', async (_n, command, body, code) => {
    const s = await start('alice', 'bob');
    expect(await s.rest(`sns/${command}`, body)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code, ErrorDisplay: '' });
  });
});
