// all_member_push/im_push end to end on the in-process node: logged-in devices of users with and
// without the tags/attrs receive or do not receive the push; online-only (MsgLifeTime 0, the
// default) versus stored pushes; From_Account as the sender; every bad field refused with its code.
// Absence is proven by order: a later push to everyone reaches each device through the same
// conversation actor, so a device that got it without the earlier push never will get that one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { c2cConvId } from '../../../src/conversations/c2c-messages.js';
import type { C2cMessageInfo } from '../../../src/protocol/c2c-frames.js';
import { Err } from '../../../src/protocol/error-codes.js';
import { eventually } from '../../support/im-user.js';
import { type C2cNode, type Device, startC2cNode, text } from '../conversations/c2c-fixture.js';

let c: C2cNode;
const devices: Record<string, Device> = {};
const USERS = ['ann', 'bob', 'cat', 'dan', 'eve'];
let random = 1000;

beforeAll(async () => {
  c = await startC2cNode();
  await c.accounts(...USERS, 'boss', 'offline');
  for (const u of USERS) devices[u] = await c.device(u);
  const rest = (cmd: string, body: unknown) => c.n.rest(`all_member_push/${cmd}`, body);
  await rest('im_set_attr_name', { AttrNames: { '0': 'sex', '1': 'city' } });
  await rest('im_add_tag', { UserTags: [{ To_Account: 'ann', Tags: ['gold', 'weekly'] }, { To_Account: 'bob', Tags: ['silver', 'weekly'] }] });
  await rest('im_set_attr', { UserAttrs: [{ To_Account: 'cat', Attrs: { sex: 'f', city: 'rome' } }, { To_Account: 'dan', Attrs: { sex: 'm', city: 'rome' } }] });
});
afterAll(async () => {
  await c.stop();
});

/** im_push, retried while the app's 1 s spacing (90024) refuses it; the final status. */
async function push(body: Record<string, unknown>) {
  const r = await eventually('im_push accepted', 5_000, async () => {
    const x = await c.n.rest('all_member_push/im_push', { MsgRandom: ++random, ...body });
    return x.ErrorCode === Err.PUSH_TOO_FREQUENT ? undefined : x;
  });
  expect(r, JSON.stringify(r)).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
  expect(typeof r.TaskId).toBe('string');
  return c.n.pushTasks.finished(r.TaskId as string);
}

const textOf = (m: C2cMessageInfo) => (m.body[0] as { MsgContent: { Text: string } }).MsgContent.Text;
const texts = (d: Device) => d.got.map(textOf);
/** Waits for the push with this text on a user's device. */
const received = (user: string, t: string) => eventually(`${user} gets ${t}`, 5_000, async () => devices[user]!.got.find((m) => textOf(m) === t));

/** How many pushes each device has received so far. */
const mark = (): Record<string, number> => Object.fromEntries(USERS.map((u) => [u, devices[u]!.got.length]));

/** Pushes a marker to everyone and waits until every device got it; each device's texts since `before`. */
async function everyoneSees(marker: string, before: Record<string, number>): Promise<Record<string, string[]>> {
  await push({ MsgBody: text(marker) });
  const out: Record<string, string[]> = {};
  for (const u of USERS) {
    await eventually(`${u} gets ${marker}`, 5_000, async () => (texts(devices[u]!).includes(marker) ? true : undefined));
    out[u] = texts(devices[u]!).slice(before[u]);
  }
  return out;
}

describe('im_push audiences', () => {
  it('TagsOr reaches only users with one of the tags', async () => {
    const before = mark();
    const st = await push({ MsgBody: text('gold or silver'), Condition: { TagsOr: ['gold', 'silver'] } });
    expect(st).toMatchObject({ state: 'done', sent: 2, failed: 0 });
    const seen = await everyoneSees('after tags-or', before);
    expect(seen.ann).toEqual(['gold or silver', 'after tags-or']);
    expect(seen.bob).toEqual(['gold or silver', 'after tags-or']);
    for (const u of ['cat', 'dan', 'eve']) expect(seen[u]).toEqual(['after tags-or']);
  });

  it('TagsAnd needs every tag, combined with TagsOr', async () => {
    const before = mark();
    const st = await push({ MsgBody: text('weekly and gold'), Condition: { TagsAnd: ['weekly'], TagsOr: ['gold', 'platinum'] } });
    expect(st).toMatchObject({ state: 'done', sent: 1 });
    const seen = await everyoneSees('after tags-and', before);
    expect(seen.ann).toEqual(['weekly and gold', 'after tags-and']);
    for (const u of ['bob', 'cat', 'dan', 'eve']) expect(seen[u]).toEqual(['after tags-and']);
  });

  it('AttrsAnd matches every pair, AttrsOr any pair', async () => {
    const before = mark();
    expect(await push({ MsgBody: text('rome women'), Condition: { AttrsAnd: { sex: 'f', city: 'rome' } } })).toMatchObject({ sent: 1 });
    expect(await push({ MsgBody: text('m or f'), Condition: { AttrsOr: { sex: 'm', city: 'paris' } } })).toMatchObject({ sent: 1 });
    const seen = await everyoneSees('after attrs', before);
    expect(seen.cat).toEqual(['rome women', 'after attrs']);
    expect(seen.dan).toEqual(['m or f', 'after attrs']);
    for (const u of ['ann', 'bob', 'eve']) expect(seen[u]).toEqual(['after attrs']);
  });

  it('no Condition reaches every account of the app, the admin sender excluded', async () => {
    const st = await push({ MsgBody: text('all') });
    expect(st).toMatchObject({ state: 'done', sent: USERS.length + 2, failed: 0 });
  });

  it('a condition nobody matches sends nothing', async () => {
    expect(await push({ MsgBody: text('none'), Condition: { TagsAnd: ['nobody-has-this'] } })).toMatchObject({ state: 'done', sent: 0, failed: 0 });
  });
});

describe('im_push storage and sender', () => {
  it('MsgLifeTime 0 (the default) is online only: delivered, never stored', async () => {
    const app = c.n.app.sdkAppId;
    const seqBefore = await c.n.store.messages.maxSeq(app, c2cConvId('administrator', 'offline'));
    await push({ MsgBody: text('online only'), Condition: { TagsOr: ['gold'] } });
    const got = await received('ann', 'online only');
    expect(got.seq).toBe(0);
    await push({ MsgBody: text('online to offline') });
    expect(await c.n.store.messages.maxSeq(app, c2cConvId('administrator', 'offline'))).toBe(seqBefore);
  });

  it('MsgLifeTime > 0 stores the message in each recipient\'s conversation, offline users included', async () => {
    const app = c.n.app.sdkAppId;
    const conv = c2cConvId('administrator', 'offline');
    const seqBefore = await c.n.store.messages.maxSeq(app, conv);
    await push({ MsgBody: text('stored'), MsgLifeTime: 3600 });
    expect(await c.n.store.messages.maxSeq(app, conv)).toBe(seqBefore + 1);
    const page = await c.n.store.messages.range(app, conv, { fromSeq: seqBefore + 1, limit: 1, order: 'asc' });
    expect(page.messages[0]).toMatchObject({ from: 'administrator', to: 'offline' });
    const got = await received('eve', 'stored');
    expect(got.seq).toBeGreaterThan(0);
  });

  it('From_Account sends as that account, which gets no copy', async () => {
    const st = await push({ From_Account: 'boss', MsgBody: text('from boss'), Condition: { TagsOr: ['silver'] } });
    expect(st).toMatchObject({ sent: 1 });
    const got = await received('bob', 'from boss');
    expect(got.from).toBe('boss');
    expect((await push({ From_Account: 'boss', MsgBody: text('all from boss') })).sent).toBe(USERS.length + 2 - 1);
  });
});

describe('im_push bad inputs', () => {
  const cases: Array<[string, Record<string, unknown>, number]> = [
    ['MsgRandom missing', { MsgBody: text('x'), MsgRandom: undefined }, Err.MSG_RANDOM_INVALID],
    ['MsgRandom not an integer', { MsgBody: text('x'), MsgRandom: 'r' }, Err.MSG_RANDOM_INVALID],
    ['MsgBody missing', {}, Err.MSG_BODY_INVALID],
    ['MsgBody not an array', { MsgBody: 'hi' }, Err.MSG_BODY_NOT_ARRAY],
    ['MsgLifeTime over 7 days', { MsgBody: text('x'), MsgLifeTime: 604_801 }, Err.MSG_LIFETIME_RANGE],
    ['MsgLifeTime not an integer', { MsgBody: text('x'), MsgLifeTime: 'long' }, Err.MSG_LIFETIME_NOT_INT],
    ['tags with attrs', { MsgBody: text('x'), Condition: { TagsOr: ['gold'], AttrsAnd: { sex: 'f' } } }, Err.PUSH_TAGS_WITH_ATTRS],
    ['over 10 tags', { MsgBody: text('x'), Condition: { TagsAnd: Array.from({ length: 11 }, (_, i) => `t${i}`) } }, Err.PUSH_TOO_MANY_TAGS],
    ['a tag in both lists', { MsgBody: text('x'), Condition: { TagsAnd: ['gold'], TagsOr: ['gold', 'silver'] } }, Err.PUSH_TAG_DUPLICATE],
    ['an empty tag', { MsgBody: text('x'), Condition: { TagsOr: ['gold', ''] } }, Err.PUSH_TAG_EMPTY],
    ['a tag over 50 bytes', { MsgBody: text('x'), Condition: { TagsOr: ['é'.repeat(26)] } }, Err.PUSH_TAG_TOO_LONG],
    ['an unknown attribute', { MsgBody: text('x'), Condition: { AttrsAnd: { color: 'red' } } }, Err.PUSH_ATTR_INVALID],
    ['an empty condition', { MsgBody: text('x'), Condition: {} }, Err.MSG_JSON_PARSE],
    ['a condition that is not an object', { MsgBody: text('x'), Condition: 'gold' }, Err.MSG_JSON_PARSE],
    ['an unknown From_Account', { MsgBody: text('x'), From_Account: 'ghost' }, Err.MSG_FROM_ACCOUNT_INVALID],
    ['a From_Account that is not a string', { MsgBody: text('x'), From_Account: 7 }, Err.ACCOUNT_TYPE],
    ['a malformed OfflinePushInfo', { MsgBody: text('x'), OfflinePushInfo: { PushFlag: 'yes' } }, Err.MSG_JSON_PARSE],
  ];
  for (const [what, body, code] of cases) {
    it(`${what} -> ${code}`, async () => {
      const r = await c.n.rest('all_member_push/im_push', { MsgRandom: 1, ...body });
      expect(r.ErrorCode, JSON.stringify(r)).toBe(code);
    });
  }

  it('two pushes of one app within 1 s: the second is refused with 90024', async () => {
    await push({ MsgBody: text('first'), Condition: { TagsAnd: ['nobody-has-this'] } });
    const r = await c.n.rest('all_member_push/im_push', { MsgRandom: ++random, MsgBody: text('second'), Condition: { TagsAnd: ['nobody-has-this'] } });
    expect(r.ErrorCode).toBe(Err.PUSH_TOO_FREQUENT);
  });
});
