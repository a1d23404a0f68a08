// The FCM provider against a local OAuth token endpoint + FCM v1 stand-in (fcm-test-server.ts)
// that verifies the service-account assertion, the bearer token and the message JSON: the push
// contract, the message shape, access-token caching and refresh on a fake clock, the retry after
// a revoked token, every error mapping, limits checked before sending, timeouts, configuration.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMetrics, type Metrics } from '../../../src/metrics/metrics.js';
import { FcmProvider, parseServiceAccount, type FcmConfig } from '../../../src/push/fcm.js';
import { GOOGLE_TOKEN_MARGIN_MS } from '../../../src/push/google-token.js';
import type { PushNotification, PushTarget } from '../../../src/push/push-provider.js';
import { newToken, pushContract, type TokenBehaviour } from '../../contract/push.contract.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FcmTestServer, type FcmAnswer } from './fcm-test-server.js';
import { counter, until } from './helpers.js';
import { p8Key, rsaKey } from './test-keys.js';

const PROJECT = 'im-test-project';
const EMAIL = 'push@im-test-project.iam.gserviceaccount.com';
const TIMEOUT_MS = 3_000;
const key = rsaKey();

interface Setup {
  clock: FakeClock;
  metrics: Metrics;
  server: FcmTestServer;
  provider: FcmProvider;
}

async function setup(cfg: Partial<FcmConfig> = {}): Promise<Setup> {
  const clock = new FakeClock();
  const metrics = createMetrics();
  const server = await new FcmTestServer({ projectId: PROJECT, clientEmail: EMAIL, publicKey: key.publicKey, nowSec: () => Math.floor(clock.nowMs() / 1000) }).start();
  const provider = new FcmProvider(
    {
      serviceAccount: { project_id: PROJECT, client_email: EMAIL, private_key: key.privatePem, private_key_id: 'k1', token_uri: server.tokenUri },
      endpoint: server.url,
      timeoutMs: TIMEOUT_MS,
      ...cfg,
    },
    { clock, metrics },
  );
  return { clock, metrics, server, provider };
}

const target = (token = newToken()): PushTarget => ({ platform: 'fcm', token });
const note = (extra: Partial<PushNotification> = {}): PushNotification => ({ body: 'hello', priority: 'high', ...extra });
const fail = (status: number, s: string, errorCode?: string, message?: string): FcmAnswer => ({
  status,
  error: { status: s, ...(errorCode ? { errorCode } : {}), ...(message ? { message } : {}) },
});

const CONTRACT_ANSWERS: Record<TokenBehaviour, FcmAnswer> = {
  'invalid-token': fail(400, 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'The registration token is not a valid FCM registration token'),
  unregistered: fail(404, 'NOT_FOUND', 'UNREGISTERED', 'Requested entity was not found.'),
  unavailable: fail(503, 'UNAVAILABLE', 'UNAVAILABLE', 'The service is currently unavailable.'),
};

pushContract('FCM HTTP v1', async () => {
  const s = await setup();
  const arranged = new Map<string, FcmAnswer>();
  s.server.answer = (r) => arranged.get(r.token) ?? { status: 200 };
  return {
    provider: s.provider,
    target,
    arrange: (token, b) => arranged.set(token, CONTRACT_ANSWERS[b]),
    delivered: () =>
      s.server.sends
        .filter((r) => !arranged.has(r.token))
        .map((r) => {
          const { title, body } = r.message.notification;
          const ext = r.message.data?.ext;
          return { token: r.token, body, ...(title !== undefined ? { title } : {}), ...(ext !== undefined ? { ext } : {}) };
        }),
    violations: () => s.server.violations(),
    dispose: async () => {
      await s.provider.close();
      await s.server.stop();
    },
  };
});

describe('FCM provider', () => {
  let s: Setup;
  beforeEach(async () => {
    s = await setup();
  });
  afterEach(async () => {
    await s.provider.close();
    await s.server.stop();
    expect(s.server.violations()).toEqual([]);
  });

  it('sends the full v1 message', async () => {
    const token = newToken();
    const n = note({
      title: 'alice',
      body: 'see you at 5',
      sound: 'default',
      badge: 2,
      ext: '{"conv":"c2c_alice"}',
      data: { kind: 'c2c', ext: 'must not win' },
      collapseId: 'conv-alice',
      priority: 'normal',
      ttlSec: 600,
      android: { channelId: 'im_messages', image: 'https://cdn/x.png', sound: 'ding' },
    });
    expect(await s.provider.send(target(token), n)).toEqual({ ok: true });
    expect(s.server.sends[0]!.message).toEqual({
      token,
      notification: { title: 'alice', body: 'see you at 5', image: 'https://cdn/x.png' },
      android: {
        priority: 'NORMAL',
        ttl: '600s',
        collapse_key: 'conv-alice',
        notification: { channel_id: 'im_messages', sound: 'ding', image: 'https://cdn/x.png', notification_count: 2 },
      },
      data: { kind: 'c2c', ext: '{"conv":"c2c_alice"}' },
    });
  });

  it('sends a minimal message with high priority and no optional parts', async () => {
    const token = newToken();
    await s.provider.send(target(token), note());
    expect(s.server.sends[0]!.message).toEqual({ token, notification: { body: 'hello' }, android: { priority: 'HIGH' } });
  });

  it('signs the assertion for the service account and caches the access token until shortly before expiry', async () => {
    s.server.expiresIn = 3600;
    await s.provider.send(target(), note());
    await s.provider.send(target(), note());
    expect(s.server.tokensIssued()).toBe(1);
    const iat = Math.floor(s.clock.nowMs() / 1000);
    expect(s.server.assertions[0]).toEqual({ iss: EMAIL, scope: 'https://www.googleapis.com/auth/firebase.messaging', aud: s.server.tokenUri, iat, exp: iat + 3600 });
    s.clock.advance(3600_000 - GOOGLE_TOKEN_MARGIN_MS - 1);
    await s.provider.send(target(), note());
    expect(s.server.tokensIssued()).toBe(1);
    s.clock.advance(1);
    await s.provider.send(target(), note());
    expect(s.server.tokensIssued()).toBe(2);
    expect(s.server.sends.map((r) => r.accessToken)).toEqual(['ya29.test-1', 'ya29.test-1', 'ya29.test-1', 'ya29.test-2']);
    expect(await counter(s.metrics, 'im_push_auth_tokens_total', { provider: 'fcm', result: 'fetched' })).toBe(2);
  });

  it('concurrent first sends share one token fetch', async () => {
    const rs = await Promise.all(Array.from({ length: 10 }, () => s.provider.send(target(), note())));
    expect(rs.every((r) => r.ok)).toBe(true);
    expect(s.server.tokensIssued()).toBe(1);
  });

  it('fetches a new token and retries once when the access token is refused', async () => {
    await s.provider.send(target(), note());
    s.server.revokeAll();
    expect(await s.provider.send(target(), note())).toEqual({ ok: true });
    expect(s.server.tokensIssued()).toBe(2);
    expect(s.server.sends.map((r) => r.accessToken)).toEqual(['ya29.test-1', 'ya29.test-2']);
  });

  it('reports auth when a fresh token is refused too', async () => {
    s.server.answer = () => fail(403, 'PERMISSION_DENIED', undefined, 'Permission denied');
    expect(await s.provider.send(target(), note())).toEqual({ ok: false, reason: 'auth', retryable: false, detail: 'FCM 403 PERMISSION_DENIED: Permission denied' });
    expect(s.server.tokensIssued()).toBe(2);
  });

  it('does not refresh the token for SENDER_ID_MISMATCH, which is about the device token', async () => {
    s.server.answer = () => fail(403, 'PERMISSION_DENIED', 'SENDER_ID_MISMATCH', 'SenderId mismatch');
    expect(await s.provider.send(target(), note())).toMatchObject({ ok: false, reason: 'invalid-token', retryable: false });
    expect(s.server.tokensIssued()).toBe(1);
  });

  it('reports auth when the token endpoint refuses the credentials, unavailable when it is down', async () => {
    s.server.tokenAnswer = () => ({ status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } });
    expect(await s.provider.send(target(), note())).toEqual({ ok: false, reason: 'auth', retryable: false, detail: 'token endpoint 400: invalid_grant: Invalid JWT Signature.' });
    s.server.tokenAnswer = () => ({ status: 503, body: { error: 'unavailable' } });
    expect(await s.provider.send(target(), note())).toMatchObject({ ok: false, reason: 'unavailable', retryable: true });
    s.server.tokenAnswer = () => ({ status: 200, body: { token_type: 'Bearer' } });
    expect(await s.provider.send(target(), note())).toMatchObject({ ok: false, reason: 'unavailable', detail: 'token endpoint answered without access_token/expires_in' });
    expect(await counter(s.metrics, 'im_push_auth_tokens_total', { provider: 'fcm', result: 'failed' })).toBe(3);
    expect(s.server.sends).toEqual([]);
    s.server.tokenAnswer = () => undefined;
    expect(await s.provider.send(target(), note())).toEqual({ ok: true });
  });

  const mappings: Array<[FcmAnswer, string, boolean]> = [
    [fail(404, 'NOT_FOUND', 'UNREGISTERED', 'Requested entity was not found.'), 'unregistered', false],
    [fail(404, 'NOT_FOUND'), 'unregistered', false],
    [fail(400, 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'The registration token is not a valid FCM registration token'), 'invalid-token', false],
    [fail(400, 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'Invalid value at message.android.ttl'), 'bad-request', false],
    [fail(400, 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'Message is too big'), 'payload-too-large', false],
    [fail(403, 'PERMISSION_DENIED', 'SENDER_ID_MISMATCH'), 'invalid-token', false],
    [fail(429, 'RESOURCE_EXHAUSTED', 'QUOTA_EXCEEDED', 'Quota exceeded'), 'rate-limited', true],
    [fail(429, 'RESOURCE_EXHAUSTED'), 'rate-limited', true],
    [fail(503, 'UNAVAILABLE', 'UNAVAILABLE'), 'unavailable', true],
    [fail(500, 'INTERNAL', 'INTERNAL'), 'unavailable', true],
    [fail(401, 'UNAUTHENTICATED', 'THIRD_PARTY_AUTH_ERROR'), 'auth', false],
    [fail(409, 'ABORTED'), 'bad-request', false],
  ];
  it.each(mappings)('maps %j to %s (retryable %s)', async (answer, want, retryable) => {
    s.server.answer = () => answer;
    const r = await s.provider.send(target(), note());
    expect(r).toMatchObject({ ok: false, reason: want, retryable });
    expect(r.ok ? '' : r.detail).toMatch(/^FCM \d{3} /);
    expect(await counter(s.metrics, 'im_push_sends_total', { provider: 'fcm', result: want })).toBe(1);
  });

  it('refuses a payload over 4 KB and a malformed token before sending', async () => {
    expect(await s.provider.send(target(), note({ data: { blob: 'x'.repeat(4100) } }))).toMatchObject({ ok: false, reason: 'payload-too-large', retryable: false });
    expect(await counter(s.metrics, 'im_push_limit_hits_total', { provider: 'fcm', limit: 'payload-size' })).toBe(1);
    expect(await s.provider.send(target('has space'), note())).toMatchObject({ ok: false, reason: 'invalid-token' });
    expect(await s.provider.send(target(''), note())).toMatchObject({ ok: false, reason: 'invalid-token' });
    await expect(s.provider.send({ platform: 'apns', token: 'ab', topic: 't' }, note())).rejects.toThrow(/FCM provider got a apns target/);
    expect(s.server.tokensIssued()).toBe(0);
    expect(s.server.sends).toEqual([]);
  });

  it('times out a send that gets no answer', async () => {
    s.server.answer = () => ({ hang: true });
    const pending = s.provider.send(target(), note());
    await until(() => s.server.sends.length === 1, 'send reached the server');
    s.clock.advance(TIMEOUT_MS);
    expect(await pending).toEqual({ ok: false, reason: 'unavailable', retryable: true, detail: `no answer within ${TIMEOUT_MS} ms` });
    expect(await counter(s.metrics, 'im_push_limit_hits_total', { provider: 'fcm', limit: 'timeout' })).toBe(1);
  });
});

describe('FCM configuration', () => {
  it('parses a service-account file and names what is missing', () => {
    const sa = parseServiceAccount(JSON.stringify({ type: 'service_account', project_id: 'p', client_email: 'e@x', private_key: 'k', token_uri: 'https://t/token' }));
    expect(sa.project_id).toBe('p');
    expect(() => parseServiceAccount('{')).toThrow(/service account is not JSON/);
    expect(() => parseServiceAccount('[]')).toThrow(/project_id is missing/);
    expect(() => parseServiceAccount('null')).toThrow(/must be a JSON object/);
    expect(() => parseServiceAccount(JSON.stringify({ project_id: 'p', private_key: 'k' }))).toThrow(/client_email is missing/);
  });

  it('refuses a key that is not RSA and a bad endpoint', () => {
    const deps = { clock: new FakeClock(), metrics: createMetrics() };
    const sa = { project_id: 'p', client_email: 'e@x', private_key: key.privatePem };
    expect(() => new FcmProvider({ serviceAccount: { ...sa, private_key: p8Key().privatePem } }, deps)).toThrow(/RS256 needs an RSA key, got ec/);
    expect(() => new FcmProvider({ serviceAccount: { ...sa, private_key: 'x' } }, deps)).toThrow(/not a PEM private key/);
    expect(() => new FcmProvider({ serviceAccount: sa, endpoint: 'https://fcm/v1' }, deps)).toThrow(/without a path/);
    expect(() => new FcmProvider({ serviceAccount: sa, tokenUri: 'not a url' }, deps)).toThrow();
  });
});
