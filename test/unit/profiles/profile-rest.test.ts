// portrait_set / portrait_get (spec §2.1 #18-19) through the REST gateway: every standard tag with
// its type, declared custom fields, defaults, Nick/Image shared with account_import, the
// Profile.CallbackPortraitSet webhook, and each bad input with its 40xxx code.
import { afterEach, describe, expect, it } from 'vitest';
import { startSocialNode, webhookBodies, type SocialNode } from '../relationships/social-fixture.js';

let s: SocialNode | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

async function start(): Promise<SocialNode> {
  s = await startSocialNode();
  await s.accounts('alice', 'bob');
  return s;
}

const set = (s: SocialNode, from: string, items: Record<string, unknown>) =>
  s.rest('profile/portrait_set', { From_Account: from, ProfileItem: Object.entries(items).map(([Tag, Value]) => ({ Tag, Value })) });

const get = async (s: SocialNode, ids: string[], tags: string[]) => s.rest('profile/portrait_get', { To_Account: ids, TagList: tags });

const EVERY_TAG = {
  Tag_Profile_IM_Nick: 'Alice',
  Tag_Profile_IM_Gender: 'Gender_Type_Female',
  Tag_Profile_IM_BirthDay: 19940410,
  Tag_Profile_IM_Location: 'Shenzhen',
  Tag_Profile_IM_SelfSignature: '日々是好日',
  Tag_Profile_IM_AllowType: 'AllowType_Type_AllowAny',
  Tag_Profile_IM_Language: 2,
  Tag_Profile_IM_Image: 'https://img.example/a.png',
  Tag_Profile_IM_MsgSettings: 1,
  Tag_Profile_IM_AdminForbidType: 'AdminForbid_Type_SendOut',
  Tag_Profile_IM_Level: 7,
  Tag_Profile_IM_Role: 4294967295,
  Tag_Profile_Custom_Hobby: 'chess',
  Tag_Profile_Custom_Score: 42,
  Tag_Profile_Custom_Secret: 's3cret',
};

describe('portrait_set and portrait_get', () => {
  it('stores every standard tag and declared custom field; the admin reads them back in TagList order', async () => {
    const s = await start();
    expect(await set(s, 'alice', EVERY_TAG)).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '' });
    const tags = Object.keys(EVERY_TAG).reverse();
    const r = await get(s, ['alice'], tags);
    expect(r).toMatchObject({ ActionStatus: 'OK', ErrorDisplay: '' });
    expect(r.UserProfileItem).toEqual([{ To_Account: 'alice', ProfileItem: tags.map((Tag) => ({ Tag, Value: EVERY_TAG[Tag as keyof typeof EVERY_TAG] })), ResultCode: 0, ResultInfo: '' }]);
    expect(r.Fail_Account).toBeUndefined();
  });

  it('tags never set read as their defaults; unknown accounts fail alone (40003)', async () => {
    const s = await start();
    const r = await get(s, ['bob', 'ghost'], ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Gender', 'Tag_Profile_IM_AllowType', 'Tag_Profile_IM_Level', 'Tag_Profile_IM_AdminForbidType', 'Tag_Profile_Custom_Hobby', 'Tag_Profile_Custom_Score']);
    expect(r.UserProfileItem).toEqual([
      {
        To_Account: 'bob',
        ProfileItem: [
          { Tag: 'Tag_Profile_IM_Nick', Value: '' },
          { Tag: 'Tag_Profile_IM_Gender', Value: 'Gender_Type_Unknown' },
          { Tag: 'Tag_Profile_IM_AllowType', Value: 'AllowType_Type_NeedConfirm' },
          { Tag: 'Tag_Profile_IM_Level', Value: 0 },
          { Tag: 'Tag_Profile_IM_AdminForbidType', Value: 'AdminForbid_Type_None' },
          { Tag: 'Tag_Profile_Custom_Hobby', Value: '' },
          { Tag: 'Tag_Profile_Custom_Score', Value: 0 },
        ],
        ResultCode: 0,
        ResultInfo: '',
      },
      { To_Account: 'ghost', ProfileItem: [], ResultCode: 40003, ResultInfo: 'account does not exist' },
    ]);
    expect(r.Fail_Account).toEqual(['ghost']);
  });

  it('Nick and Image are the account Nick/FaceUrl: account_import and portrait_set agree', async () => {
    const s = await start();
    await s.rest('im_open_login_svc/account_import', { UserID: 'carol', Nick: 'Caro', FaceUrl: 'https://f/c.png' });
    expect((await get(s, ['carol'], ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Image'])).UserProfileItem).toMatchObject([
      { ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'Caro' }, { Tag: 'Tag_Profile_IM_Image', Value: 'https://f/c.png' }] },
    ]);
    await set(s, 'carol', { Tag_Profile_IM_Nick: 'Carol' });
    await s.rest('im_open_login_svc/account_import', { UserID: 'carol', FaceUrl: 'https://f/new.png' });
    expect((await get(s, ['carol'], ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Image'])).UserProfileItem).toMatchObject([
      { ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'Carol' }, { Tag: 'Tag_Profile_IM_Image', Value: 'https://f/new.png' }] },
    ]);
  });

  it('fires Profile.CallbackPortraitSet with the operator and the items set', async () => {
    const s = await start();
    await set(s, 'alice', { Tag_Profile_IM_Nick: 'A', Tag_Profile_IM_Level: 3 });
    await expect.poll(() => webhookBodies(s, 'Profile.CallbackPortraitSet')).toEqual([
      {
        CallbackCommand: 'Profile.CallbackPortraitSet',
        Operator_Account: 'administrator',
        From_Account: 'alice',
        ProfileItem: [
          { Tag: 'Tag_Profile_IM_Nick', Value: 'A' },
          { Tag: 'Tag_Profile_IM_Level', Value: 3 },
        ],
      },
    ]);
  });
});

describe('bad input', () => {
  const setCases: Array<[string, Record<string, unknown>, number]> = [
    ['an unknown standard tag', { Tag_Profile_IM_Shoe: 'x' }, 40009],
    ['an undeclared custom field', { Tag_Profile_Custom_Nope: 'x' }, 40009],
    ['a tag of no family', { Nick: 'x' }, 40009],
    ['a number for Nick', { Tag_Profile_IM_Nick: 5 }, 40610],
    ['a string for BirthDay', { Tag_Profile_IM_BirthDay: '19940410' }, 40610],
    ['a number for Gender', { Tag_Profile_IM_Gender: 1 }, 40610],
    ['a string for an integer custom field', { Tag_Profile_Custom_Score: '42' }, 40610],
    ['a number for a string custom field', { Tag_Profile_Custom_Hobby: 42 }, 40610],
    ['an unknown Gender', { Tag_Profile_IM_Gender: 'Gender_Type_Other' }, 40605],
    ['an unknown AllowType', { Tag_Profile_IM_AllowType: 'AllowType_Type_Maybe' }, 40605],
    ['a negative BirthDay', { Tag_Profile_IM_BirthDay: -1 }, 40605],
    ['a Level above uint32', { Tag_Profile_IM_Level: 4294967296 }, 40605],
    ['a fractional custom integer', { Tag_Profile_Custom_Score: 1.5 }, 40605],
    ['a Nick of 501 bytes', { Tag_Profile_IM_Nick: 'n'.repeat(501) }, 40601],
    ['a SelfSignature of 501 UTF-8 bytes', { Tag_Profile_IM_SelfSignature: '中'.repeat(167) }, 40601],
    ['a custom value of 501 bytes', { Tag_Profile_Custom_Hobby: 'h'.repeat(501) }, 40601],
  ];
  it.each(setCases)('portrait_set with %s -> %i, and nothing of the call is stored', async (_n, items, code) => {
    const s = await start();
    const r = await set(s, 'alice', { Tag_Profile_IM_Location: 'here', ...items });
    expect(r).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code, ErrorDisplay: '' });
    expect((await get(s, ['alice'], ['Tag_Profile_IM_Location'])).UserProfileItem).toMatchObject([{ ProfileItem: [{ Value: '' }] }]);
  });

  it('accepts values exactly at the limits', async () => {
    const s = await start();
    expect(await set(s, 'alice', { Tag_Profile_IM_Nick: 'n'.repeat(500), Tag_Profile_IM_SelfSignature: '中'.repeat(166), Tag_Profile_IM_Level: 0 })).toMatchObject({ ErrorCode: 0 });
  });

  const shapeCases: Array<[string, string, unknown, number]> = [
    ['portrait_set from an unknown account', 'portrait_set', { From_Account: 'ghost', ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'x' }] }, 40003],
    ['portrait_set without From_Account', 'portrait_set', { ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'x' }] }, 40001],
    ['portrait_set without ProfileItem', 'portrait_set', { From_Account: 'alice' }, 40001],
    ['portrait_set with an empty ProfileItem', 'portrait_set', { From_Account: 'alice', ProfileItem: [] }, 40001],
    ['portrait_set with an item without Value', 'portrait_set', { From_Account: 'alice', ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick' }] }, 40001],
    ['portrait_set with a numeric Tag', 'portrait_set', { From_Account: 'alice', ProfileItem: [{ Tag: 1, Value: 'x' }] }, 40001],
    ['portrait_get without To_Account', 'portrait_get', { TagList: ['Tag_Profile_IM_Nick'] }, 40002],
    ['portrait_get with an empty To_Account', 'portrait_get', { To_Account: [], TagList: ['Tag_Profile_IM_Nick'] }, 40002],
    ['portrait_get with 101 accounts', 'portrait_get', { To_Account: Array.from({ length: 101 }, (_, i) => `u${i}`), TagList: ['Tag_Profile_IM_Nick'] }, 40002],
    ['portrait_get without TagList', 'portrait_get', { To_Account: ['alice'] }, 40001],
    ['portrait_get with an unknown tag', 'portrait_get', { To_Account: ['alice'], TagList: ['Tag_Profile_IM_Shoe'] }, 40009],
    ['portrait_get with a number account', 'portrait_get', { To_Account: [5], TagList: ['Tag_Profile_IM_Nick'] }, 60015],
  ];
  it.each(shapeCases)('%s -> %i', async (_n, command, body, code) => {
    const s = await start();
    expect(await s.rest(`profile/${command}`, body)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code, ErrorDisplay: '' });
  });
});
