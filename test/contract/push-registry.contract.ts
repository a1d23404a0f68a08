// The one contract suite of PushRegistryStore (src/store/push-registry.ts), run against memory and
// LMDB from test/unit/store and Cassandra from test/integration. Every case uses a fresh random
// sdkAppId, so persistent backends need no cleanup between cases.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PUSH_BATCH, MAX_PUSH_DEVICES_PER_USER, MAX_PUSH_TOKEN_CHARS, type PushDevice, type PushRegistryStore, RecvOpt } from '../../src/store/push-registry.js';

export interface PushRegistryContractOptions {
  open: () => Promise<PushRegistryStore>;
  close: () => Promise<void>;
  /** Persistent backends: close and open the same data again. */
  reopen?: () => Promise<PushRegistryStore>;
}

const hex = (n: number) => randomBytes(n).toString('hex');
const apns = (deviceId: string, updatedAt = 1000, token = hex(32)): PushDevice => ({ deviceId, platform: 'apns', token, topic: 'com.example.app', updatedAt });
const fcm = (deviceId: string, updatedAt = 1000, token = `fcm:${hex(40)}`): PushDevice => ({ deviceId, platform: 'fcm', token, updatedAt });

export function pushRegistryContract(name: string, opts: PushRegistryContractOptions): void {
  describe(`push registry contract: ${name}`, () => {
    let reg: PushRegistryStore;
    beforeAll(async () => {
      reg = await opts.open();
    });
    afterAll(() => opts.close());
    const base = 1_000_000 + (randomBytes(4).readUInt32BE(0) % 3_000_000_000);
    let n = 0;
    const app = () => base + ++n * 11;

    it('lists the registered devices of many users at once, oldest first, with their APNs fields', async () => {
      const a = app();
      const d1 = { ...apns('ios-1', 2000), sandbox: true };
      const d2 = fcm('and-1', 1000);
      await reg.put(a, 'alice', d1);
      await reg.put(a, 'alice', d2);
      await reg.put(a, 'bob', fcm('bob-1'));
      const got = await reg.list(a, ['alice', 'bob', 'carol', 'alice']);
      expect([...got.keys()].sort()).toEqual(['alice', 'bob']);
      expect(got.get('alice')).toEqual([d2, d1]);
      expect(await reg.list(a, [])).toEqual(new Map());
    });

    it('keeps APNs-only fields off FCM devices and leaves a device without topic without one', async () => {
      const a = app();
      await reg.put(a, 'u', { ...fcm('f'), topic: 'x', sandbox: true } as PushDevice);
      await reg.put(a, 'u', { deviceId: 'i', platform: 'apns', token: hex(32), updatedAt: 5 });
      const [f, i] = (await reg.list(a, ['u'])).get('u')!;
      expect(f).not.toHaveProperty('topic');
      expect(f).not.toHaveProperty('sandbox');
      expect(i).not.toHaveProperty('topic');
      expect(i).not.toHaveProperty('sandbox');
    });

    it('replaces a device by deviceId; its old token no longer names anything', async () => {
      const a = app();
      const old = fcm('d1', 1);
      await reg.put(a, 'u', old);
      const next = fcm('d1', 2);
      await reg.put(a, 'u', next);
      expect((await reg.list(a, ['u'])).get('u')).toEqual([next]);
      await reg.removeToken(a, old.token);
      expect((await reg.list(a, ['u'])).get('u')).toEqual([next]);
    });

    it('moves a token registered by another user of the same app (one phone, one token)', async () => {
      const a = app();
      const token = hex(32);
      await reg.put(a, 'alice', apns('phone', 1, token));
      await reg.put(a, 'alice', fcm('tablet', 2));
      await reg.put(a, 'bob', apns('phone', 3, token));
      expect((await reg.list(a, ['alice'])).get('alice')!.map((d) => d.deviceId)).toEqual(['tablet']);
      expect((await reg.list(a, ['bob'])).get('bob')).toEqual([apns('phone', 3, token)]);
      // Another app's registrations are untouched by the move.
      const other = app();
      await reg.put(other, 'alice', apns('phone', 1, token));
      await reg.put(a, 'carol', apns('phone', 4, token));
      expect((await reg.list(other, ['alice'])).get('alice')).toHaveLength(1);
      expect(await reg.list(a, ['bob'])).toEqual(new Map());
    });

    it('a token registered again under a new deviceId of the same user keeps one device', async () => {
      const a = app();
      const token = hex(32);
      await reg.put(a, 'u', apns('install-1', 1, token));
      await reg.put(a, 'u', apns('install-2', 2, token));
      expect((await reg.list(a, ['u'])).get('u')!.map((d) => d.deviceId)).toEqual(['install-2']);
    });

    it(`keeps at most ${MAX_PUSH_DEVICES_PER_USER} devices per user, dropping the least recently updated`, async () => {
      const a = app();
      const all = Array.from({ length: MAX_PUSH_DEVICES_PER_USER + 2 }, (_, i) => fcm(`d${i}`, 100 + i));
      for (const d of all) await reg.put(a, 'u', d);
      const got = (await reg.list(a, ['u'])).get('u')!;
      expect(got.map((d) => d.deviceId)).toEqual(all.slice(2).map((d) => d.deviceId));
      // Re-registering an old device refreshes it, so the next one out is another.
      await reg.put(a, 'u', fcm('d2', 500, all[2]!.token));
      await reg.put(a, 'u', fcm('new', 501));
      expect((await reg.list(a, ['u'])).get('u')!.map((d) => d.deviceId)).toEqual([...all.slice(4).map((d) => d.deviceId), 'd2', 'new']);
      // The dropped device's token is forgotten too: registering it for someone else drops nothing.
      await reg.put(a, 'v', { ...all[0]!, deviceId: 'x' });
      expect((await reg.list(a, ['u'])).get('u')).toHaveLength(MAX_PUSH_DEVICES_PER_USER);
      expect((await reg.list(a, ['v'])).get('v')).toHaveLength(1);
    });

    it('removes by deviceId (true once) and by token', async () => {
      const a = app();
      const d = fcm('d');
      const e = apns('e');
      await reg.put(a, 'u', d);
      await reg.put(a, 'u', e);
      expect(await reg.remove(a, 'u', 'd')).toBe(true);
      expect(await reg.remove(a, 'u', 'd')).toBe(false);
      expect(await reg.remove(a, 'nobody', 'e')).toBe(false);
      await reg.removeToken(a, 'unknown-token');
      await reg.removeToken(app(), e.token);
      expect((await reg.list(a, ['u'])).get('u')).toEqual([e]);
      await reg.removeToken(a, e.token);
      expect(await reg.list(a, ['u'])).toEqual(new Map());
      // The removed token can be registered afresh.
      await reg.put(a, 'w', e);
      expect((await reg.list(a, ['w'])).get('w')).toEqual([e]);
    });

    it('stores receive options per conversation and owner, only when non-zero', async () => {
      const a = app();
      const conv = `c2c:alice:bob:${hex(3)}`;
      expect(await reg.getRecvOpts(a, ['alice', 'bob'], conv)).toEqual(new Map());
      await reg.setRecvOpt(a, 'bob', conv, RecvOpt.NO_PUSH);
      await reg.setRecvOpt(a, 'carol', conv, RecvOpt.RECEIVE);
      expect(await reg.getRecvOpts(a, ['alice', 'bob', 'carol'], conv)).toEqual(new Map([['bob', 1]]));
      expect(await reg.getRecvOpts(a, ['bob'], `${conv}x`)).toEqual(new Map());
      expect(await reg.getRecvOpts(app(), ['bob'], conv)).toEqual(new Map());
      await reg.setRecvOpt(a, 'alice', conv, RecvOpt.NO_PUSH);
      await reg.setRecvOpt(a, 'bob', conv, RecvOpt.RECEIVE);
      expect(await reg.getRecvOpts(a, ['alice', 'bob'], conv)).toEqual(new Map([['alice', 1]]));
      expect(await reg.getRecvOpts(a, [], conv)).toEqual(new Map());
    });

    it('refuses malformed input with clear errors', async () => {
      const a = app();
      await expect(reg.put(a, 'u', { ...fcm('d'), platform: 'mpns' } as unknown as PushDevice)).rejects.toThrow(/platform must be one of apns\|fcm/);
      await expect(reg.put(a, 'u', fcm('d', 1, ''))).rejects.toThrow(/token must not be empty/);
      await expect(reg.put(a, 'u', fcm('d', 1, 'x'.repeat(MAX_PUSH_TOKEN_CHARS + 1)))).rejects.toThrow(/token must be at most/);
      await expect(reg.put(a, 'u', fcm(''))).rejects.toThrow(/deviceId must not be empty/);
      await expect(reg.put(a, '', fcm('d'))).rejects.toThrow(/userId/);
      await expect(reg.put(0, 'u', fcm('d'))).rejects.toThrow(/sdkAppId/);
      await expect(reg.put(a, 'u', fcm('d', -1))).rejects.toThrow(/updatedAt/);
      await expect(reg.setRecvOpt(a, 'u', 'c', 2 as 1)).rejects.toThrow(/recv opt must be 0 or 1/);
      await expect(reg.setRecvOpt(a, 'u', '', 1)).rejects.toThrow(/convId/);
      const many = Array.from({ length: MAX_PUSH_BATCH + 1 }, (_, i) => `u${i}`);
      await expect(reg.list(a, many)).rejects.toThrow(/at most 500/);
      await expect(reg.getRecvOpts(a, many, 'c')).rejects.toThrow(/at most 500/);
      expect(await reg.list(a, ['u'])).toEqual(new Map());
    });

    if (opts.reopen) {
      it('keeps registrations and options across a reopen', async () => {
        const a = app();
        const d = apns('ios', 7);
        await reg.put(a, 'u', d);
        await reg.setRecvOpt(a, 'u', 'c2c:u:v', RecvOpt.NO_PUSH);
        reg = await opts.reopen!();
        expect((await reg.list(a, ['u'])).get('u')).toEqual([d]);
        expect(await reg.getRecvOpts(a, ['u'], 'c2c:u:v')).toEqual(new Map([['u', 1]]));
        await reg.removeToken(a, d.token);
        expect(await reg.list(a, ['u'])).toEqual(new Map());
      });
    }
  });
}
