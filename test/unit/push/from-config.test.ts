// From environment to a working push provider: loadConfig reads the push variables, the factory
// reads the key files and routes each platform to its provider, here pointed at the local APNs
// and FCM stand-ins. Bad combinations and unreadable files are refused with clear errors.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { createPushProvider } from '../../../src/push/from-config.js';
import { newToken } from '../../contract/push.contract.js';
import { FakeClock } from '../../support/fake-clock.js';
import { ApnsTestServer } from './apns-test-server.js';
import { FcmTestServer } from './fcm-test-server.js';
import { p8Key, rsaKey } from './test-keys.js';

describe('push from configuration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'push-cfg-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('builds APNs and FCM providers from the environment and routes by platform', async () => {
    const clock = new FakeClock();
    const nowSec = () => Math.floor(clock.nowMs() / 1000);
    const ec = p8Key();
    const rsa = rsaKey();
    const apns = await new ApnsTestServer({ keyId: 'KID', teamId: 'TEAM', publicKey: ec.publicKey, topic: 'com.x', nowSec }).start();
    const fcm = await new FcmTestServer({ projectId: 'proj', clientEmail: 'svc@proj', publicKey: rsa.publicKey, nowSec }).start();
    writeFileSync(join(dir, 'AuthKey_KID.p8'), ec.privatePem);
    writeFileSync(join(dir, 'sa.json'), JSON.stringify({ type: 'service_account', project_id: 'proj', client_email: 'svc@proj', private_key: rsa.privatePem, token_uri: fcm.tokenUri }));
    const cfg = loadConfig(
      {
        IM_DATA_DIR: dir,
        IM_APNS_KEY_FILE: join(dir, 'AuthKey_KID.p8'),
        IM_APNS_KEY_ID: 'KID',
        IM_APNS_TEAM_ID: 'TEAM',
        IM_APNS_ENDPOINT: apns.url,
        IM_APNS_SANDBOX_ENDPOINT: apns.url,
        IM_FCM_SERVICE_ACCOUNT_FILE: join(dir, 'sa.json'),
        IM_FCM_ENDPOINT: fcm.url,
      },
      'single',
    );
    const push = createPushProvider(cfg.push, { clock, metrics: createMetrics() });
    try {
      expect(await push.send({ platform: 'apns', token: newToken(), topic: 'com.x' }, { body: 'to ios', priority: 'high' })).toEqual({ ok: true });
      expect(await push.send({ platform: 'fcm', token: newToken() }, { body: 'to android', priority: 'high' })).toEqual({ ok: true });
      expect(apns.requests.map((r) => (r.payload.aps as { alert: { body: string } }).alert.body)).toEqual(['to ios']);
      expect(fcm.sends.map((r) => r.message.notification.body)).toEqual(['to android']);
      expect([...apns.violations(), ...fcm.violations()]).toEqual([]);
    } finally {
      await push.close();
      await apns.stop();
      await fcm.stop();
    }
  });

  it('without credentials every push is answered auth', async () => {
    const cfg = loadConfig({ IM_DATA_DIR: dir }, 'single');
    expect(cfg.push).toEqual({});
    const push = createPushProvider(cfg.push, { clock: new FakeClock(), metrics: createMetrics() });
    expect(await push.send({ platform: 'fcm', token: 't' }, { body: 'x', priority: 'high' })).toMatchObject({ ok: false, reason: 'auth', retryable: false });
  });

  it('refuses partial APNs settings and unreadable key files', () => {
    expect(() => loadConfig({ IM_DATA_DIR: dir, IM_APNS_KEY_ID: 'KID' }, 'single')).toThrow(/IM_APNS_KEY_FILE, IM_APNS_KEY_ID and IM_APNS_TEAM_ID must be set together/);
    const deps = { clock: new FakeClock(), metrics: createMetrics() };
    expect(() => createPushProvider({ apns: { keyFile: join(dir, 'missing.p8'), keyId: 'k', teamId: 't' } }, deps)).toThrow(/IM_APNS_KEY_FILE: cannot read .*missing\.p8/);
    expect(() => createPushProvider({ fcm: { serviceAccountFile: join(dir, 'missing.json') } }, deps)).toThrow(/IM_FCM_SERVICE_ACCOUNT_FILE: cannot read/);
  });
});
