// friend_check, friend_get (paged) and friend_get_list (spec §2.1 #25-27) over REST, and their
// client counterparts: relations in both modes, StartIndex paging, profile and SNS tags together.
import { afterEach, describe, expect, it } from 'vitest';
import type { FriendRecord } from '../../../src/store/index.js';
import { addItems, startSocialNode, type SocialNode } from './social-fixture.js';

let s: SocialNode | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

async function start(): Promise<SocialNode> {
  s = await startSocialNode();
  await s.accounts('alice', 'bob', 'carol', 'dave');
  for (const u of ['bob', 'carol', 'dave', 'alice']) await s.allow(u, 'AllowAny');
  // alice<->bob both ways, alice->carol only, dave->alice only.
  await s.rest('sns/friend_add', { From_Account: 'alice', AddFriendItem: addItems('bob') });
  await s.rest('sns/friend_add', { From_Account: 'alice', AddFriendItem: addItems('carol'), AddType: 'Add_Type_Single' });
  await s.rest('sns/friend_add', { From_Account: 'dave', AddFriendItem: addItems('alice'), AddType: 'Add_Type_Single' });
  await s.settle('alice', 'bob', 'BothWay');
  return s;
}

describe('friend_check', () => {
  it('CheckResult_Type_Both tells every direction; Single only whether they are in my list', async () => {
    const s = await start();
    const ids = ['bob', 'carol', 'dave', 'ghost', 'bob'];
    const both = await s.rest('sns/friend_check', { From_Account: 'alice', To_Account: ids, CheckType: 'CheckResult_Type_Both' });
    expect(both.InfoItem).toEqual([
      { To_Account: 'bob', Relation: 'CheckResult_Type_BothWay', ResultCode: 0, ResultInfo: '' },
      { To_Account: 'carol', Relation: 'CheckResult_Type_AWithB', ResultCode: 0, ResultInfo: '' },
      { To_Account: 'dave', Relation: 'CheckResult_Type_BWithA', ResultCode: 0, ResultInfo: '' },
      { To_Account: 'ghost', Relation: 'CheckResult_Type_NoRelation', ResultCode: 0, ResultInfo: '' },
      { To_Account: 'bob', Relation: 'CheckResult_Type_BothWay', ResultCode: 0, ResultInfo: '' },
    ]);
    const single = await s.rest('sns/friend_check', { From_Account: 'alice', To_Account: ['bob', 'dave'], CheckType: 'CheckResult_Type_Single' });
    expect((single.InfoItem as Array<{ Relation: string }>).map((i) => i.Relation)).toEqual(['CheckResult_Type_AWithB', 'CheckResult_Type_NoRelation']);
    const a = await s.device('alice');
    expect((await a.client.social.checkFriends(['bob', 'carol', 'dave'])).results).toEqual([
      { userId: 'bob', relation: 'both' },
      { userId: 'carol', relation: 'aWithB' },
      { userId: 'dave', relation: 'bWithA' },
    ]);
  });

  it('answers 1 000 accounts in one call', async () => {
    const s = await start();
    const ids = Array.from({ length: 1000 }, (_, i) => (i === 500 ? 'bob' : `u${i}`));
    const r = await s.rest('sns/friend_check', { From_Account: 'alice', To_Account: ids, CheckType: 'CheckResult_Type_Both' });
    expect((r.InfoItem as unknown[]).length).toBe(1000);
    expect((r.InfoItem as Array<{ Relation: string }>)[500]!.Relation).toBe('CheckResult_Type_BothWay');
  });

  it.each([
    ['CheckType missing', 30001, { From_Account: 'alice', To_Account: ['bob'] }],
    ['CheckType unknown', 30001, { From_Account: 'alice', To_Account: ['bob'], CheckType: 'Both' }],
    ['To_Account over 1000', 30001, { From_Account: 'alice', To_Account: Array.from({ length: 1001 }, (_, i) => `u${i}`), CheckType: 'CheckResult_Type_Both' }],
    ['From_Account not imported', 30003, { From_Account: 'ghost', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' }],
  ])('%s -> %i', async (_n, code, body) => {
    const s = await start();
    expect(await s.rest('sns/friend_check', body)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code, ErrorDisplay: '' });
  });
});

describe('friend_get (paged)', () => {
  it('pages by StartIndex, 100 at a time, in a stable order', async () => {
    const s = await start();
    const rows = Array.from({ length: 248 }, (_, i): FriendRecord => ({ peerId: `f${String(i).padStart(3, '0')}`, remark: '', groups: [], addSource: 'AddSource_Type_S', addWording: '', addTime: 1000, remarkTime: 0, custom: {} }));
    await s.n.store.friends.putFriends(s.n.app.sdkAppId, 'alice', rows);
    const seen: string[] = [];
    let index = 0;
    const flags: number[] = [];
    for (;;) {
      const r = await s.rest('sns/friend_get', { From_Account: 'alice', StartIndex: index, StandardSequence: 0, CustomSequence: 0 });
      expect(r.FriendNum).toBe(250);
      seen.push(...(r.UserDataItem as Array<{ To_Account: string }>).map((u) => u.To_Account));
      flags.push(r.CompleteFlag as number);
      if (r.CompleteFlag === 1) {
        expect(r.NextStartIndex).toBe(0);
        break;
      }
      index = r.NextStartIndex as number;
    }
    expect(flags).toEqual([0, 0, 1]);
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
    const a = await s.device('alice');
    expect((await a.client.social.getAllFriends()).map((f) => f.userId)).toEqual(seen);
  });

  it('StartIndex is required and must be a non-negative integer', async () => {
    const s = await start();
    for (const body of [{ From_Account: 'alice' }, { From_Account: 'alice', StartIndex: -1 }, { From_Account: 'alice', StartIndex: '0' }]) {
      expect(await s.rest('sns/friend_get', body)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 30001 });
    }
  });
});

describe('friend_get_list', () => {
  it('returns profile and SNS tags of each friend in TagList order; a non-friend fails alone', async () => {
    const s = await start();
    await s.rest('profile/portrait_set', { From_Account: 'bob', ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'Bobby' }, { Tag: 'Tag_Profile_Custom_Hobby', Value: 'chess' }] });
    const r = await s.rest('sns/friend_get_list', { From_Account: 'alice', To_Account: ['bob', 'dave'], TagList: ['Tag_Profile_IM_Nick', 'Tag_SNS_IM_Remark', 'Tag_Profile_Custom_Hobby', 'Tag_SNS_IM_AddTime'] });
    expect(r.InfoItem).toEqual([
      {
        To_Account: 'bob',
        SnsProfileItem: [
          { Tag: 'Tag_Profile_IM_Nick', Value: 'Bobby' },
          { Tag: 'Tag_SNS_IM_Remark', Value: '' },
          { Tag: 'Tag_Profile_Custom_Hobby', Value: 'chess' },
          { Tag: 'Tag_SNS_IM_AddTime', Value: expect.any(Number) },
        ],
        ResultCode: 0,
        ResultInfo: '',
      },
      { To_Account: 'dave', SnsProfileItem: [], ResultCode: 30001, ResultInfo: 'dave is not a friend of alice' },
    ]);
    expect(r.Fail_Account).toEqual(['dave']);
  });

  it('an unknown profile tag is 40009, more than 100 accounts 30001', async () => {
    const s = await start();
    expect(await s.rest('sns/friend_get_list', { From_Account: 'alice', To_Account: ['bob'], TagList: ['Tag_Profile_IM_Shoe'] })).toMatchObject({ ErrorCode: 40009 });
    expect(await s.rest('sns/friend_get_list', { From_Account: 'alice', To_Account: Array.from({ length: 101 }, (_, i) => `u${i}`), TagList: ['Tag_SNS_IM_Remark'] })).toMatchObject({ ErrorCode: 30001 });
  });
});
