// query_online_status and the legacy querystate (spec §2.1 item 6) through gateway.handle, with
// MemoryPresence holding real routes: Status and Detail per device, 70107 in ErrorList for
// accounts that do not exist, and the batch/type errors.
import { describe, expect, it } from 'vitest';
import { MemoryPresence } from '../../../src/presence/memory.js';
import type { Presence, Route } from '../../../src/presence/presence.js';
import type { Platform } from '../../../src/sessions/login-policy.js';
import { APP_ID, expectOk, makeFixture } from '../rest/rest-fixture.js';

const MULTI = 'im_open_login_svc/multiaccount_import';
const ONLINE = 'openim/query_online_status';
const QUERYSTATE = 'openim/querystate';

const ids = (n: number, prefix = 'u') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

const EDGE = 'edge-1';

/** A live socket of userId on the edge, as the edge's login path records it. */
async function connect(presence: Presence, userId: string, platform: Platform, n: number): Promise<Route> {
  const route: Route = { sdkAppId: APP_ID, userId, connId: `c-${userId}-${n}`, edgeId: EDGE, platform, deviceId: `d-${userId}-${n}`, since: 1_000 + n };
  await presence.attach(route);
  return route;
}

describe('query_online_status and querystate', () => {
  async function setup() {
    const f = makeFixture({ presence: (clock) => new MemoryPresence(clock) });
    const { presence } = f;
    expectOk(await f.call(MULTI, { Accounts: ['on', 'push', 'off'] }));
    await presence.edgeAlive(EDGE, 60_000);
    await connect(presence, 'on', 'iPhone', 1);
    await connect(presence, 'on', 'Web', 2);
    const gone = await connect(presence, 'push', 'Android', 1);
    await presence.detach(APP_ID, 'push', gone.connId, { pushOnline: true });
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

  it('answers once per distinct account', async () => {
    const { f } = await setup();
    const r = await f.call(ONLINE, { To_Account: ['on', 'on', 'ghost', 'x'.repeat(40), 'off'] });
    expect(r.QueryResult).toEqual([
      { To_Account: 'on', Status: 'Online' },
      { To_Account: 'off', Status: 'Offline' },
    ]);
    expect(r.ErrorList).toEqual([
      { To_Account: 'ghost', ErrorCode: 70107 },
      { To_Account: 'x'.repeat(40), ErrorCode: 70107 },
    ]);
  });

  it('reports Offline once the edge stops heartbeating, and apps apart', async () => {
    const { f } = await setup();
    f.clock.advance(60_001);
    expect((await f.call(ONLINE, { To_Account: ['on'] })).QueryResult).toEqual([{ To_Account: 'on', Status: 'Offline' }]);
    await f.presence.edgeAlive(EDGE, 60_000);
    await f.presence.attach({ sdkAppId: APP_ID + 1, userId: 'off', connId: 'x', edgeId: EDGE, platform: 'PC', deviceId: 'x', since: 1 });
    expect((await f.call(ONLINE, { To_Account: ['off'] })).QueryResult).toEqual([{ To_Account: 'off', Status: 'Offline' }]);
  });

  it('does not report a deleted account even while its sockets are still attached', async () => {
    const { f } = await setup();
    expectOk(await f.call('im_open_login_svc/account_delete', { DeleteItem: [{ UserID: 'on' }] }));
    expect(await f.call(ONLINE, { To_Account: ['on'] })).toMatchObject({ QueryResult: [], ErrorList: [{ To_Account: 'on', ErrorCode: 70107 }] });
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
