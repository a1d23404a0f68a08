// The APNs provider against a local HTTP/2 APNs stand-in (apns-test-server.ts) that verifies the
// provider token and the wire format: the push contract, headers and payload, token caching and
// refresh on a fake clock, every status mapping, and the limits checked before sending.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APNS_TOKEN_REFRESH_MS } from '../../../src/push/apns.js';
import { newToken, pushContract, type TokenBehaviour } from '../../contract/push.contract.js';
import { TOPIC, note, setup, target, teardown, type Setup } from './apns-setup.js';
import type { ApnsAnswer } from './apns-test-server.js';
import { counter } from './helpers.js';

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
    expect(await teardown(s)).toEqual([]);
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
});
