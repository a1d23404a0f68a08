// OfflinePusher end to end over the wire: a stored message for a user whose iPhone and Android
// phone are offline becomes one real APNs HTTP/2 request (token auth) and one FCM HTTP v1 request
// on the local stand-ins; when the services answer 410 Unregistered / 404 UNREGISTERED, the tokens
// are forgotten in the registry. The device that is online gets nothing.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { silentLogger } from '../../../src/lib/log.js';
import { MemoryPresence } from '../../../src/presence/memory.js';
import { ApnsProvider } from '../../../src/push/apns.js';
import { FcmProvider } from '../../../src/push/fcm.js';
import { OfflinePusher } from '../../../src/push/offline-pusher.js';
import { PushRouter } from '../../../src/push/router.js';
import { MemoryPushRegistryStore } from '../../../src/store/memory/push-registry.js';
import { FakeClock } from '../../support/fake-clock.js';
import { KEY_ID, TEAM_ID, TOPIC, key as apnsKey } from './apns-setup.js';
import { ApnsTestServer } from './apns-test-server.js';
import { FcmTestServer } from './fcm-test-server.js';
import { rsaKey } from './test-keys.js';

const APP = 1_400_000_600;
const PROJECT = 'im-test-project';
const EMAIL = 'push@im-test-project.iam.gserviceaccount.com';
const fcmKey = rsaKey();
const IOS = 'ab'.repeat(32);
const AND = 'fcm-registration-token-of-bob';

let apns: ApnsTestServer;
let fcm: FcmTestServer;
let router: PushRouter;

beforeEach(async () => {
  const clock = new FakeClock();
  const nowSec = () => Math.floor(clock.nowMs() / 1000);
  const metrics = createMetrics();
  apns = await new ApnsTestServer({ keyId: KEY_ID, teamId: TEAM_ID, publicKey: apnsKey.publicKey, topic: TOPIC, nowSec }).start();
  fcm = await new FcmTestServer({ projectId: PROJECT, clientEmail: EMAIL, publicKey: fcmKey.publicKey, nowSec }).start();
  router = new PushRouter({
    apns: new ApnsProvider({ keyId: KEY_ID, teamId: TEAM_ID, privateKeyPem: apnsKey.privatePem, endpoint: apns.url, sandboxEndpoint: apns.url, timeoutMs: 3_000 }, { clock, metrics }),
    fcm: new FcmProvider(
      { serviceAccount: { project_id: PROJECT, client_email: EMAIL, private_key: fcmKey.privatePem, private_key_id: 'k1', token_uri: fcm.tokenUri }, endpoint: fcm.url, timeoutMs: 3_000 },
      { clock, metrics },
    ),
  });
});

afterEach(async () => {
  await router.close();
  await apns.stop();
  await fcm.stop();
  expect([...apns.violations(), ...fcm.violations()]).toEqual([]);
});

it('pushes an offline iPhone through APNs and an offline Android phone through FCM, then forgets dead tokens', async () => {
  const registry = new MemoryPushRegistryStore();
  const presence = new MemoryPresence(new FakeClock());
  await presence.edgeAlive('e1', 60_000);
  // bob's tablet is online: it gets the message over its socket, not a push.
  await presence.attach({ sdkAppId: APP, userId: 'bob', connId: 'c1', edgeId: 'e1', platform: 'Android', deviceId: 'bob-tablet', since: 1 });
  await registry.put(APP, 'bob', { deviceId: 'bob-iphone', platform: 'apns', token: IOS, topic: TOPIC, updatedAt: 1 });
  await registry.put(APP, 'bob', { deviceId: 'bob-android', platform: 'fcm', token: AND, updatedAt: 2 });
  await registry.put(APP, 'bob', { deviceId: 'bob-tablet', platform: 'fcm', token: 'fcm-token-of-the-tablet', updatedAt: 3 });
  const pusher = new OfflinePusher({ registry, presence, provider: router, metrics: createMetrics(), log: silentLogger });
  const body = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello ' } }, { MsgType: 'TIMFaceElem', MsgContent: { Index: 1 } }];
  const job = { sdkAppId: APP, recipients: ['bob'], from: 'alice', convId: 'c2c:alice:bob', messages: [{ msgKey: '7_8_9', body, offlinePushInfo: { Title: 'Alice' } }] };

  pusher.notify(job);
  await pusher.idle();
  expect(apns.requests.map((r) => r.token)).toEqual([IOS]);
  const [ios] = apns.requests;
  expect(ios!.headers['apns-topic']).toBe(TOPIC);
  expect(ios!.payload).toMatchObject({ aps: { alert: { title: 'Alice', body: 'hello [Face]' } }, sender: 'alice', msgKey: '7_8_9' });
  expect(fcm.sends.map((s) => s.token)).toEqual([AND]);
  expect(fcm.sends[0]!.message).toMatchObject({ notification: { title: 'Alice', body: 'hello [Face]' }, data: { sender: 'alice', msgKey: '7_8_9' } });

  apns.answer = () => ({ status: 410, reason: 'Unregistered' });
  fcm.answer = () => ({ status: 404, error: { status: 'NOT_FOUND', errorCode: 'UNREGISTERED', message: 'Requested entity was not found.' } });
  pusher.notify(job);
  await pusher.idle();
  expect(apns.requests).toHaveLength(2);
  expect(fcm.sends).toHaveLength(2);
  expect((await registry.list(APP, ['bob'])).get('bob')!.map((d) => d.deviceId)).toEqual(['bob-tablet']);
  await pusher.close();
});
