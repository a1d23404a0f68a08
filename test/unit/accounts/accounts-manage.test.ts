// account_delete, account_check and kick (spec §2.1 items 3-5) through gateway.handle: per-item
// results, the session-actor messages sent on delete and kick, the kick mark in the store, and
// whole-call errors for wrong types and batch sizes.
import { describe, expect, it } from 'vitest';
import { ImError } from '../../../src/lib/errors.js';
import { sessionAddr } from '../../../src/sessions/session-messages.js';
import { APP_ID, counterValue, expectOk, makeFixture } from '../rest/rest-fixture.js';

const IMPORT = 'im_open_login_svc/account_import';
const MULTI = 'im_open_login_svc/multiaccount_import';
const DELETE = 'im_open_login_svc/account_delete';
const CHECK = 'im_open_login_svc/account_check';
const KICK = 'im_open_login_svc/kick';

const ids = (n: number, prefix = 'u') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('account_delete', () => {
  it('deletes, reports per item, and disconnects only deleted accounts', async () => {
    const f = makeFixture();
    expectOk(await f.call(MULTI, { Accounts: ['a', 'b'] }));
    const r = await f.call(DELETE, { DeleteItem: [{ UserID: 'a' }, { UserID: 'ghost' }, { UserID: 'b' }, { UserID: 'x'.repeat(40) }] });
    expectOk(r);
    expect(r.ResultItem).toEqual([
      { UserID: 'a', ResultCode: 0, ResultInfo: '' },
      { UserID: 'ghost', ResultCode: 70107, ResultInfo: 'account does not exist' },
      { UserID: 'b', ResultCode: 0, ResultInfo: '' },
      { UserID: 'x'.repeat(40), ResultCode: 70107, ResultInfo: 'account does not exist' },
    ]);
    expect(f.actors.told).toEqual([
      { to: sessionAddr(APP_ID, 'a'), msg: { t: 'kickAll', reason: 'deleted' } },
      { to: sessionAddr(APP_ID, 'b'), msg: { t: 'kickAll', reason: 'deleted' } },
    ]);
    expect((await f.store.accounts.getAccounts(APP_ID, ['a', 'b'])).size).toBe(0);
    const again = await f.call(DELETE, { DeleteItem: [{ UserID: 'a' }] });
    expect(again.ResultItem).toEqual([{ UserID: 'a', ResultCode: 70107, ResultInfo: 'account does not exist' }]);
  });

  it('accepts Identifier in items', async () => {
    const f = makeFixture();
    expectOk(await f.call(IMPORT, { UserID: 'a' }));
    expect((await f.call(DELETE, { DeleteItem: [{ Identifier: 'a' }] })).ResultItem).toEqual([{ UserID: 'a', ResultCode: 0, ResultInfo: '' }]);
  });

  const bad: Array<[string, unknown, number]> = [
    ['DeleteItem missing', {}, 70402],
    ['DeleteItem not an array', { DeleteItem: { UserID: 'a' } }, 70402],
    ['DeleteItem empty', { DeleteItem: [] }, 70206],
    ['DeleteItem with 101 items', { DeleteItem: ids(101).map((UserID) => ({ UserID })) }, 70206],
    ['item a string', { DeleteItem: ['a'] }, 70402],
    ['item without UserID', { DeleteItem: [{ Nick: 'a' }] }, 70402],
    ['item UserID a number', { DeleteItem: [{ UserID: 5 }] }, 60015],
  ];
  it.each(bad)('%s -> %i, nothing deleted', async (_n, body, code) => {
    const f = makeFixture();
    expectOk(await f.call(IMPORT, { UserID: 'a' }));
    expect(await f.call(DELETE, body)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
    expect(await f.store.accounts.getAccount(APP_ID, 'a')).toBeDefined();
    expect(f.actors.told).toEqual([]);
  });
});

describe('account_check', () => {
  it('reports Imported / NotImported per item in request order', async () => {
    const f = makeFixture();
    expectOk(await f.call(MULTI, { Accounts: ['a', 'c'] }));
    const r = await f.call(CHECK, { CheckItem: [{ UserID: 'a' }, { UserID: 'b' }, { UserID: 'c' }, { UserID: '' }, { UserID: 'a' }] });
    expect(r.ResultItem).toEqual([
      { UserID: 'a', AccountStatus: 'Imported', ResultCode: 0, ResultInfo: '' },
      { UserID: 'b', AccountStatus: 'NotImported', ResultCode: 0, ResultInfo: '' },
      { UserID: 'c', AccountStatus: 'Imported', ResultCode: 0, ResultInfo: '' },
      { UserID: '', AccountStatus: 'NotImported', ResultCode: 0, ResultInfo: '' },
      { UserID: 'a', AccountStatus: 'Imported', ResultCode: 0, ResultInfo: '' },
    ]);
  });

  it('keeps apps apart', async () => {
    const f = makeFixture();
    await f.store.accounts.importAccount(APP_ID + 1, { userId: 'a', nick: '', faceUrl: '', importedAt: 0 });
    expect((await f.call(CHECK, { CheckItem: [{ UserID: 'a' }] })).ResultItem).toEqual([{ UserID: 'a', AccountStatus: 'NotImported', ResultCode: 0, ResultInfo: '' }]);
  });

  it.each([
    ['CheckItem with 101 items', { CheckItem: ids(101).map((UserID) => ({ UserID })) }, 70206],
    ['CheckItem empty', { CheckItem: [] }, 70206],
    ['item UserID an object', { CheckItem: [{ UserID: {} }] }, 60015],
    ['CheckItem a number', { CheckItem: 3 }, 70402],
  ] as Array<[string, unknown, number]>)('%s -> %i', async (_n, body, code) => {
    const f = makeFixture();
    expect(await f.call(CHECK, body)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
  });
});

describe('kick', () => {
  it('sets the sig floor to now and asks the session actor to disconnect every device', async () => {
    const f = makeFixture();
    expectOk(await f.call(IMPORT, { UserID: 'alice' }));
    f.actors.onAsk = () => 2;
    expectOk(await f.call(KICK, { UserID: 'alice' }));
    expect((await f.store.accounts.getAccount(APP_ID, 'alice'))?.sigFloor).toBe(Math.floor(f.clock.nowMs() / 1000));
    expect(f.actors.asked).toEqual([
      { to: sessionAddr(APP_ID, 'alice'), msg: { t: 'kickAll', reason: 'admin' }, opts: { timeoutMs: f.limits.askTimeoutMs } },
    ]);
    expect(await counterValue(f.metrics, 'im_kicks_total', { reason: 'admin' })).toBe(2);
  });

  it('accepts the legacy Identifier', async () => {
    const f = makeFixture();
    expectOk(await f.call(IMPORT, { UserID: 'alice' }));
    expectOk(await f.call(KICK, { Identifier: 'alice' }));
    expect(f.actors.asked).toHaveLength(1);
  });

  it('answers 70107 for an account that does not exist, without asking any actor', async () => {
    const f = makeFixture();
    expect(await f.call(KICK, { UserID: 'ghost' })).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 70107 });
    expect(await f.call(KICK, { UserID: 'x'.repeat(33) })).toMatchObject({ ErrorCode: 70107 });
    expect(f.actors.asked).toEqual([]);
  });

  it('answers 70169 when the session actor times out, with the floor already set', async () => {
    const f = makeFixture();
    expectOk(await f.call(IMPORT, { UserID: 'alice' }));
    f.actors.onAsk = () => {
      throw new ImError(6012, 'request timed out');
    };
    const r = await f.call(KICK, { UserID: 'alice' });
    expect(r).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 70169 });
    expect(String(r.ErrorInfo)).toMatch(/invalidated.*retry/);
    expect((await f.store.accounts.getAccount(APP_ID, 'alice'))?.sigFloor).toBeGreaterThan(0);
  });

  it('answers 70500 when the session actor fails otherwise', async () => {
    const f = makeFixture();
    expectOk(await f.call(IMPORT, { UserID: 'alice' }));
    f.actors.onAsk = () => {
      throw new ImError(6099, 'overloaded');
    };
    expect((await f.call(KICK, { UserID: 'alice' })).ErrorCode).toBe(70500);
  });

  it.each([
    ['no UserID', {}, 70402],
    ['UserID a number', { UserID: 3 }, 60015],
  ] as Array<[string, unknown, number]>)('%s -> %i', async (_n, body, code) => {
    const f = makeFixture();
    expect((await f.call(KICK, body)).ErrorCode).toBe(code);
  });
});
