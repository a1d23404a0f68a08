// all_member_push attribute and tag commands through the in-process node's REST gateway: names by
// slot, user attrs by name, tags as sets, every answer in Tencent's shape, and bad inputs refused
// with the push API's codes before anything is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Err } from '../../../src/protocol/error-codes.js';
import { startInprocNode, type InprocNode } from '../../support/inproc-node.js';

let n: InprocNode;
beforeAll(async () => {
  n = await startInprocNode();
});
afterAll(async () => {
  await n.stop();
});

const push = (cmd: string, body: unknown) => n.rest(`all_member_push/${cmd}`, body);
const ok = async (cmd: string, body: unknown) => {
  const r = await push(cmd, body);
  expect(r, JSON.stringify(r)).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
  return r;
};
const fails = async (cmd: string, body: unknown, code: number) => {
  const r = await push(cmd, body);
  expect(r.ErrorCode, JSON.stringify(r)).toBe(code);
  expect(r.ActionStatus).toBe('FAIL');
};

describe('attribute names', () => {
  it('set by slot, merged, read back as {"slot": name}', async () => {
    await ok('im_set_attr_name', { AttrNames: { '0': 'sex', '1': 'city' } });
    await ok('im_set_attr_name', { AttrNames: { '2': '会员等级' } });
    expect((await ok('im_get_attr_name', {})).AttrNames).toEqual({ '0': 'sex', '1': 'city', '2': '会员等级' });
  });

  it('refuses bad slots, names and duplicates with 90033, a missing or empty AttrNames with 90001', async () => {
    await fails('im_set_attr_name', { AttrNames: { '10': 'x' } }, Err.PUSH_ATTR_INVALID);
    await fails('im_set_attr_name', { AttrNames: { a: 'x' } }, Err.PUSH_ATTR_INVALID);
    await fails('im_set_attr_name', { AttrNames: { '3': 'x'.repeat(51) } }, Err.PUSH_ATTR_INVALID);
    await fails('im_set_attr_name', { AttrNames: { '3': 7 } }, Err.PUSH_ATTR_INVALID);
    await fails('im_set_attr_name', { AttrNames: { '3': 'sex' } }, Err.PUSH_ATTR_INVALID);
    await fails('im_set_attr_name', { AttrNames: {} }, Err.MSG_JSON_PARSE);
    await fails('im_set_attr_name', {}, Err.MSG_JSON_PARSE);
    await fails('im_set_attr_name', { AttrNames: ['sex'] }, Err.MSG_JSON_PARSE);
    expect((await ok('im_get_attr_name', {})).AttrNames).toEqual({ '0': 'sex', '1': 'city', '2': '会员等级' });
  });
});

describe('user attributes', () => {
  it('set by name, merged, removed by name; get answers every asked account', async () => {
    await ok('im_set_attr', { UserAttrs: [{ To_Account: 'ua', Attrs: { sex: 'f', city: 'paris' } }, { To_Account: 'ub', Attrs: { city: 'rome' } }] });
    await ok('im_set_attr', { UserAttrs: [{ To_Account: 'ua', Attrs: { city: 'nice' } }] });
    expect((await ok('im_get_attr', { To_Account: ['ua', 'ub', 'nobody'] })).UserAttrs).toEqual([
      { To_Account: 'ua', Attrs: { sex: 'f', city: 'nice' } },
      { To_Account: 'ub', Attrs: { city: 'rome' } },
      { To_Account: 'nobody', Attrs: {} },
    ]);
    await ok('im_remove_attr', { UserAttrs: [{ To_Account: 'ua', Attrs: ['sex'] }] });
    expect((await ok('im_get_attr', { To_Account: ['ua'] })).UserAttrs).toEqual([{ To_Account: 'ua', Attrs: { city: 'nice' } }]);
  });

  it('renaming a slot keeps its values', async () => {
    await ok('im_set_attr', { UserAttrs: [{ To_Account: 'uc', Attrs: { 会员等级: 'gold' } }] });
    await ok('im_set_attr_name', { AttrNames: { '2': 'level' } });
    expect((await ok('im_get_attr', { To_Account: ['uc'] })).UserAttrs).toEqual([{ To_Account: 'uc', Attrs: { level: 'gold' } }]);
  });

  it('refuses unknown names and bad values (90033), bad shapes (90001, 60015) and over 100 users (90018), writing nothing', async () => {
    await fails('im_set_attr', { UserAttrs: [{ To_Account: 'ud', Attrs: { sex: 'm' } }, { To_Account: 'ud2', Attrs: { color: 'red' } }] }, Err.PUSH_ATTR_INVALID);
    await fails('im_set_attr', { UserAttrs: [{ To_Account: 'ud', Attrs: { sex: 'x'.repeat(51) } }] }, Err.PUSH_ATTR_INVALID);
    await fails('im_set_attr', { UserAttrs: [{ To_Account: 'ud', Attrs: { sex: 1 } }] }, Err.PUSH_ATTR_INVALID);
    await fails('im_set_attr', { UserAttrs: [{ To_Account: 'ud', Attrs: {} }] }, Err.PUSH_ATTR_INVALID);
    await fails('im_set_attr', { UserAttrs: [{ To_Account: 'ud', Attrs: ['sex'] }] }, Err.MSG_JSON_PARSE);
    await fails('im_set_attr', { UserAttrs: [{ To_Account: 5, Attrs: { sex: 'm' } }] }, Err.ACCOUNT_TYPE);
    await fails('im_set_attr', { UserAttrs: [{ To_Account: 'x'.repeat(33), Attrs: { sex: 'm' } }] }, Err.MSG_JSON_PARSE);
    await fails('im_set_attr', { UserAttrs: [] }, Err.PUSH_TOO_MANY_ACCOUNTS);
    await fails('im_set_attr', { UserAttrs: Array.from({ length: 101 }, (_, i) => ({ To_Account: `u${i}`, Attrs: { sex: 'm' } })) }, Err.PUSH_TOO_MANY_ACCOUNTS);
    await fails('im_set_attr', { UserAttrs: 'ud' }, Err.MSG_JSON_PARSE);
    await fails('im_set_attr', {}, Err.MSG_JSON_PARSE);
    await fails('im_remove_attr', { UserAttrs: [{ To_Account: 'ud', Attrs: ['color'] }] }, Err.PUSH_ATTR_INVALID);
    await fails('im_remove_attr', { UserAttrs: [{ To_Account: 'ud', Attrs: [] }] }, Err.MSG_JSON_PARSE);
    await fails('im_get_attr', { To_Account: 'ud' }, Err.MSG_JSON_PARSE);
    await fails('im_get_attr', { To_Account: Array.from({ length: 101 }, (_, i) => `u${i}`) }, Err.PUSH_TOO_MANY_ACCOUNTS);
    expect((await ok('im_get_attr', { To_Account: ['ud'] })).UserAttrs).toEqual([{ To_Account: 'ud', Attrs: {} }]);
  });
});

describe('user tags', () => {
  it('add as a set, remove some, remove all; get answers every asked account', async () => {
    await ok('im_add_tag', { UserTags: [{ To_Account: 'ta', Tags: ['gold', 'weekly'] }, { To_Account: 'tb', Tags: ['silver'] }] });
    await ok('im_add_tag', { UserTags: [{ To_Account: 'ta', Tags: ['gold', '股票A'] }] });
    expect((await ok('im_get_tag', { To_Account: ['ta', 'tb', 'nobody'] })).UserTags).toEqual([
      { To_Account: 'ta', Tags: ['gold', 'weekly', '股票A'].sort() },
      { To_Account: 'tb', Tags: ['silver'] },
      { To_Account: 'nobody', Tags: [] },
    ]);
    await ok('im_remove_tag', { UserTags: [{ To_Account: 'ta', Tags: ['weekly', 'never'] }] });
    await ok('im_remove_all_tags', { To_Account: ['tb'] });
    expect((await ok('im_get_tag', { To_Account: ['ta', 'tb'] })).UserTags).toEqual([
      { To_Account: 'ta', Tags: ['gold', '股票A'].sort() },
      { To_Account: 'tb', Tags: [] },
    ]);
  });

  it('refuses over 10 tags per item (90032), empty (90040) and long (90020) tags, over 100 tags per user (90032)', async () => {
    await fails('im_add_tag', { UserTags: [{ To_Account: 'tc', Tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }] }, Err.PUSH_TOO_MANY_TAGS);
    await fails('im_add_tag', { UserTags: [{ To_Account: 'tc', Tags: ['ok', ''] }] }, Err.PUSH_TAG_EMPTY);
    await fails('im_add_tag', { UserTags: [{ To_Account: 'tc', Tags: [] }] }, Err.PUSH_TAG_EMPTY);
    await fails('im_add_tag', { UserTags: [{ To_Account: 'tc', Tags: ['x'.repeat(51)] }] }, Err.PUSH_TAG_TOO_LONG);
    await fails('im_add_tag', { UserTags: [{ To_Account: 'tc', Tags: [3] }] }, Err.MSG_JSON_PARSE);
    await fails('im_add_tag', { UserTags: [{ To_Account: 'tc', Tags: 'gold' }] }, Err.MSG_JSON_PARSE);
    await fails('im_add_tag', { UserTags: [{ Tags: ['gold'] }] }, Err.ACCOUNT_TYPE);
    await fails('im_remove_all_tags', { To_Account: [] }, Err.PUSH_TOO_MANY_ACCOUNTS);
    expect((await ok('im_get_tag', { To_Account: ['tc'] })).UserTags).toEqual([{ To_Account: 'tc', Tags: [] }]);
    for (let i = 0; i < 10; i++) await ok('im_add_tag', { UserTags: [{ To_Account: 'td', Tags: Array.from({ length: 10 }, (_, j) => `t${i}-${j}`) }] });
    await fails('im_add_tag', { UserTags: [{ To_Account: 'td', Tags: ['one-more'] }] }, Err.PUSH_TOO_MANY_TAGS);
    await ok('im_add_tag', { UserTags: [{ To_Account: 'td', Tags: ['t0-0'] }] });
    expect(((await ok('im_get_tag', { To_Account: ['td'] })).UserTags as Array<{ Tags: string[] }>)[0]!.Tags).toHaveLength(100);
  });
});
