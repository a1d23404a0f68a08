// Profiles from the client SDK (PROFILE_GET / PROFILE_SET): own and others' profiles, the read
// and write permissions of custom fields and admin-only tags (40007 / 40008), and the
// profile_changed notice on the user's other devices and on their friends' devices.
import { afterEach, describe, expect, it } from 'vitest';
import { addItems, startSocialNode, type SocialNode } from '../relationships/social-fixture.js';

let s: SocialNode | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

async function start(): Promise<SocialNode> {
  s = await startSocialNode({ edges: 2 });
  await s.accounts('alice', 'bob', 'carol');
  return s;
}

describe('PROFILE_SET / PROFILE_GET', () => {
  it('sets my own profile and reads it; others read it too; admin-only fields stay hidden', async () => {
    const s = await start();
    await s.rest('profile/portrait_set', { From_Account: 'alice', ProfileItem: [{ Tag: 'Tag_Profile_Custom_Secret', Value: 'hidden' }, { Tag: 'Tag_Profile_Custom_Score', Value: 9 }] });
    const a = await s.device('alice');
    await a.client.social.setProfile({ Tag_Profile_IM_Nick: 'Al', Tag_Profile_IM_Gender: 'Gender_Type_Female', Tag_Profile_Custom_Hobby: 'go' });
    const mine = (await a.client.social.getProfiles()).results;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ userId: 'alice', c: 0, profile: { Tag_Profile_IM_Nick: 'Al', Tag_Profile_IM_Gender: 'Gender_Type_Female', Tag_Profile_Custom_Hobby: 'go', Tag_Profile_Custom_Score: 9 } });
    expect(mine[0]!.profile).not.toHaveProperty('Tag_Profile_Custom_Secret');
    expect(Object.keys(mine[0]!.profile!)).toHaveLength(12 + 2);

    const b = await s.device('bob');
    expect((await b.client.social.getProfiles(['alice', 'ghost'], ['Tag_Profile_IM_Nick', 'Tag_Profile_Custom_Hobby'])).results).toEqual([
      { userId: 'alice', c: 0, m: '', profile: { Tag_Profile_IM_Nick: 'Al', Tag_Profile_Custom_Hobby: 'go' } },
      { userId: 'ghost', c: 40003, m: 'account does not exist' },
    ]);
  });

  it('refuses with the profile codes', async () => {
    const s = await start();
    const a = await s.device('alice');
    await expect(a.client.social.getProfiles(['bob'], ['Tag_Profile_Custom_Secret'])).rejects.toMatchObject({ code: 40007 });
    await expect(a.client.social.setProfile({ Tag_Profile_Custom_Score: 1 })).rejects.toMatchObject({ code: 40008 });
    await expect(a.client.social.setProfile({ Tag_Profile_IM_AdminForbidType: 'AdminForbid_Type_None' })).rejects.toMatchObject({ code: 40008 });
    await expect(a.client.social.setProfile({ Tag_Profile_IM_Shoe: 'x' })).rejects.toMatchObject({ code: 40009 });
    await expect(a.client.social.getProfiles(undefined, ['Tag_Profile_IM_Shoe'])).rejects.toMatchObject({ code: 40009 });
    await expect(a.client.social.setProfile({ Tag_Profile_IM_Level: 'high' })).rejects.toMatchObject({ code: 40610 });
    await expect(a.client.social.setProfile({ Tag_Profile_IM_AllowType: 'AllowType_Type_Anyone' })).rejects.toMatchObject({ code: 40605 });
    await expect(a.client.social.setProfile({ Tag_Profile_IM_SelfSignature: 's'.repeat(501) })).rejects.toMatchObject({ code: 40601 });
    expect((await a.client.social.getProfiles(undefined, ['Tag_Profile_IM_Level'])).results[0]!.profile).toEqual({ Tag_Profile_IM_Level: 0 });
  });
});

describe('profile_changed notices', () => {
  it('reach my other devices and my friends devices, with the tags others may read', async () => {
    const s = await start();
    await s.allow('bob', 'AllowAny');
    await s.rest('sns/friend_add', { From_Account: 'alice', AddFriendItem: addItems('bob') });
    await s.settle('alice', 'bob', 'BothWay');
    const [phone, pc, bob, carol] = [await s.device('alice', 'phone', 0), await s.device('alice', 'pc', 1), await s.device('bob'), await s.device('carol')];
    await phone.client.social.setProfile({ Tag_Profile_IM_Nick: 'Alicia' });
    expect((await pc.change((c) => c.kind === 'profile_changed')).data).toEqual({ userId: 'alice', tags: ['Tag_Profile_IM_Nick'] });
    expect((await bob.change((c) => c.kind === 'profile_changed')).data).toEqual({ userId: 'alice', tags: ['Tag_Profile_IM_Nick'] });
    expect((await bob.client.social.getProfiles(['alice'], ['Tag_Profile_IM_Nick'])).results[0]!.profile).toEqual({ Tag_Profile_IM_Nick: 'Alicia' });

    // An admin-only field is not announced to friends; the owner's devices still hear of it.
    await s.rest('profile/portrait_set', { From_Account: 'alice', ProfileItem: [{ Tag: 'Tag_Profile_Custom_Secret', Value: 'x' }] });
    await pc.change((c) => c.kind === 'profile_changed' && (c.data as { tags: string[] }).tags.includes('Tag_Profile_Custom_Secret'));
    await phone.client.social.setProfile({ Tag_Profile_IM_Level: 2 });
    await bob.change((c) => c.kind === 'profile_changed' && (c.data as { tags: string[] }).tags.includes('Tag_Profile_IM_Level'));
    expect(bob.changes.filter((c) => c.kind === 'profile_changed').map((c) => (c.data as { tags: string[] }).tags)).toEqual([['Tag_Profile_IM_Nick'], ['Tag_Profile_IM_Level']]);
    expect(carol.changes).toEqual([]);
  });
});
