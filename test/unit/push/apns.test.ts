// The APNs provider against a local HTTP/2 APNs stand-in (apns-test-server.ts) that verifies the
// provider token and the wire format: the push contract, then headers and payload, token caching
// and refresh on a fake clock, every status mapping, limits checked before sending, timeouts,
// reconnects after GOAWAY or a dropped session, the sandbox endpoint and real TLS.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMetrics, type Metrics } from '../../../src/metrics/metrics.js';
import { APNS_MAX_STREAMS, APNS_TOKEN_REFRESH_MS, ApnsProvider, type ApnsConfig } from '../../../src/push/apns.js';
import type { PushNotification, PushTarget } from '../../../src/push/push-provider.js';
import { pushContract, newToken, type TokenBehaviour } from '../../contract/push.contract.js';
import { FakeClock } from '../../support/fake-clock.js';
import { ApnsTestServer, type ApnsAnswer } from './apns-test-server.js';
import { counter, until } from './helpers.js';
import { p8Key, rsaKey, selfSignedCert } from './test-keys.js';

const KEY_ID = 'ABC123DEFG';
const TEAM_ID = 'DEF123GHIJ';
const TOPIC = 'com.example.im';
const TIMEOUT_MS = 3_000;
const key = p8Key();

interface Setup {
  clock: FakeClock;
  metrics: Metrics;
  server: ApnsTestServer;
  provider: ApnsProvider;
  extra: ApnsTestServer[];
}

async function setup(opts: { tls?: { key: string; cert: string }; cfg?: Partial<ApnsConfig>; sandbox?: boolean } = {}): Promise<Setup> {
  const clock = new FakeClock();
  const metrics = createMetrics();
  const serverOpts = { keyId: KEY_ID, teamId: TEAM_ID, publicKey: key.publicKey, topic: TOPIC, nowSec: () => Math.floor(clock.nowMs() / 1000), ...(opts.tls ? { tls: opts.tls } : {}) };
  const server = await new ApnsTestServer(serverOpts).start();
  const extra = opts.sandbox ? [await new ApnsTestServer(serverOpts).start()] : [];
  const provider = new ApnsProvider(
    { keyId: KEY_ID, teamId: TEAM_ID, privateKeyPem: key.privatePem, endpoint: server.url, sandboxEndpoint: extra[0]?.url ?? server.url, timeoutMs: TIMEOUT_MS, ...opts.cfg },
    { clock, metrics },
  );
  return { clock, metrics, server, provider, extra };
}

const target = (token = newToken(), sandbox = false): PushTarget => ({ platform: 'apns', token, topic: TOPIC, ...(sandbox ? { sandbox } : {}) });
const note = (extra: Partial<PushNotification> = {}): PushNotification => ({ body: 'hello', priority: 'high', ...extra });

const CONTRACT_ANSWERS: Record<TokenBehaviour, ApnsAnswer> = {
  'invalid-token': { status: 400, reason: 'BadDeviceToken' },
  unregistered: { status: 410, reason: 'Unregistered' },
  unavailable: { status: 503, reason: 'ServiceUnavailable' },
};

pushContract('APNs over HTTP/2', async () => {
  const s = await setup();
  const arranged = new Map<string, ApnsAnswer>();
  s.server.answer = (r) => arranged.get(r.token) ?? { status: 200 };
  return {
    provider: s.provider,
    target: (token) => target(token),
    arrange: (token, b) => arranged.set(token, CONTRACT_ANSWERS[b]),
    delivered: () =>
      s.server.requests
        .filter((r) => !arranged.has(r.token))
        .map((r) => {
          const alert = (r.payload.aps as { alert: { title?: string; body: string } }).alert;
          const ext = r.payload.ext as string | undefined;
          return { token: r.token, body: alert.body, ...(alert.title !== undefined ? { title: alert.title } : {}), ...(ext !== undefined ? { ext } : {}) };
        }),
    violations: () => s.server.violations(),
    dispose: async () => {
      await s.provider.close();
      await s.server.stop();
    },
  };
});

describe('APNs provider', () => {
  let s: Setup;
  beforeEach(async () => {
    s = await setup();
  });
  afterEach(async () => {
    await s.provider.close();
    for (const srv of [s.server, ...s.extra]) await srv.stop();
    expect([s.server, ...s.extra].flatMap((x) => x.violations())).toEqual([]);
  });

  it('sends every header and the full payload', async () => {
    const token = newToken();
    const n = note({
      title: 'alice',
      body: 'see you at 5',
      sound: 'default',
      badge: 3,
      ext: '{"conv":"c2c_alice"}',
      data: { kind: 'c2c', aps: 'must not win', ext: 'must not win' },
      collapseId: 'conv-alice',
      priority: 'normal',
      ttlSec: 3600,
      apns: { subtitle: 'work', mutableContent: true, interruptionLevel: 'time-sensitive', sound: 'ding.caf', title: 'Alice' },
    });
    expect(await s.provider.send(target(token), n)).toEqual({ ok: true });
    const [r] = s.server.requests;
    expect(r!.token).toBe(token);
    expect(r!.headers['apns-topic']).toBe(TOPIC);
    expect(r!.headers['apns-push-type']).toBe('alert');
    expect(r!.headers['apns-priority']).toBe('5');
    expect(r!.headers['apns-expiration']).toBe(String(Math.floor(s.clock.nowMs() / 1000) + 3600));
    expect(r!.headers['apns-collapse-id']).toBe('conv-alice');
    expect(r!.payload).toEqual({
      aps: { alert: { title: 'Alice', subtitle: 'work', body: 'see you at 5' }, sound: 'ding.caf', badge: 3, 'mutable-content': 1, 'interruption-level': 'time-sensitive' },
      ext: '{"conv":"c2c_alice"}',
      kind: 'c2c',
    });
  });

  it('sends a minimal notification with priority 10 and no optional headers', async () => {
    await s.provider.send(target(), note({ title: 'bob', sound: 'default' }));
    const [r] = s.server.requests;
    expect(r!.headers['apns-priority']).toBe('10');
    expect(r!.headers['apns-expiration']).toBeUndefined();
    expect(r!.headers['apns-collapse-id']).toBeUndefined();
    expect(r!.payload).toEqual({ aps: { alert: { title: 'bob', body: 'hello' }, sound: 'default' } });
  });

  it('ttl 0 sends apns-expiration 0 (deliver once, do not store)', async () => {
    await s.provider.send(target(), note({ ttlSec: 0 }));
    expect(s.server.requests[0]!.headers['apns-expiration']).toBe('0');
  });

  it('an image turns on mutable-content and travels as the image key', async () => {
    await s.provider.send(target(), note({ apns: { image: 'https://cdn/x.png' } }));
    expect(s.server.requests[0]!.payload).toEqual({ aps: { alert: { body: 'hello' }, 'mutable-content': 1 }, image: 'https://cdn/x.png' });
  });

  it('reuses the provider token, and mints a new one after the refresh interval', async () => {
    await s.provider.send(target(), note());
    s.clock.advance(APNS_TOKEN_REFRESH_MS - 1);
    await s.provider.send(target(), note());
    s.clock.advance(1);
    await s.provider.send(target(), note());
    const [a, b, c] = s.server.requests;
    expect(b!.jwt).toBe(a!.jwt);
    expect(c!.jwt).not.toBe(a!.jwt);
    expect(c!.iat - a!.iat).toBe(APNS_TOKEN_REFRESH_MS / 1000);
    expect(await counter(s.metrics, 'im_push_auth_tokens_total', { provider: 'apns' })).toBe(2);
  });

  it('re-mints once and retries when APNs says ExpiredProviderToken', async () => {
    let calls = 0;
    s.server.answer = () => (++calls === 1 ? { status: 403, reason: 'ExpiredProviderToken' } : { status: 200 });
    expect(await s.provider.send(target(), note())).toEqual({ ok: true });
    expect(s.server.requests).toHaveLength(2);
    expect(s.server.requests[1]!.jwt).not.toBe(s.server.requests[0]!.jwt);
  });

  it('reports auth when a fresh token is refused too', async () => {
    s.server.answer = () => ({ status: 403, reason: 'ExpiredProviderToken' });
    expect(await s.provider.send(target(), note())).toMatchObject({ ok: false, reason: 'auth', retryable: false, detail: 'APNs 403 ExpiredProviderToken' });
    expect(s.server.requests).toHaveLength(2);
  });

  const mappings: Array<[number, string, string, boolean]> = [
    [400, 'BadDeviceToken', 'invalid-token', false],
    [400, 'DeviceTokenNotForTopic', 'invalid-token', false],
    [400, 'BadCollapseId', 'bad-request', false],
    [410, 'Unregistered', 'unregistered', false],
    [410, 'ExpiredToken', 'unregistered', false],
    [403, 'InvalidProviderToken', 'auth', false],
    [403, 'MissingProviderToken', 'auth', false],
    [413, 'PayloadTooLarge', 'payload-too-large', false],
    [429, 'TooManyRequests', 'rate-limited', true],
    [500, 'InternalServerError', 'unavailable', true],
    [503, 'ServiceUnavailable', 'unavailable', true],
    [404, 'BadPath', 'bad-request', false],
    [405, 'MethodNotAllowed', 'bad-request', false],
  ];
  it.each(mappings)('maps %i %s to %s (retryable %s)', async (status, reason, want, retryable) => {
    s.server.answer = () => ({ status, reason });
    const r = await s.provider.send(target(), note());
    expect(r).toEqual({ ok: false, reason: want, retryable, detail: `APNs ${status} ${reason}` });
    expect(await counter(s.metrics, 'im_push_sends_total', { provider: 'apns', result: want })).toBe(1);
  });

  it('refuses a payload over 4 KB before sending', async () => {
    const r = await s.provider.send(target(), note({ body: 'x'.repeat(4100) }));
    expect(r).toMatchObject({ ok: false, reason: 'payload-too-large', retryable: false });
    expect(s.server.requests).toEqual([]);
    expect(await counter(s.metrics, 'im_push_limit_hits_total', { provider: 'apns', limit: 'payload-size' })).toBe(1);
  });

  it('refuses bad targets and collapse ids before sending', async () => {
    expect(await s.provider.send({ platform: 'apns', token: 'not/hex', topic: TOPIC }, note())).toMatchObject({ reason: 'invalid-token', retryable: false });
    expect(await s.provider.send({ platform: 'apns', token: newToken(), topic: '' }, note())).toMatchObject({ reason: 'bad-request' });
    expect(await s.provider.send(target(), note({ collapseId: 'c'.repeat(65) }))).toMatchObject({ reason: 'bad-request', detail: 'collapse id longer than 64 bytes' });
    await expect(s.provider.send({ platform: 'fcm', token: 'x' }, note())).rejects.toThrow(/APNs provider got a fcm target/);
    expect(s.server.requests).toEqual([]);
  });

  it('times out a request that gets no answer', async () => {
    s.server.answer = () => ({ hang: true });
    const pending = s.provider.send(target(), note());
    await until(() => s.server.requests.length === 1, 'request reached the server');
    s.clock.advance(TIMEOUT_MS);
    expect(await pending).toEqual({ ok: false, reason: 'unavailable', retryable: true, detail: `no answer within ${TIMEOUT_MS} ms` });
    expect(await counter(s.metrics, 'im_push_limit_hits_total', { provider: 'apns', limit: 'timeout' })).toBe(1);
    s.server.answer = () => ({ status: 200 });
    expect(await s.provider.send(target(), note())).toEqual({ ok: true });
  });

  it('keeps one session for many sends', async () => {
    for (let i = 0; i < 5; i++) await s.provider.send(target(), note());
    await Promise.all(Array.from({ length: 20 }, () => s.provider.send(target(), note())));
    expect(s.server.sessions).toBe(1);
  });

  it('reconnects after the server ends the session with GOAWAY', async () => {
    s.server.answer = () => ({ status: 200, thenGoaway: true });
    expect(await s.provider.send(target(), note())).toEqual({ ok: true });
    expect(await s.provider.send(target(), note())).toEqual({ ok: true });
    expect(s.server.sessions).toBe(2);
    s.server.answer = () => ({ status: 200 });
    expect(await s.provider.send(target(), note())).toEqual({ ok: true });
    expect(s.server.sessions).toBe(3);
    s.server.goawayAll();
    await until(() => s.server.openSessions() === 0, 'sessions closed');
    expect(await s.provider.send(target(), note())).toEqual({ ok: true });
    expect(s.server.sessions).toBe(4);
  });

  it('answers unavailable when the session drops mid-request, then reconnects', async () => {
    s.server.answer = () => ({ hang: true });
    const pending = s.provider.send(target(), note());
    await until(() => s.server.requests.length === 1, 'request reached the server');
    await s.server.stop();
    const r = await pending;
    expect(r).toMatchObject({ ok: false, reason: 'unavailable', retryable: true });
    s.server = await new ApnsTestServer({ keyId: KEY_ID, teamId: TEAM_ID, publicKey: key.publicKey, topic: TOPIC, nowSec: () => Math.floor(s.clock.nowMs() / 1000) }).start();
    // A refused connection is unavailable too, never a throw.
    expect(await s.provider.send(target(), note())).toMatchObject({ ok: false, reason: 'unavailable', retryable: true });
  });

  it(`keeps at most ${APNS_MAX_STREAMS} requests in flight`, async () => {
    s.server.answer = () => ({ status: 200, delayMs: 20 });
    const rs = await Promise.all(Array.from({ length: APNS_MAX_STREAMS + 50 }, () => s.provider.send(target(), note())));
    expect(rs.every((r) => r.ok)).toBe(true);
    expect(s.server.requests).toHaveLength(APNS_MAX_STREAMS + 50);
    expect(s.server.maxInflight).toBeLessThanOrEqual(APNS_MAX_STREAMS);
    expect(s.server.maxInflight).toBeGreaterThan(1);
  });
});

describe('APNs provider endpoints and configuration', () => {
  it('sends sandbox targets to the sandbox endpoint', async () => {
    const s = await setup({ sandbox: true });
    try {
      await s.provider.send(target(newToken(), true), note({ body: 'dev' }));
      await s.provider.send(target(), note({ body: 'prod' }));
      expect(s.extra[0]!.requests.map((r) => (r.payload.aps as { alert: { body: string } }).alert.body)).toEqual(['dev']);
      expect(s.server.requests.map((r) => (r.payload.aps as { alert: { body: string } }).alert.body)).toEqual(['prod']);
    } finally {
      await s.provider.close();
      await s.server.stop();
      await s.extra[0]!.stop();
    }
  });

  it('speaks TLS to an endpoint whose certificate it trusts, and refuses one it does not', async () => {
    const tls = selfSignedCert();
    const trusted = await setup({ tls, cfg: { ca: tls.cert } });
    const untrusted = await setup({ tls });
    try {
      expect(await trusted.provider.send(target(), note())).toEqual({ ok: true });
      expect(trusted.server.url.startsWith('https://')).toBe(true);
      const r = await untrusted.provider.send(target(), note());
      expect(r).toMatchObject({ ok: false, reason: 'unavailable', retryable: true });
      expect(untrusted.server.requests).toEqual([]);
    } finally {
      for (const x of [trusted, untrusted]) {
        await x.provider.close();
        await x.server.stop();
      }
    }
  });

  it('refuses bad configuration with a clear error', () => {
    const deps = { clock: new FakeClock(), metrics: createMetrics() };
    const base = { keyId: KEY_ID, teamId: TEAM_ID, privateKeyPem: key.privatePem };
    expect(() => new ApnsProvider({ ...base, privateKeyPem: 'nope' }, deps)).toThrow(/APNs private key: not a PEM private key/);
    expect(() => new ApnsProvider({ ...base, privateKeyPem: rsaKey().privatePem }, deps)).toThrow(/ES256 needs an EC key, got rsa/);
    expect(() => new ApnsProvider({ ...base, keyId: '' }, deps)).toThrow(/keyId is required/);
    expect(() => new ApnsProvider({ ...base, teamId: '' }, deps)).toThrow(/teamId is required/);
    expect(() => new ApnsProvider({ ...base, endpoint: 'ftp://x' }, deps)).toThrow(/must be http\(s\)/);
    expect(() => new ApnsProvider({ ...base, endpoint: 'https://x/3/device' }, deps)).toThrow(/without a path/);
  });
});
