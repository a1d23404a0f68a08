// openconfigsvr setnospeaking / getnospeaking through the REST gateway of an in-process node:
// durations become deadlines (0 lifts, 4294967295 permanent), partial sets keep the other mute,
// the answer is the seconds remaining, and every bad input gets Tencent's code with nothing stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Err } from '../../../src/protocol/error-codes.js';
import { NO_SPEAKING_FOREVER } from '../../../src/store/no-speaking.js';
import { startInprocNode, type InprocNode } from '../../support/inproc-node.js';

let n: InprocNode;
beforeAll(async () => {
  n = await startInprocNode();
  const r = await n.rest('im_open_login_svc/multiaccount_import', { Accounts: ['alice', 'bob', 'carol', 'dave', 'erin'] });
  if (r.ErrorCode !== 0) throw new Error(`import failed: ${JSON.stringify(r)}`);
});
afterAll(async () => {
  await n?.stop();
});

const nowSec = () => Math.floor(Date.now() / 1000);
const set = (body: unknown) => n.rest('openconfigsvr/setnospeaking', body);
const get = (body: unknown) => n.rest('openconfigsvr/getnospeaking', body);
const stored = (userId: string) => n.store.noSpeaking.get(n.app.sdkAppId, userId);

describe('openconfigsvr setnospeaking / getnospeaking', () => {
  it('sets a timed C2C mute and a permanent group mute, and reports the seconds remaining', async () => {
    const before = nowSec();
    const r = await set({ Set_Account: 'alice', C2CmsgNospeakingTime: 3600, GroupmsgNospeakingTime: 4294967295 });
    const after = nowSec();
    expect(r).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    const s = await stored('alice');
    expect(s.c2cUntil).toBeGreaterThanOrEqual(before + 3600);
    expect(s.c2cUntil).toBeLessThanOrEqual(after + 3600);
    expect(s.groupUntil).toBe(NO_SPEAKING_FOREVER);

    const t0 = nowSec();
    const g = await get({ Get_Account: 'alice' });
    const t1 = nowSec();
    expect(g).toMatchObject({ ErrorCode: 0, GroupmsgNospeakingTime: 4294967295 });
    expect(g.C2CmsgNospeakingTime).toBeGreaterThanOrEqual(s.c2cUntil - t1);
    expect(g.C2CmsgNospeakingTime).toBeLessThanOrEqual(s.c2cUntil - t0);
  });

  it('a set with one duration keeps the other; 0 lifts', async () => {
    await set({ Set_Account: 'bob', C2CmsgNospeakingTime: 4294967295, GroupmsgNospeakingTime: 600 });
    expect((await set({ Set_Account: 'bob', GroupmsgNospeakingTime: 0 })).ErrorCode).toBe(0);
    expect(await get({ Get_Account: 'bob' })).toMatchObject({ ErrorCode: 0, C2CmsgNospeakingTime: 4294967295, GroupmsgNospeakingTime: 0 });
    expect((await set({ Set_Account: 'bob', C2CmsgNospeakingTime: 0 })).ErrorCode).toBe(0);
    expect(await get({ Get_Account: 'bob' })).toMatchObject({ ErrorCode: 0, C2CmsgNospeakingTime: 0, GroupmsgNospeakingTime: 0 });
    expect(await n.store.noSpeaking.getMany(n.app.sdkAppId, ['bob'])).toEqual(new Map());
  });

  it('reports 0 for a user never muted and for a mute that is over', async () => {
    expect(await get({ Get_Account: 'carol' })).toMatchObject({ ErrorCode: 0, C2CmsgNospeakingTime: 0, GroupmsgNospeakingTime: 0 });
    await n.store.noSpeaking.set(n.app.sdkAppId, 'carol', { c2cUntil: nowSec() - 5, groupUntil: 1 });
    expect(await get({ Get_Account: 'carol' })).toMatchObject({ ErrorCode: 0, C2CmsgNospeakingTime: 0, GroupmsgNospeakingTime: 0 });
  });

  it('the largest timed duration stays timed (never reads back as permanent)', async () => {
    await set({ Set_Account: 'dave', C2CmsgNospeakingTime: 4294967294 });
    const g = await get({ Get_Account: 'dave' });
    expect(g.C2CmsgNospeakingTime).toBeGreaterThan(4294967200);
    expect(g.C2CmsgNospeakingTime).toBeLessThan(4294967295);
  });

  it('accepts an app admin that was never imported', async () => {
    expect((await set({ Set_Account: 'administrator', C2CmsgNospeakingTime: 60 })).ErrorCode).toBe(0);
    expect((await get({ Get_Account: 'administrator' })).ErrorCode).toBe(0);
  });

  it.each([
    ['no Set_Account', { C2CmsgNospeakingTime: 60 }, Err.NOSPEAKING_ACCOUNT_MISSING],
    ['a numeric Set_Account', { Set_Account: 5, C2CmsgNospeakingTime: 60 }, Err.NOSPEAKING_ACCOUNT_INVALID],
    ['a null Set_Account', { Set_Account: null, C2CmsgNospeakingTime: 60 }, Err.NOSPEAKING_ACCOUNT_INVALID],
    ['an empty Set_Account', { Set_Account: '', C2CmsgNospeakingTime: 60 }, Err.NOSPEAKING_ACCOUNT_INVALID],
    ['a 33-byte Set_Account', { Set_Account: 'x'.repeat(33), C2CmsgNospeakingTime: 60 }, Err.NOSPEAKING_ACCOUNT_INVALID],
    ['a lone surrogate in Set_Account', { Set_Account: '\ud800', C2CmsgNospeakingTime: 60 }, Err.NOSPEAKING_ACCOUNT_INVALID],
    ['an account that was never imported', { Set_Account: 'ghost', C2CmsgNospeakingTime: 60 }, Err.NOSPEAKING_ACCOUNT_INVALID],
    ['no duration', { Set_Account: 'erin' }, Err.NOSPEAKING_NO_TIME],
    ['a negative duration', { Set_Account: 'erin', C2CmsgNospeakingTime: -1 }, Err.INVALID_PARAMS],
    ['a duration past uint32', { Set_Account: 'erin', GroupmsgNospeakingTime: 4294967296 }, Err.INVALID_PARAMS],
    ['a fractional duration', { Set_Account: 'erin', C2CmsgNospeakingTime: 1.5 }, Err.INVALID_PARAMS],
    ['a duration as text', { Set_Account: 'erin', C2CmsgNospeakingTime: '60' }, Err.INVALID_PARAMS],
    ['a null duration', { Set_Account: 'erin', GroupmsgNospeakingTime: null }, Err.INVALID_PARAMS],
    ['one good and one bad duration', { Set_Account: 'erin', C2CmsgNospeakingTime: 60, GroupmsgNospeakingTime: true }, Err.INVALID_PARAMS],
  ])('setnospeaking refuses %s, storing nothing', async (_what, body, code) => {
    const r = await set(body);
    expect(r).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
    expect(r.ErrorInfo).toEqual(expect.any(String));
    expect(await stored('erin')).toEqual({ c2cUntil: 0, groupUntil: 0 });
  });

  it.each([
    ['no Get_Account', {}, Err.NOSPEAKING_ACCOUNT_MISSING],
    ['a numeric Get_Account', { Get_Account: 7 }, Err.NOSPEAKING_ACCOUNT_INVALID],
    ['an empty Get_Account', { Get_Account: '' }, Err.NOSPEAKING_ACCOUNT_INVALID],
    ['an account that was never imported', { Get_Account: 'ghost' }, Err.NOSPEAKING_ACCOUNT_INVALID],
  ])('getnospeaking refuses %s', async (_what, body, code) => {
    expect(await get(body)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
  });

  it('refuses a body that is not an object, like every REST command', async () => {
    expect((await set([])).ErrorCode).toBe(Err.JSON_PARSE);
    expect((await get('x')).ErrorCode).toBe(Err.JSON_PARSE);
  });
});
