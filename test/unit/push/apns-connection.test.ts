// The APNs provider's connection behaviour against local HTTP/2 APNs stand-ins: timeouts on the
// injected clock, one session reused, reconnects after GOAWAY or a dropped session, bounded
// streams, the sandbox endpoint, real TLS, and configuration errors.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { APNS_MAX_STREAMS, ApnsProvider } from '../../../src/push/apns.js';
import { newToken } from '../../contract/push.contract.js';
import { FakeClock } from '../../support/fake-clock.js';
import { KEY_ID, TEAM_ID, TIMEOUT_MS, TOPIC, key, note, setup, target, teardown, type Setup } from './apns-setup.js';
import { ApnsTestServer } from './apns-test-server.js';
import { counter, until } from './helpers.js';
import { rsaKey, selfSignedCert } from './test-keys.js';

describe('APNs provider connections', () => {
  let s: Setup;
  beforeEach(async () => {
    s = await setup();
  });
  afterEach(async () => {
    expect(await teardown(s)).toEqual([]);
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
