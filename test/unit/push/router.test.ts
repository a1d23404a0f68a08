// PushRouter: the provider is chosen by the target's platform; a platform with no provider is
// answered 'auth' (configuration), never by another platform's provider.
import { describe, expect, it } from 'vitest';
import { MemoryPush } from '../../../src/push/memory.js';
import { PushRouter } from '../../../src/push/router.js';

describe('PushRouter', () => {
  it('sends each target to its platform provider', async () => {
    const apns = new MemoryPush();
    const fcm = new MemoryPush();
    const router = new PushRouter({ apns, fcm });
    await router.send({ platform: 'apns', token: 'aa', topic: 'com.x' }, { body: 'ios', priority: 'high' });
    await router.send({ platform: 'fcm', token: 'bb' }, { body: 'android', priority: 'high' });
    expect(apns.sent().map((s) => s.notification.body)).toEqual(['ios']);
    expect(fcm.sent().map((s) => s.notification.body)).toEqual(['android']);
  });

  it('answers auth, not retryable, for a platform without a provider', async () => {
    const apns = new MemoryPush();
    const router = new PushRouter({ apns });
    const r = await router.send({ platform: 'fcm', token: 'bb' }, { body: 'x', priority: 'high' });
    expect(r).toEqual({ ok: false, reason: 'auth', retryable: false, detail: 'no push provider configured for fcm' });
    expect(apns.sent()).toEqual([]);
  });

  it('closes every provider', async () => {
    const apns = new MemoryPush();
    const fcm = new MemoryPush();
    await new PushRouter({ apns, fcm }).close();
    expect(await apns.send({ platform: 'apns', token: 'aa', topic: 't' }, { body: 'x', priority: 'high' })).toMatchObject({ reason: 'unavailable' });
    expect(await fcm.send({ platform: 'fcm', token: 'bb' }, { body: 'x', priority: 'high' })).toMatchObject({ reason: 'unavailable' });
  });
});
