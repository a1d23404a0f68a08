// The gateway pipeline through its public interface: envelope shape, method/path/body errors,
// internal errors, metrics, and that every bad input is answered while the next good call still
// succeeds (invariant 7).
import { describe, expect, it } from 'vitest';
import { ImError } from '../../../src/lib/errors.js';
import type { CommandTable } from '../../../src/rest/context.js';
import { accountsTable } from '../../../src/accounts/rest.js';
import { createMemoryStore } from '../../../src/store/memory/index.js';
import type { RestRequest } from '../../../src/rest/gateway.js';
import { adminQuery, counterValue, expectOk, makeFixture } from './rest-fixture.js';

const enc = (s: string) => new TextEncoder().encode(s);
const CHECK = '/v4/im_open_login_svc/account_check';
const goodCheck = { path: CHECK, body: enc(JSON.stringify({ CheckItem: [{ UserID: 'nobody' }] })) };

describe('REST gateway', () => {
  it('answers success with the envelope first and the API fields after it', async () => {
    const f = makeFixture();
    const r = await f.raw(goodCheck);
    expect(r.status).toBe(200);
    expect(Object.keys(r.json).slice(0, 3)).toEqual(['ActionStatus', 'ErrorCode', 'ErrorInfo']);
    expect(r.json).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
    expect(r.json.ResultItem).toEqual([{ UserID: 'nobody', AccountStatus: 'NotImported', ResultCode: 0, ResultInfo: '' }]);
    expect(r.json).not.toHaveProperty('ErrorDisplay');
  });

  const badRequests: Array<[string, Partial<RestRequest>, number, RegExp]> = [
    ['GET', { method: 'GET' }, 60008, /POST/],
    ['PUT', { method: 'put' }, 60008, /POST/],
    ['empty body', { body: new Uint8Array() }, 60003, /empty.*\{\}/],
    ['whitespace body', { body: enc('   ') }, 60003, /JSON/],
    ['non-JSON body', { body: enc('UserID=bob') }, 60003, /JSON/],
    ['truncated JSON', { body: enc('{"CheckItem": [') }, 60003, /JSON/],
    ['invalid UTF-8', { body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) }, 60003, /UTF-8/],
    ['JSON array body', { body: enc('[{"UserID":"x"}]') }, 60003, /object/],
    ['JSON string body', { body: enc('"hello"') }, 60003, /object/],
    ['JSON null body', { body: enc('null') }, 60003, /object/],
    ['JSON number body', { body: enc('42') }, 60003, /object/],
    ['bodyTooLarge flag', { bodyTooLarge: true }, 93000, /JSON packet too long/],
    ['unknown command', { path: '/v4/im_open_login_svc/no_such_cmd' }, 60009, /no_such_cmd/],
    ['unknown service', { path: '/v4/nope/account_check' }, 60009, /nope/],
    ['wrong version', { path: '/v3/im_open_login_svc/account_check' }, 60009, /v4/],
    ['too many segments', { path: '/v4/im_open_login_svc/account_check/x' }, 60009, /v4/],
    ['prototype command', { path: '/v4/im_open_login_svc/constructor' }, 60009, /constructor/],
    ['prototype service', { path: '/v4/__proto__/toString' }, 60009, /__proto__/],
    ['empty path', { path: '/' }, 60009, /v4/],
  ];

  it.each(badRequests)('%s -> %i with HTTP 200, then keeps serving', async (_name, req, code, info) => {
    const f = makeFixture();
    const r = await f.raw({ ...goodCheck, ...req });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
    expect(String(r.json.ErrorInfo)).toMatch(info);
    expectOk((await f.raw(goodCheck)).json);
  });

  it('checks the body size itself when the HTTP layer did not flag it, and counts it', async () => {
    const f = makeFixture({ limits: { restBodyBytes: 64 } });
    const big = JSON.stringify({ CheckItem: [{ UserID: 'x'.repeat(100) }] });
    const r = await f.raw({ path: CHECK, body: enc(big) });
    expect(r.json).toMatchObject({ ErrorCode: 93000, ErrorInfo: expect.stringContaining('64') });
    await f.raw({ path: CHECK, bodyTooLarge: true });
    expect(await counterValue(f.metrics, 'im_rest_body_too_large_total')).toBe(2);
    expectOk((await f.raw(goodCheck)).json);
  });

  it('turns unexpected exceptions into 70500, logs them, and keeps serving', async () => {
    let boom = true;
    const commands: CommandTable = {
      test_svc: {
        explode: async () => {
          if (boom) throw new TypeError('kaboom');
          return { Fine: true };
        },
        unserializable: async () => ({ Big: 10n }),
      },
    };
    const f = makeFixture({ commands });
    const r = await f.raw({ path: '/v4/test_svc/explode' });
    expect(r.json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 70500, ErrorInfo: 'internal error' });
    expect(f.logs.some((l) => l.includes('kaboom') && l.includes('"level":"error"'))).toBe(true);
    const r2 = await f.raw({ path: '/v4/test_svc/unserializable' });
    expect(r2.json.ErrorCode).toBe(70500);
    boom = false;
    expect((await f.raw({ path: '/v4/test_svc/explode' })).json).toMatchObject({ ErrorCode: 0, Fine: true });
  });

  it('turns a failing store into 70500 on a real command and recovers when it works again', async () => {
    const store = createMemoryStore();
    let broken = false;
    const realGet = store.accounts.getAccounts.bind(store.accounts);
    store.accounts.getAccounts = (...a) => (broken ? Promise.reject(new Error('disk on fire')) : realGet(...a));
    const f = makeFixture({ store });
    broken = true;
    expect((await f.raw(goodCheck)).json.ErrorCode).toBe(70500);
    broken = false;
    expectOk((await f.raw(goodCheck)).json);
  });

  it('passes ImError codes from handlers through and never lets API fields overwrite the envelope', async () => {
    const commands: CommandTable = {
      test_svc: {
        fail: async () => {
          throw new ImError(10010, 'group does not exist');
        },
        sneaky: async () => ({ ActionStatus: 'FAIL', ErrorCode: 1, Extra: 'x' }),
      },
    };
    const f = makeFixture({ commands });
    expect((await f.raw({ path: '/v4/test_svc/fail' })).json).toEqual({ ActionStatus: 'FAIL', ErrorCode: 10010, ErrorInfo: 'group does not exist' });
    expect((await f.raw({ path: '/v4/test_svc/sneaky' })).json).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', Extra: 'x' });
  });

  it('adds ErrorDisplay to sns and profile answers, success and failure', async () => {
    const ok = async () => ({ Data: 1 });
    const fail = async () => {
      throw new ImError(30001, 'bad');
    };
    const f = makeFixture({ commands: { sns: { ok, fail }, profile: { ok }, other: { ok } } });
    expect((await f.raw({ path: '/v4/sns/ok' })).json).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '', Data: 1 });
    expect((await f.raw({ path: '/v4/sns/fail' })).json).toEqual({ ActionStatus: 'FAIL', ErrorCode: 30001, ErrorInfo: 'bad', ErrorDisplay: '' });
    expect((await f.raw({ path: '/v4/profile/ok' })).json.ErrorDisplay).toBe('');
    expect((await f.raw({ path: '/v4/other/ok' })).json).not.toHaveProperty('ErrorDisplay');
  });

  it('accepts the path without a leading slash and serves every command of the accounts table', async () => {
    const f = makeFixture();
    expectOk((await f.raw({ ...goodCheck, path: CHECK.slice(1) })).json);
    expect(Object.keys(accountsTable.im_open_login_svc).sort()).toEqual(
      ['account_check', 'account_delete', 'account_import', 'kick', 'multiaccount_import'],
    );
  });

  it('counts requests by route and code, labelling unknown paths "unknown"', async () => {
    const f = makeFixture();
    await f.raw(goodCheck);
    await f.raw({ ...goodCheck, body: enc('nope') });
    await f.raw({ path: '/v4/attacker/path-123' });
    const count = (labels: Record<string, string>) => counterValue(f.metrics, 'im_rest_requests_total', labels);
    expect(await count({ service: 'im_open_login_svc', command: 'account_check', code: '0' })).toBe(1);
    expect(await count({ service: 'im_open_login_svc', command: 'account_check', code: '60003' })).toBe(1);
    expect(await count({ service: 'unknown', command: 'unknown', code: '60009' })).toBe(1);
    expect(await count({ service: 'attacker' })).toBe(0);
    const latency = await f.metrics.registry.getSingleMetric('im_rest_latency_seconds')!.get();
    const samples = latency.values.filter(
      (v) => (v as { metricName?: string }).metricName === 'im_rest_latency_seconds_count' && v.labels.service === 'im_open_login_svc',
    );
    expect(samples[0]?.value).toBe(2);
  });

  it('serves concurrent calls independently', async () => {
    const f = makeFixture();
    const q = adminQuery();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        f.raw({ path: '/v4/im_open_login_svc/account_import', query: q, body: enc(JSON.stringify(i % 5 === 0 ? 'bad' : { UserID: `u${i}` })) }),
      ),
    );
    expect(results.filter((r) => r.json.ErrorCode === 0)).toHaveLength(40);
    expect(results.filter((r) => r.json.ErrorCode === 60003)).toHaveLength(10);
  });
});
