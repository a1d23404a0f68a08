// friend_delete, friend_delete_all, friend_update, friend_import (spec §2.1 #21-24) through REST
// and the client: one-way and both-way deletes, remark / list / custom-field updates with their
// limits, imports, and the bad inputs of each.
import { afterEach, describe, expect, it } from 'vitest';
import { addItems, resultCodes, startSocialNode, webhookBodies, type SocialNode } from './social-fixture.js';

let s: SocialNode | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

/** alice befriends each of `friends` both ways (all AllowAny). */
async function withFriends(...friends: string[]): Promise<SocialNode> {
  s = await startSocialNode();
  await s.accounts('alice', ...friends);
  for (const f of friends) await s.allow(f, 'AllowAny');
  if (friends.length) await s.rest('sns/friend_add', { From_Account: 'alice', AddFriendItem: addItems(...friends) });
  for (const f of friends) await s.settle('alice', f, 'BothWay');
  return s;
}

describe('friend_delete', () => {
  it('Delete_Type_Both (default) removes both rows; Delete_Type_Single only mine; a non-friend is 31704', async () => {
    const s = await withFriends('bob', 'carol');
    const bob = await s.device('bob');
    const r = await s.rest('sns/friend_delete', { From_Account: 'alice', To_Account: ['bob', 'dave'] });
    expect(r).toMatchObject({ ActionStatus: 'OK', Fail_Account: ['dave'] });
    expect(resultCodes(r)).toEqual({ bob: 0, dave: 31704 });
    await s.settle('alice', 'bob', 'NoRelation');
    expect((await bob.change((c) => c.kind === 'friend_deleted')).data).toMatchObject({ userIds: ['alice'] });
    expect(resultCodes(await s.rest('sns/friend_delete', { From_Account: 'alice', To_Account: ['carol'], DeleteType: 'Delete_Type_Single' }))).toEqual({ carol: 0 });
    expect(await s.relation('alice', 'carol')).toBe('BWithA');
    await expect.poll(() => webhookBodies(s, 'Sns.CallbackFriendDelete').map((b) => b.PairList)).toEqual([
      [
        { From_Account: 'alice', To_Account: 'bob' },
        { From_Account: 'bob', To_Account: 'alice' },
      ],
      [{ From_Account: 'alice', To_Account: 'carol' }],
    ]);
  });

  it('friend_delete_all empties my list and, both-way, removes me from theirs', async () => {
    const s = await withFriends('bob', 'carol');
    const a = await s.device('alice');
    expect(await s.rest('sns/friend_delete_all', { From_Account: 'alice' })).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    await s.settle('alice', 'bob', 'NoRelation');
    await s.settle('alice', 'carol', 'NoRelation');
    expect(await a.change((c) => c.kind === 'friends_cleared')).toBeTruthy();
    expect((await a.client.social.getFriends()).total).toBe(0);
  });

  it('from the client, with per-user results', async () => {
    const s = await withFriends('bob');
    const a = await s.device('alice');
    expect((await a.client.social.deleteFriends(['bob', 'zed'], 'single')).results).toEqual([
      { userId: 'bob', c: 0, m: '' },
      { userId: 'zed', c: 31704, m: 'zed is not your friend' },
    ]);
    expect(await s.relation('alice', 'bob')).toBe('BWithA');
  });

  it.each([
    ['To_Account missing', 30001, { From_Account: 'alice' }],
    ['To_Account not an array', 30001, { From_Account: 'alice', To_Account: 'bob' }],
    ['To_Account with a number', 60015, { From_Account: 'alice', To_Account: [3] }],
    ['To_Account over 1000', 30001, { From_Account: 'alice', To_Account: Array.from({ length: 1001 }, (_, i) => `u${i}`) }],
    ['DeleteType unknown', 30001, { From_Account: 'alice', To_Account: ['bob'], DeleteType: 'Both' }],
  ])('%s -> %i', async (_n, code, body) => {
    const s = await withFriends('bob');
    expect(await s.rest('sns/friend_delete', body)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
    expect(await s.relation('alice', 'bob')).toBe('BothWay');
  });
});

describe('friend_update', () => {
  it('sets remark, lists (created as needed) and custom fields; a non-friend is 30001', async () => {
    const s = await withFriends('bob');
    const a = await s.device('alice');
    const r = await s.rest('sns/friend_update', {
      From_Account: 'alice',
      UpdateItem: [
        { To_Account: 'bob', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'B' }, { Tag: 'Tag_SNS_IM_Group', Value: ['x', 'y'] }, { Tag: 'Tag_SNS_Custom_Color', Value: 'red' }, { Tag: 'Tag_SNS_Custom_Rank', Value: 3 }] },
        { To_Account: 'zed', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'Z' }] },
      ],
    });
    expect(resultCodes(r)).toEqual({ bob: 0, zed: 30001 });
    expect((await a.change((c) => c.kind === 'friend_updated')).data).toMatchObject({ userIds: ['bob'] });
    const got = await s.rest('sns/friend_get_list', { From_Account: 'alice', To_Account: ['bob'], TagList: ['Tag_SNS_IM_Remark', 'Tag_SNS_IM_Group', 'Tag_SNS_Custom_Color', 'Tag_SNS_Custom_Rank'] });
    expect((got.InfoItem as Array<{ SnsProfileItem: unknown }>)[0]!.SnsProfileItem).toEqual([
      { Tag: 'Tag_SNS_IM_Remark', Value: 'B' },
      { Tag: 'Tag_SNS_IM_Group', Value: ['x', 'y'] },
      { Tag: 'Tag_SNS_Custom_Color', Value: 'red' },
      { Tag: 'Tag_SNS_Custom_Rank', Value: 3 },
    ]);
    await a.client.social.updateFriend('bob', { groups: ['y'] });
    expect((await a.client.social.getFriendLists()).lists).toEqual([
      { name: 'x', userIds: [] },
      { name: 'y', userIds: ['bob'] },
    ]);
  });

  it('per-item limits: remark 96 bytes, 20 custom fields, value 500 bytes, 32 lists', async () => {
    const s = await withFriends('b1', 'b2', 'b3', 'b4', 'b5');
    await s.n.store.friendLists.createFriendLists(s.n.app.sdkAppId, 'alice', Array.from({ length: 31 }, (_, i) => ({ name: `l${i}`, createdAt: i })));
    const custom = (n: number) => Array.from({ length: n }, (_, i) => ({ Tag: `Tag_SNS_Custom_F${String.fromCharCode(97 + i)}`, Value: 'v' }));
    const r = await s.rest('sns/friend_update', {
      From_Account: 'alice',
      UpdateItem: [
        { To_Account: 'b1', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'r'.repeat(97) }] },
        { To_Account: 'b2', SnsItem: custom(21) },
        { To_Account: 'b3', SnsItem: [{ Tag: 'Tag_SNS_Custom_Big', Value: 'v'.repeat(501) }] },
        { To_Account: 'b4', SnsItem: [{ Tag: 'Tag_SNS_IM_Group', Value: ['n1', 'n2'] }] },
        { To_Account: 'b5', SnsItem: [...custom(20), { Tag: 'Tag_SNS_IM_Group', Value: ['l0'] }] },
      ],
    });
    expect(resultCodes(r)).toEqual({ b1: 30001, b2: 30001, b3: 30001, b4: 30011, b5: 0 });
  });

  it.each([
    ['UpdateItem missing', { From_Account: 'alice' }],
    ['SnsItem not an array', { From_Account: 'alice', UpdateItem: [{ To_Account: 'bob', SnsItem: {} }] }],
    ['SnsItem empty', { From_Account: 'alice', UpdateItem: [{ To_Account: 'bob', SnsItem: [] }] }],
    ['AddSource is read-only', { From_Account: 'alice', UpdateItem: [{ To_Account: 'bob', SnsItem: [{ Tag: 'Tag_SNS_IM_AddSource', Value: 'AddSource_Type_X' }] }] }],
    ['unknown tag', { From_Account: 'alice', UpdateItem: [{ To_Account: 'bob', SnsItem: [{ Tag: 'Tag_Whatever', Value: 1 }] }] }],
    ['remark a number', { From_Account: 'alice', UpdateItem: [{ To_Account: 'bob', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 1 }] }] }],
    ['group not a list of strings', { From_Account: 'alice', UpdateItem: [{ To_Account: 'bob', SnsItem: [{ Tag: 'Tag_SNS_IM_Group', Value: 'x' }] }] }],
  ])('%s -> 30001 for the whole call', async (_n, body) => {
    const s = await withFriends('bob');
    expect(await s.rest('sns/friend_update', body)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 30001 });
  });
});

describe('friend_import', () => {
  it('writes one-way rows as given, without requests or callbacks', async () => {
    s = await startSocialNode();
    await s.accounts('alice', 'bob', 'carol');
    await s.allow('bob', 'DenyAny');
    const r = await s.rest('sns/friend_import', {
      From_Account: 'alice',
      AddFriendItem: [
        { To_Account: 'bob', AddSource: 'AddSource_Type_Old', Remark: 'B', RemarkTime: 1600000000, GroupName: ['old'], AddWording: 'w', AddTime: 1500000000, CustomItem: [{ Tag: 'Tag_SNS_Custom_X', Value: 'y' }] },
        { To_Account: 'ghost', AddSource: 'AddSource_Type_Old' },
        { To_Account: 'carol', AddSource: 'bad' },
      ],
    });
    expect(resultCodes(r)).toEqual({ bob: 0, ghost: 30003, carol: 30001 });
    expect(await s.relation('alice', 'bob')).toBe('AWithB');
    const got = await s.rest('sns/friend_get', { From_Account: 'alice', StartIndex: 0 });
    expect(got.UserDataItem).toEqual([
      {
        To_Account: 'bob',
        ValueItem: [
          { Tag: 'Tag_SNS_IM_Group', Value: ['old'] },
          { Tag: 'Tag_SNS_IM_Remark', Value: 'B' },
          { Tag: 'Tag_SNS_IM_AddSource', Value: 'AddSource_Type_Old' },
          { Tag: 'Tag_SNS_IM_AddWording', Value: 'w' },
          { Tag: 'Tag_SNS_IM_AddTime', Value: 1500000000 },
          { Tag: 'Tag_SNS_IM_RemarkTime', Value: 1600000000 },
          { Tag: 'Tag_SNS_Custom_X', Value: 'y' },
        ],
      },
    ]);
    expect(resultCodes(await s.rest('sns/friend_import', { From_Account: 'alice', AddFriendItem: addItems('bob') }))).toEqual({ bob: 30001 });
    expect(s.n.webhooks.calls.filter((c) => c.command.startsWith('Sns.'))).toEqual([]);
  });

  it('bad field types fail the whole call', async () => {
    s = await startSocialNode();
    await s.accounts('alice', 'bob');
    for (const item of [{ To_Account: 'bob', AddSource: 'AddSource_Type_X', GroupName: 'g' }, { To_Account: 'bob', AddSource: 'AddSource_Type_X', AddTime: 'now' }, { To_Account: 'bob', AddSource: 'AddSource_Type_X', CustomItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'x' }] }]) {
      expect(await s.rest('sns/friend_import', { From_Account: 'alice', AddFriendItem: [item] })).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 30001 });
    }
  });
});
