// OfflinePusher jobs holding a whole send batch: one device read, one receive-option read and one
// presence read per job however many messages it holds (counted through wrappers around the
// memory registry and presence), with PushFlag, WithMuteNotifications and dead tokens still
// decided per message, notifications in message order, and the queue bound counted in messages.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/lib/clock.js';
import { silentLogger } from '../../../src/lib/log.js';
import { createMetrics, type Metrics } from '../../../src/metrics/metrics.js';
import { MemoryPresence } from '../../../src/presence/memory.js';
import { MemoryPush } from '../../../src/push/memory.js';
import { OfflinePusher, type OfflinePushJob, type OfflinePushMessage } from '../../../src/push/offline-pusher.js';
import { pushFailure } from '../../../src/push/push-provider.js';
import { MAX_PUSH_BATCH, RecvOpt } from '../../../src/store/push-registry.js';
import { CountingRegistry, GatedPush, counter, pusherWithRegistryDown, route as routeOf, until } from './helpers.js';
import { text } from '../../support/msg-body.js';

const APP = 1_400_000_501;
const CONV = 'c2c:alice:bob';
const IOS = 'b2'.repeat(32);
const AND = 'fcm-token-bob-android-2';
const N = 8;
const msg = (i: number, extra: Partial<OfflinePushMessage> = {}): OfflinePushMessage => ({ msgKey: `${i}_1_1`, body: text(`m${i}`), ...extra });
const batch = (messages: OfflinePushMessage[], extra: Partial<OfflinePushJob> = {}): OfflinePushJob => ({ sdkAppId: APP, recipients: ['bob'], from: 'alice', convId: CONV, messages, ...extra });
const route = (userId: string, deviceId: string) => routeOf(APP, userId, deviceId);


let registry: CountingRegistry;
let presence: MemoryPresence;
let routeReads: number;
let push: MemoryPush;
let metrics: Metrics;
let pusher: OfflinePusher;
const outcome = (o: string) => counter(metrics, 'im_offline_push_total', { outcome: o });
const sentKeys = () => push.sent().map((s) => `${s.notification.data?.msgKey}>${s.target.token === IOS ? 'ios' : 'and'}`);

beforeEach(async () => {
  registry = new CountingRegistry();
  presence = new MemoryPresence(systemClock);
  await presence.edgeAlive('e1', 60_000);
  routeReads = 0;
  const counted = { routesOf: (app: number, users: readonly string[]) => (routeReads++, presence.routesOf(app, users)) };
  push = new MemoryPush();
  metrics = createMetrics();
  pusher = new OfflinePusher({ registry, presence: counted, provider: push, metrics, log: silentLogger });
  await registry.put(APP, 'bob', { deviceId: 'bob-ios', platform: 'apns', token: IOS, topic: 'com.example.im', updatedAt: 1 });
  await registry.put(APP, 'bob', { deviceId: 'bob-android', platform: 'fcm', token: AND, updatedAt: 2 });
});

afterEach(() => pusher.close());

describe('OfflinePusher batch jobs', () => {
  it('reads devices, receive options and routes once for N messages and pushes them in order', async () => {
    const messages = Array.from({ length: N }, (_, i) => msg(i, i === 3 ? { offlinePushInfo: { PushFlag: 1 } } : {}));
    pusher.notify(batch(messages));
    await pusher.idle();
    expect([registry.lists, registry.recvOptReads, routeReads]).toEqual([1, 1, 1]);
    const expected = messages.flatMap((_, i) => (i === 3 ? [] : [`${i}_1_1>ios`, `${i}_1_1>and`]));
    expect(sentKeys()).toEqual(expected);
    expect(push.sent()[0]!.notification.body).toBe('m0');
    expect(await outcome('sent')).toBe(2 * (N - 1));
    expect(await outcome('push_flag_off')).toBe(1);
  });

  it('honours WithMuteNotifications per message inside one job of a muted conversation', async () => {
    await registry.setRecvOpt(APP, 'bob', CONV, RecvOpt.NO_PUSH);
    await presence.attach(route('bob', 'bob-android'));
    pusher.notify(batch([msg(0), msg(1, { withMuteNotifications: true }), msg(2), msg(3, { withMuteNotifications: true, offlinePushInfo: { PushFlag: 1 } }), msg(4, { withMuteNotifications: true })]));
    await pusher.idle();
    expect([registry.lists, registry.recvOptReads, routeReads]).toEqual([1, 1, 1]);
    expect(sentKeys()).toEqual(['1_1_1>ios', '4_1_1>ios']);
    expect(await outcome('muted')).toBe(4);
    expect(await outcome('online')).toBe(2);
    expect(await outcome('push_flag_off')).toBe(1);
  });

  it('skips the receive-option read when every message overrides it, and presence when the caller passes routes', async () => {
    await registry.setRecvOpt(APP, 'bob', CONV, RecvOpt.NO_PUSH);
    pusher.notify(batch([msg(0, { withMuteNotifications: true }), msg(1, { withMuteNotifications: true })], { routes: new Map([['bob', [route('bob', 'bob-ios')]]]) }));
    await pusher.idle();
    expect([registry.lists, registry.recvOptReads, routeReads]).toEqual([1, 0, 0]);
    expect(sentKeys()).toEqual(['0_1_1>and', '1_1_1>and']);
  });

  it('costs one device read and no other for N messages to a user without devices', async () => {
    pusher.notify(batch(Array.from({ length: N }, (_, i) => msg(i)), { recipients: ['carol', 'dave'] }));
    await pusher.idle();
    expect([registry.lists, registry.recvOptReads, routeReads]).toEqual([1, 0, 0]);
    expect(await outcome('no_device')).toBe(2 * N);
  });

  it('forgets a dead token at the first message and skips it for the rest of the job', async () => {
    push.setResult(IOS, pushFailure('unregistered', false, 'APNs 410 Unregistered'));
    pusher.notify(batch([msg(0), msg(1), msg(2)]));
    await pusher.idle();
    expect(sentKeys()).toEqual(['0_1_1>ios', '0_1_1>and', '1_1_1>and', '2_1_1>and']);
    expect(await outcome('dead_token')).toBe(1);
    expect(await outcome('sent')).toBe(3);
    expect((await registry.list(APP, ['bob'])).get('bob')!.map((d) => d.deviceId)).toEqual(['bob-android']);
  });

  it('counts no_device for the later messages once the only device was dead', async () => {
    push.setResult(IOS, pushFailure('unregistered', false, 'gone'));
    push.setResult(AND, pushFailure('invalid-token', false, 'bad'));
    pusher.notify(batch([msg(0), msg(1), msg(2)]));
    await pusher.idle();
    expect(push.sent()).toHaveLength(2);
    expect(await outcome('dead_token')).toBe(2);
    expect(await outcome('no_device')).toBe(2);
  });

  it(`reads a recipient set larger than MAX_PUSH_BATCH (${MAX_PUSH_BATCH}) in parts and pushes every device`, async () => {
    const many = Array.from({ length: MAX_PUSH_BATCH + 20 }, (_, i) => `m${i}`);
    const last = many.at(-1)!;
    await registry.put(APP, last, { deviceId: 'last-android', platform: 'fcm', token: 'fcm-token-last', updatedAt: 3 });
    pusher.notify(batch([msg(0)], { recipients: [...many, 'bob'], convId: 'group:g1' }));
    await pusher.idle();
    expect(await outcome('error')).toBe(0);
    expect(registry.lists).toBe(2);
    expect(push.sent().map((s) => s.target.token).sort()).toEqual([AND, IOS, 'fcm-token-last'].sort());
  });

  it('counts a failed job as an error per message', async () => {
    const broken = pusherWithRegistryDown({ registry, presence, provider: push, metrics });
    broken.notify(batch([msg(0), msg(1), msg(2)]));
    await broken.idle();
    expect(await outcome('error')).toBe(3);
    await broken.close();
  });
});


describe('OfflinePusher queue of batch jobs', () => {
  it('bounds queued messages, not jobs: the part of a job beyond the bound is dropped per message', async () => {
    await registry.put(APP, 'alice', { deviceId: 'alice-android', platform: 'fcm', token: 'fcm-alice', updatedAt: 1 });
    const gated = new GatedPush();
    const q = new OfflinePusher({ registry, presence, provider: gated, metrics, log: silentLogger, queueCapacity: 3, concurrency: 1 });
    q.notify(batch([msg(0)], { recipients: ['alice'], from: 'bob' }));
    q.notify(batch([1, 2, 3, 4, 5].map((i) => msg(i)), { recipients: ['alice'], from: 'bob' }));
    expect(await outcome('queue_full')).toBe(2);
    expect(await counter(metrics, 'im_offline_push_queue')).toBe(4);
    const done = q.idle();
    for (let i = 0; i < 4; i++) {
      await until(() => gated.waiting === 1, `send ${i + 1} started`);
      gated.release();
    }
    await done;
    expect(await outcome('sent')).toBe(4);
    expect(await counter(metrics, 'im_offline_push_queue')).toBe(0);
    const closing = q.close();
    q.notify(batch([msg(6), msg(7)], { recipients: ['alice'], from: 'bob' }));
    await closing;
    expect(await outcome('closed')).toBe(2);
  });
});
