// Shared setup for the APNs provider tests: a fake clock, a fresh metrics registry, a local
// APNs stand-in (optionally a second one as sandbox, optionally over TLS) and the provider.
import { createMetrics, type Metrics } from '../../../src/metrics/metrics.js';
import { ApnsProvider, type ApnsConfig } from '../../../src/push/apns.js';
import type { PushNotification, PushTarget } from '../../../src/push/push-provider.js';
import { newToken } from '../../contract/push.contract.js';
import { FakeClock } from '../../support/fake-clock.js';
import { ApnsTestServer } from './apns-test-server.js';
import { p8Key } from './test-keys.js';

export const KEY_ID = 'ABC123DEFG';
export const TEAM_ID = 'DEF123GHIJ';
export const TOPIC = 'com.example.im';
export const TIMEOUT_MS = 3_000;
export const key = p8Key();

export interface Setup {
  clock: FakeClock;
  metrics: Metrics;
  server: ApnsTestServer;
  provider: ApnsProvider;
  extra: ApnsTestServer[];
}

export async function setup(opts: { tls?: { key: string; cert: string }; cfg?: Partial<ApnsConfig>; sandbox?: boolean } = {}): Promise<Setup> {
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

export const target = (token = newToken(), sandbox = false): PushTarget => ({ platform: 'apns', token, topic: TOPIC, ...(sandbox ? { sandbox } : {}) });
export const note = (extra: Partial<PushNotification> = {}): PushNotification => ({ body: 'hello', priority: 'high', ...extra });
export async function teardown(s: Setup): Promise<string[]> {
  await s.provider.close();
  for (const srv of [s.server, ...s.extra]) await srv.stop();
  return [s.server, ...s.extra].flatMap((x) => x.violations());
}
