// account_import and multiaccount_import (spec §2.1 items 1-2) through gateway.handle: success
// shapes, idempotent re-import, FailAccounts per item, whole-call errors for wrong types and
// batch sizes, and what ends up in the store.
import { describe, expect, it } from 'vitest';
import { APP_ID, expectOk, makeFixture } from '../rest/rest-fixture.js';

const IMPORT = 'im_open_login_svc/account_import';
const MULTI = 'im_open_login_svc/multiaccount_import';

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
