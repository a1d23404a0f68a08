// im_open_login_svc and the online-state queries (spec §2.1 items 1-6) through gateway.handle:
// success shapes, per-item results, whole-call errors for wrong types and batch sizes, the
// session-actor messages sent on delete and kick, and the store effects.
import { describe, expect, it } from 'vitest';
import { ImError } from '../../../src/lib/errors.js';
import type { Presence, Route, UserOnlineState } from '../../../src/presence/presence.js';
import { sessionAddr } from '../../../src/sessions/session-messages.js';
import type { Platform } from '../../../src/sessions/login-policy.js';
import { APP_ID, counterValue, expectOk, makeFixture } from '../rest/rest-fixture.js';

const IMPORT = 'im_open_login_svc/account_import';
const MULTI = 'im_open_login_svc/multiaccount_import';
const DELETE = 'im_open_login_svc/account_delete';
const CHECK = 'im_open_login_svc/account_check';
const KICK = 'im_open_login_svc/kick';
const ONLINE = 'openim/query_online_status';
const QUERYSTATE = 'openim/querystate';

const ids = (n: number, prefix = 'u') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('account_import', () => {
  it('imports with UserID, Nick and FaceUrl', async () => {
    const f = makeFixture();
    expect(await f.call(IMPORT, { UserID: 'alice', Nick: 'Alice', FaceUrl: 'https://x/a.png' })).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
    expect(await f.store.accounts.getAccount(APP_ID, 'alice')).toMatchObject({ userId: 'alice', nick: 'Alice', faceUrl: 'https://x/a.png', importedAt: f.clock.nowMs() });
  });

  it('accepts the legacy Identifier field', async () => {
    const f = makeFixture();
    expectOk(await f.call(IMPORT, { Identifier: 'bob' }));
    expect(await f.store.accounts.getAccount(APP_ID, 'bob')).toMatchObject({ nick: '', faceUrl: '' });
  });

  it('is idempotent and keeps fields that a re-import leaves out', async () => {
    const f = makeFixture();
    expectOk(await f.call(IMPORT, { UserID: 'alice', Nick: 'Alice', FaceUrl: 'f1' }));
    const first = await f.store.accounts.getAccount(APP_ID, 'alice');
    f.clock.advance(10_000);
    expectOk(await f.call(IMPORT, { UserID: 'alice', FaceUrl: 'f2' }));
    expect(await f.store.accounts.getAccount(APP_ID, 'alice')).toMatchObject({ nick: 'Alice', faceUrl: 'f2', importedAt: first!.importedAt });
  });

  it('accepts a UserID of exactly 32 UTF-8 bytes', async () => {
    const f = makeFixture();
    const id = '中'.repeat(10) + 'ab'; // 30 + 2 bytes
    expectOk(await f.call(IMPORT, { UserID: id }));
    expect(await f.store.accounts.getAccount(APP_ID, id)).toBeDefined();
  });

  const bad: Array<[string, unknown, number, RegExp]> = [
    ['no UserID', { Nick: 'x' }, 70402, /UserID or Identifier is required/],
    ['UserID a number', { UserID: 42 }, 60015, /UserID must be a string, got number/],
    ['Identifier an array', { Identifier: ['a'] }, 60015, /Identifier must be a string, got array/],
    ['UserID null', { UserID: null }, 60015, /got null/],
    ['UserID empty', { UserID: '' }, 70402, /empty/],
    ['UserID 33 bytes', { UserID: 'x'.repeat(33) }, 70402, /32 bytes/],
    ['UserID 33 bytes of CJK', { UserID: '中'.repeat(11) }, 70402, /32 bytes/],
    ['UserID lone surrogate', { UserID: 'a\ud800b' }, 70402, /Unicode/],
    ['Nick a number', { UserID: 'a', Nick: 1 }, 70402, /Nick must be a string/],
    ['FaceUrl an object', { UserID: 'a', FaceUrl: {} }, 70402, /FaceUrl must be a string/],
    ['Nick too long', { UserID: 'a', Nick: 'n'.repeat(501) }, 70402, /Nick is longer than 500/],
    ['FaceUrl too long', { UserID: 'a', FaceUrl: 'f'.repeat(501) }, 70402, /FaceUrl is longer than 500/],
  ];
  it.each(bad)('%s -> %i, nothing stored, gateway keeps serving', async (_n, body, code, info) => {
    const f = makeFixture();
    const r = await f.call(IMPORT, body);
    expect(r).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
    expect(String(r.ErrorInfo)).toMatch(info);
    expect((await f.store.accounts.getAccounts(APP_ID, ['a'])).size).toBe(0);
    expectOk(await f.call(IMPORT, { UserID: 'ok' }));
  });

  it('does not take a prototype property for a field', async () => {
    const f = makeFixture();
    expect((await f.call(IMPORT, { Nick: 'x', constructor: 'y' })).ErrorCode).toBe(70402);
  });
});

describe('multiaccount_import', () => {
  it('imports Accounts and reports the ones that cannot be imported in FailAccounts', async () => {
    const f = makeFixture();
    const r = await f.call(MULTI, { Accounts: ['a', 'b', '', 'x'.repeat(33), 'c'] });
    expectOk(r);
    expect(r.FailAccounts).toEqual(['', 'x'.repeat(33)]);
    expect([...(await f.store.accounts.getAccounts(APP_ID, ['a', 'b', 'c'])).keys()].sort()).toEqual(['a', 'b', 'c']);
  });

  it('answers FailAccounts [] when all succeed and keeps the nick of an existing account', async () => {
    const f = makeFixture();
    expectOk(await f.call(IMPORT, { UserID: 'a', Nick: 'Anna' }));
    expect(await f.call(MULTI, { Accounts: ['a', 'b'] })).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', FailAccounts: [] });
    expect((await f.store.accounts.getAccount(APP_ID, 'a'))?.nick).toBe('Anna');
  });

  it('accepts the AccountList variant with Nick and FaceUrl, failing bad items only', async () => {
    const f = makeFixture();
    const r = await f.call(MULTI, {
      AccountList: [{ UserID: 'a', Nick: 'A', FaceUrl: 'fa' }, { Identifier: 'b' }, { UserID: 'c', Nick: 'n'.repeat(501) }],
    });
    expect(r.FailAccounts).toEqual(['c']);
    expect(await f.store.accounts.getAccount(APP_ID, 'a')).toMatchObject({ nick: 'A', faceUrl: 'fa' });
    expect(await f.store.accounts.getAccount(APP_ID, 'b')).toBeDefined();
    expect(await f.store.accounts.getAccount(APP_ID, 'c')).toBeUndefined();
  });

  it('takes exactly 100 accounts', async () => {
    const f = makeFixture();
    expect((await f.call(MULTI, { Accounts: ids(100) })).FailAccounts).toEqual([]);
  });

  it('reports a write that fails in FailAccounts and logs it', async () => {
    const f = makeFixture();
    const real = f.store.accounts.importAccount.bind(f.store.accounts);
    f.store.accounts.importAccount = (app, acc) => (acc.userId === 'b' ? Promise.reject(new Error('write failed')) : real(app, acc));
    expect((await f.call(MULTI, { Accounts: ['a', 'b', 'c'] })).FailAccounts).toEqual(['b']);
    expect(f.logs.some((l) => l.includes('account import failed'))).toBe(true);
  });

  const bad: Array<[string, unknown, number, RegExp]> = [
    ['neither list', {}, 70402, /Accounts or AccountList is required/],
    ['Accounts not an array', { Accounts: 'a' }, 70402, /must be an array/],
    ['Accounts empty', { Accounts: [] }, 70206, /empty/],
    ['Accounts with 101 items', { Accounts: ids(101) }, 70206, /101 items, at most 100/],
    ['Accounts with a number', { Accounts: ['a', 7] }, 60015, /Accounts\[1\] must be a string/],
    ['AccountList item not an object', { AccountList: ['a'] }, 70402, /AccountList\[0\] must be an object/],
    ['AccountList item UserID a number', { AccountList: [{ UserID: 1 }] }, 60015, /UserID must be a string/],
    ['AccountList item Nick a number', { AccountList: [{ UserID: 'a', Nick: 1 }] }, 70402, /Nick must be a string/],
    ['both lists over 100 together', { Accounts: ids(60), AccountList: ids(41, 'v').map((UserID) => ({ UserID })) }, 70206, /101 items together/],
  ];
  it.each(bad)('%s -> %i and nothing imported', async (_n, body, code, info) => {
    const f = makeFixture();
    const r = await f.call(MULTI, body);
    expect(r).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
    expect(String(r.ErrorInfo)).toMatch(info);
    expect((await f.store.accounts.getAccounts(APP_ID, ['a', 'u0', 'v0'])).size).toBe(0);
  });
});

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

/** Presence reporting states set by the test (MemoryPresence is tested by its own contract). */
class TablePresence implements Presence {
  readonly states = new Map<string, UserOnlineState>();
  readonly queried: string[][] = [];
  online(userId: string, devices: Array<[Platform, 'Online' | 'PushOnline']>): void {
    const status = devices.some(([, s]) => s === 'Online') ? 'Online' : 'PushOnline';
    this.states.set(userId, { status, devices: devices.map(([platform, s], i) => ({ platform, deviceId: `d${i}`, status: s })) });
  }
  async onlineState(_app: number, userIds: readonly string[]): Promise<Map<string, UserOnlineState>> {
    this.queried.push([...userIds]);
    return new Map(userIds.map((id) => [id, this.states.get(id) ?? { status: 'Offline', devices: [] }]));
  }
  async attach(_r: Route): Promise<void> {}
  async detach(): Promise<void> {}
  async edgeAlive(): Promise<void> {}
  async routesOf(): Promise<Map<string, Route[]>> {
    return new Map();
  }
  async dropEdge(): Promise<void> {}
  async close(): Promise<void> {}
}

describe('query_online_status and querystate', () => {
  async function setup() {
    const presence = new TablePresence();
    const f = makeFixture({ presence });
    expectOk(await f.call(MULTI, { Accounts: ['on', 'push', 'off'] }));
    presence.online('on', [
      ['iPhone', 'Online'],
      ['Web', 'Online'],
    ]);
    presence.online('push', [['Android', 'PushOnline']]);
    return { f, presence };
  }

  it('reports Status per existing account and 70107 in ErrorList for the others', async () => {
    const { f } = await setup();
    const r = await f.call(ONLINE, { To_Account: ['on', 'ghost', 'push', 'off'] });
    expectOk(r);
    expect(r.QueryResult).toEqual([
      { To_Account: 'on', Status: 'Online' },
      { To_Account: 'push', Status: 'PushOnline' },
      { To_Account: 'off', Status: 'Offline' },
    ]);
    expect(r.ErrorList).toEqual([{ To_Account: 'ghost', ErrorCode: 70107 }]);
  });

  it('adds Detail per device with IsNeedDetail 1', async () => {
    const { f } = await setup();
    const r = await f.call(ONLINE, { To_Account: ['on', 'push', 'off'], IsNeedDetail: 1 });
    expect(r.QueryResult).toEqual([
      { To_Account: 'on', Status: 'Online', Detail: [{ Platform: 'iPhone', Status: 'Online' }, { Platform: 'Web', Status: 'Online' }] },
      { To_Account: 'push', Status: 'PushOnline', Detail: [{ Platform: 'Android', Status: 'PushOnline' }] },
      { To_Account: 'off', Status: 'Offline', Detail: [] },
    ]);
    expect((await f.call(ONLINE, { To_Account: ['on'], IsNeedDetail: 0 })).QueryResult).toEqual([{ To_Account: 'on', Status: 'Online' }]);
  });

  it('asks presence once for the distinct existing accounts', async () => {
    const { f, presence } = await setup();
    const r = await f.call(ONLINE, { To_Account: ['on', 'on', 'ghost', 'x'.repeat(40), 'off'] });
    expect(presence.queried).toEqual([['on', 'off']]);
    expect(r.ErrorList).toEqual([
      { To_Account: 'ghost', ErrorCode: 70107 },
      { To_Account: 'x'.repeat(40), ErrorCode: 70107 },
    ]);
  });

  it('does not call presence when no account exists', async () => {
    const { f, presence } = await setup();
    expect(await f.call(ONLINE, { To_Account: ['ghost'] })).toMatchObject({ QueryResult: [], ErrorList: [{ To_Account: 'ghost', ErrorCode: 70107 }] });
    expect(presence.queried).toEqual([]);
  });

  it('takes 500 accounts', async () => {
    const { f } = await setup();
    const r = await f.call(ONLINE, { To_Account: ids(500) });
    expect(r.ErrorList).toHaveLength(500);
  });

  it('answers the legacy querystate with State', async () => {
    const { f } = await setup();
    const r = await f.call(QUERYSTATE, { To_Account: ['on', 'push', 'off', 'ghost'] });
    expect(r.QueryResult).toEqual([
      { To_Account: 'on', State: 'Online' },
      { To_Account: 'push', State: 'PushOnline' },
      { To_Account: 'off', State: 'Offline' },
    ]);
    expect(r.ErrorList).toEqual([{ To_Account: 'ghost', ErrorCode: 70107 }]);
  });

  const bad: Array<[string, string, unknown, number]> = [
    ['To_Account missing', ONLINE, {}, 70402],
    ['To_Account a string', ONLINE, { To_Account: 'on' }, 70402],
    ['To_Account empty', ONLINE, { To_Account: [] }, 70206],
    ['To_Account 501', ONLINE, { To_Account: ids(501) }, 70206],
    ['To_Account with a number', ONLINE, { To_Account: ['on', 1] }, 60015],
    ['IsNeedDetail a string', ONLINE, { To_Account: ['on'], IsNeedDetail: '1' }, 70402],
    ['IsNeedDetail 2', ONLINE, { To_Account: ['on'], IsNeedDetail: 2 }, 70402],
    ['querystate To_Account 501', QUERYSTATE, { To_Account: ids(501) }, 70206],
    ['querystate with a null', QUERYSTATE, { To_Account: [null] }, 60015],
  ];
  it.each(bad)('%s -> %i', async (_n, api, body, code) => {
    const { f } = await setup();
    expect(await f.call(api, body)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
    expectOk(await f.call(ONLINE, { To_Account: ['on'] }));
  });
});
