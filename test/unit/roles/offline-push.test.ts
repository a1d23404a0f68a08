// The composition root's offline push: openOfflinePush builds the provider from config.push (here
// FCM pointed at the local stand-in through IM_FCM_ENDPOINT and the service account's token_uri)
// and the pusher over the store's registry and presence; with no push configuration it still
// runs and reports every push as failed (auth), never throwing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { AppDirectory } from '../../../src/apps/app-directory.js';
import { loadConfig } from '../../../src/config/config.js';
import { systemClock } from '../../../src/lib/clock.js';
import { silentLogger } from '../../../src/lib/log.js';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { MemoryPresence } from '../../../src/presence/memory.js';
import { openOfflinePush, type Common } from '../../../src/roles/parts.js';
import { createMemoryStore } from '../../../src/store/memory/index.js';
import { counter } from '../push/helpers.js';
import { FcmTestServer } from '../push/fcm-test-server.js';
import { rsaKey } from '../push/test-keys.js';

const APP = 1_400_000_700;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'offline-push-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(env: Record<string, string>) {
  const config = loadConfig({ IM_DATA_DIR: dir, ...env }, 'single');
  const metrics = createMetrics();
  const common: Common = { config, clock: systemClock, log: silentLogger, metrics, apps: new AppDirectory(config.apps) };
  const store = createMemoryStore();
  await store.pushRegistry.put(APP, 'bob', { deviceId: 'phone', platform: 'fcm', token: 'bob-fcm-token', updatedAt: 1 });
  const push = openOfflinePush(common, store, new MemoryPresence(systemClock));
  push.pusher.notify({ sdkAppId: APP, recipients: ['bob'], from: 'alice', convId: 'c2c:alice:bob', messages: [{ msgKey: '1_1_1', body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }] }] });
  await push.pusher.idle();
  await push.close();
  return { metrics };
}

it('sends through the FCM endpoint the configuration names', async () => {
  const rsa = rsaKey();
  const fcm = await new FcmTestServer({ projectId: 'proj', clientEmail: 'svc@proj', publicKey: rsa.publicKey, nowSec: () => Math.floor(Date.now() / 1000) }).start();
  try {
    writeFileSync(join(dir, 'sa.json'), JSON.stringify({ type: 'service_account', project_id: 'proj', client_email: 'svc@proj', private_key: rsa.privatePem, token_uri: fcm.tokenUri }));
    const { metrics } = await run({ IM_FCM_SERVICE_ACCOUNT_FILE: join(dir, 'sa.json'), IM_FCM_ENDPOINT: fcm.url });
    expect(fcm.sends.map((s) => [s.token, s.message.notification.body])).toEqual([['bob-fcm-token', 'hi']]);
    expect(await counter(metrics, 'im_offline_push_total', { outcome: 'sent' })).toBe(1);
    expect(fcm.violations()).toEqual([]);
  } finally {
    await fcm.stop();
  }
});

it('without push credentials a push is counted as failed and nothing throws', async () => {
  const { metrics } = await run({});
  expect(await counter(metrics, 'im_offline_push_total', { outcome: 'failed' })).toBe(1);
  expect(await counter(metrics, 'im_push_sends_total')).toBe(0);
});
