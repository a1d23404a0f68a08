// Friend lists (Tencent's friend "groups", spec §2.1 #29): group_add / group_delete / group_get
// over REST and the FRIEND_LIST_* client ops: create with members, several lists per friend,
// rename, member changes, deletion, CurrentSequence, and every refusal.
import { afterEach, describe, expect, it } from 'vitest';
import { addItems, resultCodes, startSocialNode, type SocialNode } from './social-fixture.js';

let s: SocialNode | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

async function start(): Promise<SocialNode> {
  s = await startSocialNode();
  await s.accounts('alice', 'bob', 'carol', 'dave');
  for (const u of ['bob', 'carol']) await s.allow(u, 'AllowAny');
  await s.rest('sns/friend_add', { From_Account: 'alice', AddFriendItem: addItems('bob', 'carol') });
  return s;
}

describe('group_add / group_get / group_delete', () => {
  it('creates lists with members, reports them with and without friends, deletes them', async () => {
    const s = await start();
    const added = await s.rest('sns/group_add', { From_Account: 'alice', GroupName: ['work', 'golf'], To_Account: ['bob', 'dave'] });
    expect(resultCodes(added)).toEqual({ bob: 0, dave: 30001 });
    expect(added.Fail_Account).toEqual(['dave']);
    expect(added.CurrentSequence).toEqual(expect.any(Number));
    await s.rest('sns/group_add', { From_Account: 'alice', GroupName: ['family'] });
    const got = await s.rest('sns/group_get', { From_Account: 'alice', NeedFriend: 'Need_Friend_Type_Yes' });
    expect(got.ResultItem).toEqual([
      { GroupName: 'work', FriendNumber: 1, To_Account: ['bob'] },
      { GroupName: 'golf', FriendNumber: 1, To_Account: ['bob'] },
      { GroupName: 'family', FriendNumber: 0, To_Account: [] },
    ]);
    expect(got.CurrentSequence).toBeGreaterThan(added.CurrentSequence as number);
    expect((await s.rest('sns/group_get', { From_Account: 'alice', GroupName: ['golf'] })).ResultItem).toEqual([{ GroupName: 'golf', FriendNumber: 1 }]);

    expect(await s.rest('sns/group_delete', { From_Account: 'alice', GroupName: ['work'] })).toMatchObject({ ActionStatus: 'OK', CurrentSequence: expect.any(Number) });
    const friends = await s.rest('sns/friend_get_list', { From_Account: 'alice', To_Account: ['bob'], TagList: ['Tag_SNS_IM_Group'] });
    expect((friends.InfoItem as Array<{ SnsProfileItem: unknown }>)[0]!.SnsProfileItem).toEqual([{ Tag: 'Tag_SNS_IM_Group', Value: ['golf'] }]);
  });

  it('refuses existing or missing names, bad names and a 33rd list', async () => {
    const s = await start();
    await s.rest('sns/group_add', { From_Account: 'alice', GroupName: ['a'] });
    expect(await s.rest('sns/group_add', { From_Account: 'alice', GroupName: ['a'] })).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 30001 });
    expect(await s.rest('sns/group_add', { From_Account: 'alice', GroupName: ['x'.repeat(31)] })).toMatchObject({ ErrorCode: 30001 });
    expect(await s.rest('sns/group_add', { From_Account: 'alice', GroupName: [''] })).toMatchObject({ ErrorCode: 30001 });
    expect(await s.rest('sns/group_add', { From_Account: 'alice', GroupName: [1] })).toMatchObject({ ErrorCode: 30001 });
    expect(await s.rest('sns/group_add', { From_Account: 'alice' })).toMatchObject({ ErrorCode: 30001 });
    expect(await s.rest('sns/group_delete', { From_Account: 'alice', GroupName: ['nope'] })).toMatchObject({ ErrorCode: 30001 });
    expect(await s.rest('sns/group_get', { From_Account: 'alice', NeedFriend: 'yes' })).toMatchObject({ ErrorCode: 30001 });
    expect(await s.rest('sns/group_add', { From_Account: 'alice', GroupName: Array.from({ length: 31 }, (_, i) => `n${i}`) })).toMatchObject({ ActionStatus: 'OK' });
    expect(await s.rest('sns/group_add', { From_Account: 'alice', GroupName: ['one-too-many'] })).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 30011 });
    expect((await s.rest('sns/group_get', { From_Account: 'alice' })).ResultItem).toHaveLength(32);
  });
});

describe('FRIEND_LIST_* from the client', () => {
  it('create, add, remove, rename, delete; every device hears friend_lists_changed', async () => {
    const s = await start();
    const [phone, pc] = [await s.device('alice', 'phone'), await s.device('alice', 'pc')];
    expect((await phone.client.social.createFriendLists(['close'], ['bob'])).results).toEqual([{ userId: 'bob', c: 0, m: '' }]);
    expect((await pc.change((c) => c.kind === 'friend_lists_changed')).data).toMatchObject({ names: ['close'] });
    expect((await phone.client.social.addToFriendList('close', ['carol', 'dave'])).results).toEqual([
      { userId: 'carol', c: 0, m: '' },
      { userId: 'dave', c: 30001, m: 'dave is not your friend' },
    ]);
    await phone.client.social.createFriendLists(['far']);
    await phone.client.social.addToFriendList('far', ['bob']);
    expect((await phone.client.social.getFriendLists()).lists).toEqual([
      { name: 'close', userIds: ['bob', 'carol'] },
      { name: 'far', userIds: ['bob'] },
    ]);
    await phone.client.social.removeFromFriendList('close', ['bob']);
    await phone.client.social.renameFriendList('close', 'closest');
    expect((await pc.client.social.getFriendLists()).lists).toEqual([
      { name: 'closest', userIds: ['carol'] },
      { name: 'far', userIds: ['bob'] },
    ]);
    await expect(phone.client.social.renameFriendList('closest', 'far')).rejects.toMatchObject({ code: 30001 });
    await expect(phone.client.social.renameFriendList('nope', 'x')).rejects.toMatchObject({ code: 30001 });
    await expect(phone.client.social.addToFriendList('nope', ['bob'])).rejects.toMatchObject({ code: 30001 });
    await phone.client.social.deleteFriendLists(['far']);
    expect((await pc.client.social.getFriendLists()).lists).toEqual([{ name: 'closest', userIds: ['carol'] }]);
    expect((await pc.client.social.getFriendsById(['bob'])).results[0]!.friend!.groups).toEqual([]);
  });
});
