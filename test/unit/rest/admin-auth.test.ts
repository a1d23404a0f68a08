// Admin authentication of REST calls (spec §1.1, §1.3, §4), through gateway.handle with sigs
// from the official tls-sig-api-v2 package. Each failure is answered with its code and the
// gateway goes on serving good calls.
import { describe, expect, it } from 'vitest';
import { signUserSig } from '../../../src/auth/usersig.js';
import { nowSeconds } from '../../../src/lib/clock.js';
import {
  ADMIN,
  APP_ID,
  APP_KEY,
  DAY,
  OTHER_APP_ID,
  OTHER_APP_KEY,
  adminQuery,
  expectOk,
  makeFixture,
  officialSig,
  testApp,
} from './rest-fixture.js';

const CHECK = 'im_open_login_svc/account_check';
const body = { CheckItem: [{ UserID: 'nobody' }] };

function query(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

describe('REST admin authentication', () => {
  const cases: Array<[string, () => string, number, RegExp]> = [
    ['no query at all', () => '', 60012, /sdkappid/],
    ['sdkappid missing', () => query({ identifier: ADMIN, usersig: officialSig(APP_ID, APP_KEY, ADMIN) }), 60012, /sdkappid/],
    ['sdkappid empty', () => adminQuery({ sdkAppId: '' }), 60012, /sdkappid/],
    ['sdkappid spelled with other case', () => adminQuery().replace('sdkappid=', 'SdkAppId='), 60012, /sdkappid/],
    ['sdkappid not numeric', () => adminQuery({ sdkAppId: 'abc' }), 60006, /abc/],
    ['sdkappid negative', () => adminQuery({ sdkAppId: '-1400000001' }), 60006, /invalid sdkappid/],
    ['sdkappid fractional', () => adminQuery({ sdkAppId: '1400000001.5' }), 60006, /invalid sdkappid/],
    ['sdkappid zero', () => adminQuery({ sdkAppId: '0' }), 60006, /invalid sdkappid/],
    ['sdkappid above uint32', () => adminQuery({ sdkAppId: '99999999999' }), 60006, /invalid sdkappid/],
    ['sdkappid of no app', () => adminQuery({ sdkAppId: 1400009999 }), 70020, /1400009999/],
    ['identifier missing', () => query({ sdkappid: String(APP_ID), usersig: officialSig(APP_ID, APP_KEY, ADMIN) }), 60004, /identifier/],
    ['usersig missing', () => query({ sdkappid: String(APP_ID), identifier: ADMIN }), 70002, /empty/],
    ['usersig garbage', () => adminQuery({ sig: 'this-is-not-a-sig' }), 70003, /decoded/],
    ['usersig truncated', () => adminQuery({ sig: officialSig(APP_ID, APP_KEY, ADMIN).slice(0, 40) }), 70003, /decoded/],
    ['usersig signed with the wrong key', () => adminQuery({ sig: officialSig(APP_ID, OTHER_APP_KEY, ADMIN) }), 70009, /verification failed/],
    ['usersig of another identifier', () => adminQuery({ sig: officialSig(APP_ID, APP_KEY, 'bob') }), 70013, /identifier/],
    ['usersig of another app', () => adminQuery({ sig: officialSig(OTHER_APP_ID, OTHER_APP_KEY, ADMIN) }), 70014, /sdkappid/],
    ['valid sig of a user who is not admin', () => adminQuery({ identifier: 'bob', sig: officialSig(APP_ID, APP_KEY, 'bob') }), 60010, /not an administrator/],
  ];

  it.each(cases)('%s -> %i, then keeps serving', async (_name, q, code, info) => {
    const f = makeFixture({ apps: [testApp(), testApp({ sdkAppId: OTHER_APP_ID, secretKey: OTHER_APP_KEY })] });
    const r = await f.call(CHECK, body, { query: q() });
    expect(r).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
    expect(String(r.ErrorInfo)).toMatch(info);
    expectOk(await f.call(CHECK, body));
  });

  it('refuses an expired sig with 70001 and accepts a fresh one', async () => {
    const f = makeFixture();
    const shortLived = officialSig(APP_ID, APP_KEY, ADMIN, 1);
    expectOk(await f.call(CHECK, body, { sig: shortLived }));
    f.clock.advance(5_000);
    expect(await f.call(CHECK, body, { sig: shortLived })).toMatchObject({ ErrorCode: 70001, ErrorInfo: 'UserSig expired' });
    expectOk(await f.call(CHECK, body));
  });

  it('accepts any configured admin and keeps apps apart', async () => {
    const f = makeFixture({
      apps: [testApp({ admins: [ADMIN, 'ops'] }), testApp({ sdkAppId: OTHER_APP_ID, secretKey: OTHER_APP_KEY })],
    });
    expectOk(await f.call(CHECK, body, { identifier: 'ops', sig: officialSig(APP_ID, APP_KEY, 'ops') }));
    expectOk(await f.call(CHECK, body, { sdkAppId: OTHER_APP_ID, sig: officialSig(OTHER_APP_ID, OTHER_APP_KEY, ADMIN) }));
    // ops is an admin of the first app only.
    const r = await f.call(CHECK, body, { sdkAppId: OTHER_APP_ID, identifier: 'ops', sig: officialSig(OTHER_APP_ID, OTHER_APP_KEY, 'ops') });
    expect(r.ErrorCode).toBe(60010);
  });

  it('accepts the admin sig with random and contenttype absent', async () => {
    const f = makeFixture();
    const q = query({ sdkappid: String(APP_ID), identifier: ADMIN, usersig: officialSig(APP_ID, APP_KEY, ADMIN) });
    expectOk(await f.call(CHECK, body, { query: q }));
  });

  it('refuses the sig of a kicked admin with 70052 while a sig issued after the kick works', async () => {
    const f = makeFixture();
    const oldSig = officialSig(APP_ID, APP_KEY, ADMIN);
    expectOk(await f.call('im_open_login_svc/account_import', { UserID: ADMIN }, { sig: oldSig }));
    f.clock.advance(2_000); // the kick mark is in whole seconds: move past the old sig's second
    expectOk(await f.call('im_open_login_svc/kick', { UserID: ADMIN }, { sig: oldSig }));
    const r = await f.call(CHECK, body, { sig: oldSig });
    expect(r).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 70052 });
    expect(String(r.ErrorInfo)).toMatch(/kick/);
    const fresh = signUserSig(APP_ID, APP_KEY, ADMIN, DAY, nowSeconds(f.clock));
    expectOk(await f.call(CHECK, body, { sig: fresh }));
  });

  it('does not consult the store for an admin name the store could not hold', async () => {
    const longAdmin = 'a'.repeat(40);
    const f = makeFixture({ apps: [testApp({ admins: [longAdmin] })] });
    expectOk(await f.call(CHECK, body, { identifier: longAdmin, sig: officialSig(APP_ID, APP_KEY, longAdmin) }));
  });
});
