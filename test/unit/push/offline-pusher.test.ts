// OfflinePusher with the memory registry, memory presence and MemoryPush: which devices get a
// push (offline, not muted, PushFlag), the notification built from the message, dead-token
// cleanup, and the bounded queue (full queue drops with a metric and one log line; close).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/lib/clock.js';
import { type Logger, silentLogger } from '../../../src/lib/log.js';
import { createMetrics, type Metrics } from '../../../src/metrics/metrics.js';
import { MemoryPresence } from '../../../src/presence/memory.js';
import { MemoryPush } from '../../../src/push/memory.js';
import { OfflinePusher, type OfflinePushJob, type OfflinePushMessage } from '../../../src/push/offline-pusher.js';
import { pushFailure } from '../../../src/push/push-provider.js';
import { MemoryPushRegistryStore } from '../../../src/store/memory/push-registry.js';
import { RecvOpt } from '../../../src/store/push-registry.js';
import { GatedPush, counter, pusherWithRegistryDown, route as routeOf, until } from './helpers.js';
import { text } from '../../support/msg-body.js';

const APP = 1_400_000_500;
const CONV = 'c2c:alice:bob';
const IOS = 'a1'.repeat(32);
const AND = 'fcm-token-bob-android';
const msg = (extra: Partial<OfflinePushMessage> = {}): OfflinePushMessage => ({ msgKey: '1_2_3', body: text('hi bob'), ...extra });
/** A job of one message: `extra` for the job, `m` for its message. */
const job = (extra: Partial<OfflinePushJob> = {}, m: Partial<OfflinePushMessage> = {}): OfflinePushJob => ({ sdkAppId: APP, recipients: ['bob'], from: 'alice', convId: CONV, messages: [msg(m)], ...extra });
const route = (userId: string, deviceId: string) => routeOf(APP, userId, deviceId);

let registry: MemoryPushRegistryStore;
let presence: MemoryPresence;
let push: MemoryPush;
let metrics: Metrics;
let pusher: OfflinePusher;
const outcome = (o: string) => counter(metrics, 'im_offline_push_total', { outcome: o });

beforeEach(async () => {
  registry = new MemoryPushRegistryStore();
  presence = new MemoryPresence(systemClock);
  await presence.edgeAlive('e1', 60_000);
  push = new MemoryPush();
  metrics = createMetrics();
  pusher = new OfflinePusher({ registry, presence, provider: push, metrics, log: silentLogger });
  await registry.put(APP, 'bob', { deviceId: 'bob-ios', platform: 'apns', token: IOS, topic: 'com.example.im', updatedAt: 1 });
  await registry.put(APP, 'bob', { deviceId: 'bob-android', platform: 'fcm', token: AND, updatedAt: 2 });
  await registry.put(APP, 'alice', { deviceId: 'alice-android', platform: 'fcm', token: 'fcm-alice', updatedAt: 1 });
});

afterEach(() => pusher.close());

const tokensSent = () => push.sent().map((s) => s.target.token);

describe('OfflinePusher', () => {
  it('pushes every registered device of the recipient that is offline, never the sender', async () => {
    await presence.attach(route('bob', 'bob-android'));
    pusher.notify(job({ recipients: ['bob', 'alice'] }));
    await pusher.idle();
    expect(tokensSent()).toEqual([IOS]);
    const [sent] = push.sent();
    expect(sent!.target).toEqual({ platform: 'apns', token: IOS, topic: 'com.example.im' });
    expect(sent!.notification).toEqual({ body: 'hi bob', priority: 'high', data: { sender: 'alice', msgKey: '1_2_3' } });
    expect(await outcome('sent')).toBe(1);
    expect(await outcome('online')).toBe(1);
  });

  it('uses the routes the caller passes instead of asking presence', async () => {
    pusher.notify(job({ routes: new Map([['bob', [route('bob', 'bob-ios')]]]) }));
    await pusher.idle();
    expect(tokensSent()).toEqual([AND]);
  });

  it('applies OfflinePushInfo (Desc, Title, Ext, per-platform fields) and custom element fallbacks', async () => {
    pusher.notify(job({}, { offlinePushInfo: { Title: 'Alice', Desc: 'New message', Ext: '{"k":1}', ApnsInfo: { Sound: 'ding.caf' } } }));
    await pusher.idle();
    expect(push.sent()[0]!.notification).toMatchObject({ title: 'Alice', body: 'New message', ext: '{"k":1}', apns: { sound: 'ding.caf' } });
    const custom = [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'd', Desc: 'custom text', Ext: 'el-ext', Sound: 'el.caf' } }];
    pusher.notify(job({}, { body: custom }));
    await pusher.idle();
    expect(push.sent()[2]!.notification).toMatchObject({ body: 'custom text', ext: 'el-ext', apns: { sound: 'el.caf' } });
  });

  it('sends nothing when PushFlag is 1', async () => {
    pusher.notify(job({}, { offlinePushInfo: { PushFlag: 1, Desc: 'x' } }));
    await pusher.idle();
    expect(push.sent()).toEqual([]);
    expect(await outcome('push_flag_off')).toBe(1);
  });

  it('skips an owner whose receive option for the conversation is 1, unless WithMuteNotifications', async () => {
    await registry.setRecvOpt(APP, 'bob', CONV, RecvOpt.NO_PUSH);
    pusher.notify(job());
    pusher.notify(job({ convId: 'c2c:bob:carol', from: 'carol' }));
    await pusher.idle();
    expect(tokensSent().sort()).toEqual([AND, IOS].sort());
    expect(push.sent().every((s) => s.notification.data?.sender === 'carol')).toBe(true);
    expect(await outcome('muted')).toBe(2);
    pusher.notify(job({}, { withMuteNotifications: true }));
    await pusher.idle();
    expect(push.sent()).toHaveLength(4);
  });

  it('forgets a token the service calls dead and keeps one that failed for another reason', async () => {
    push.setResult(IOS, pushFailure('unregistered', false, 'APNs 410 Unregistered'));
    push.setResult(AND, pushFailure('unavailable', true, 'FCM 503'));
    pusher.notify(job());
    await pusher.idle();
    expect((await registry.list(APP, ['bob'])).get('bob')!.map((d) => d.deviceId)).toEqual(['bob-android']);
    expect(await outcome('dead_token')).toBe(1);
    expect(await outcome('failed')).toBe(1);
    push.setResult(AND, pushFailure('invalid-token', false, 'bad'));
    pusher.notify(job());
    await pusher.idle();
    expect(await registry.list(APP, ['bob'])).toEqual(new Map());
  });

  it('counts recipients without devices and APNs devices without a topic', async () => {
    await registry.put(APP, 'carol', { deviceId: 'c', platform: 'apns', token: 'c0'.repeat(32), updatedAt: 1 });
    pusher.notify(job({ recipients: ['carol', 'dave'] }));
    await pusher.idle();
    expect(push.sent()).toEqual([]);
    expect(await outcome('no_topic')).toBe(1);
    expect(await outcome('no_device')).toBe(1);
  });

  it('never throws to the caller when the registry fails; the job is counted as an error', async () => {
    const broken = pusherWithRegistryDown({ registry, presence, provider: push, metrics });
    expect(() => broken.notify(job())).not.toThrow();
    await broken.idle();
    expect(await outcome('error')).toBe(1);
    await broken.close();
  });
});

/** A provider whose sends wait until release() (to fill the queue deterministically). */

describe('OfflinePusher queue', () => {
  it('drops jobs beyond the queue capacity with a metric and one log line, and runs the rest', async () => {
    const gated = new GatedPush();
    const warnings: string[] = [];
    const log: Logger = { ...silentLogger, warn: (m: string) => void warnings.push(m), child: () => log };
    const q = new OfflinePusher({ registry, presence, provider: gated, metrics, log, queueCapacity: 2, concurrency: 1 });
    const one = job({ recipients: ['alice'], from: 'bob' });
    for (let i = 0; i < 5; i++) q.notify(one);
    expect(await outcome('queue_full')).toBe(2);
    expect(warnings).toEqual(['offline push queue full: dropping pushes']);
    expect(await counter(metrics, 'im_offline_push_queue')).toBe(3);
    const done = q.idle();
    for (let i = 0; i < 3; i++) {
      await until(() => gated.waiting === 1, `send ${i + 1} started`);
      gated.release();
    }
    await done;
    expect(gated.started).toBe(3);
    expect(await outcome('sent')).toBe(3);
    expect(await counter(metrics, 'im_offline_push_queue')).toBe(0);
  });

  it('close drops what is queued, waits for what runs, and refuses later jobs', async () => {
    const gated = new GatedPush();
    const q = new OfflinePusher({ registry, presence, provider: gated, metrics, log: silentLogger, concurrency: 1 });
    const one = job({ recipients: ['alice'], from: 'bob' });
    q.notify(one);
    q.notify(one);
    await until(() => gated.waiting === 1, 'first send started');
    const closing = q.close();
    q.notify(one);
    gated.release();
    await closing;
    expect(gated.started).toBe(1);
    expect(await outcome('closed')).toBe(2);
    expect(await outcome('sent')).toBe(1);
  });
});
