// REST frequency limit (spec §2: per SDKAppID and API): 60007 past the rate, counted, refilled by
// the clock, independent per API and per app; and the bucket map stays bounded.
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { RestRateLimiter } from '../../../src/rest/rate-limit.js';
import { FakeClock } from '../../support/fake-clock.js';
import { APP_ID, OTHER_APP_ID, OTHER_APP_KEY, counterValue, expectOk, makeFixture, officialSig, testApp } from './rest-fixture.js';

const CHECK = 'im_open_login_svc/account_check';
const IMPORT = 'im_open_login_svc/account_import';
const body = { CheckItem: [{ UserID: 'x' }] };

describe('REST rate limit', () => {
  it('answers 60007 once the per-second rate is used up, counts it, and refills with time', async () => {
    const f = makeFixture({ apps: [testApp({ restRatePerSec: 3 })] });
    for (let i = 0; i < 3; i++) expectOk(await f.call(CHECK, body));
    const r = await f.call(CHECK, body);
    expect(r).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 60007 });
    expect(String(r.ErrorInfo)).toMatch(/3\/s/);
    expect(await counterValue(f.metrics, 'im_rest_rate_limited_total')).toBe(1);
    f.clock.advance(400); // 1.2 tokens back
    expectOk(await f.call(CHECK, body));
    expect((await f.call(CHECK, body)).ErrorCode).toBe(60007);
    f.clock.advance(1_000);
    for (let i = 0; i < 3; i++) expectOk(await f.call(CHECK, body));
    expect(await counterValue(f.metrics, 'im_rest_rate_limited_total')).toBe(2);
  });

  it('limits each API and each app separately', async () => {
    const f = makeFixture({
      apps: [testApp({ restRatePerSec: 1 }), testApp({ sdkAppId: OTHER_APP_ID, secretKey: OTHER_APP_KEY, restRatePerSec: 1 })],
    });
    expectOk(await f.call(CHECK, body));
    expect((await f.call(CHECK, body)).ErrorCode).toBe(60007);
    expectOk(await f.call(IMPORT, { UserID: 'u1' }));
    expectOk(await f.call(CHECK, body, { sdkAppId: OTHER_APP_ID, sig: officialSig(OTHER_APP_ID, OTHER_APP_KEY, 'administrator') }));
  });

  it('does not spend tokens on calls that fail authentication', async () => {
    const f = makeFixture({ apps: [testApp({ restRatePerSec: 1 })] });
    for (let i = 0; i < 5; i++) expect((await f.call(CHECK, body, { sig: 'garbage' })).ErrorCode).toBe(70003);
    expectOk(await f.call(CHECK, body));
  });

  it('treats restRatePerSec 0 as no limit', async () => {
    const f = makeFixture({ apps: [testApp({ restRatePerSec: 0 })] });
    for (let i = 0; i < 50; i++) expectOk(await f.call(CHECK, body));
  });

  it('keeps at most maxBuckets buckets, evicting the least recently used', () => {
    const clock = new FakeClock();
    const metrics = createMetrics();
    const limiter = new RestRateLimiter(clock, metrics, 2);
    limiter.take(APP_ID, 'a/1', 1);
    limiter.take(APP_ID, 'a/2', 1);
    expect(() => limiter.take(APP_ID, 'a/1', 1)).toThrow(expect.objectContaining({ code: 60007 }));
    limiter.take(APP_ID, 'a/3', 1); // evicts a/2, the least recently touched
    expect(limiter.size).toBe(2);
    expect(() => limiter.take(APP_ID, 'a/1', 1)).toThrow(expect.objectContaining({ code: 60007 }));
    for (let i = 0; i < 100; i++) limiter.take(APP_ID, `b/${i}`, 1);
    expect(limiter.size).toBe(2);
  });
});
