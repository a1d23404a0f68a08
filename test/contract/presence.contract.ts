// The Presence contract, run against every implementation. `advance` moves time: a FakeClock for
// memory, a real sleep where TTLs are real. TTLs here are long enough that a slow machine cannot
// turn "refreshed in time" into "expired" (gaps of 40% of a TTL), and every expiry check advances
// well past the TTL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Presence, Route } from '../../src/presence/presence.js';
import type { Platform } from '../../src/sessions/login-policy.js';

export interface PresenceFixture {
  presence: Presence;
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

const APP = 1_400_000_001;
const OTHER_APP = 1_400_000_002;
const EDGE_TTL = 1_000;
const PUSH_TTL = 1_500;

let n = 0;
function route(userId: string, edgeId: string, over: Partial<Route> = {}): Route {
  n++;
  return { sdkAppId: APP, userId, connId: `c${n}`, edgeId, platform: 'Android' as Platform, deviceId: `d${n}`, since: 1_000 + n, ...over };
}

export function presenceContract(name: string, make: () => Promise<PresenceFixture>): void {
  describe(`Presence contract: ${name}`, () => {
    let fx: PresenceFixture;
    let p: Presence;

    beforeEach(async () => {
      fx = await make();
      p = fx.presence;
    });
    afterEach(async () => {
      await fx.close();
    });

    it('lists attached routes per user and leaves unknown users out', async () => {
      await p.edgeAlive('e1', EDGE_TTL);
      const r = route('alice', 'e1', { platform: 'iPhone' });
      await p.attach({ ...r, extra: 'ignored' } as Route);
      const got = await p.routesOf(APP, ['alice', 'bob']);
      expect([...got.keys()]).toEqual(['alice']);
      expect(got.get('alice')).toEqual([r]);
    });

    it('keeps every device of a user, oldest connection first', async () => {
      await p.edgeAlive('e1', EDGE_TTL);
      await p.edgeAlive('e2', EDGE_TTL);
      const web = route('carol', 'e2', { platform: 'Web', since: 2_000 });
      const phone = route('carol', 'e1', { platform: 'iPhone', since: 1_000 });
      await p.attach(web);
      await p.attach(phone);
      expect((await p.routesOf(APP, ['carol'])).get('carol')).toEqual([phone, web]);
      const state = (await p.onlineState(APP, ['carol'])).get('carol');
      expect(state?.status).toBe('Online');
      expect(state?.devices).toEqual([
        { platform: 'iPhone', deviceId: phone.deviceId, status: 'Online' },
        { platform: 'Web', deviceId: web.deviceId, status: 'Online' },
      ]);
    });

    it('detach removes one connection and is a no-op for unknown ones', async () => {
      await p.edgeAlive('e1', EDGE_TTL);
      const a = route('dave', 'e1');
      const b = route('dave', 'e1', { platform: 'PC' });
      await p.attach(a);
      await p.attach(b);
      await p.detach(APP, 'dave', a.connId);
      await p.detach(APP, 'dave', 'no-such-conn');
      await p.detach(APP, 'nobody', 'no-such-conn');
      expect((await p.routesOf(APP, ['dave'])).get('dave')).toEqual([b]);
      await p.detach(APP, 'dave', b.connId);
      expect((await p.routesOf(APP, ['dave'])).size).toBe(0);
      expect((await p.onlineState(APP, ['dave'])).get('dave')).toEqual({ status: 'Offline', devices: [] });
    });

    it('never shows one app the users of another', async () => {
      await p.edgeAlive('e1', EDGE_TTL);
      await p.attach(route('erin', 'e1'));
      expect((await p.routesOf(OTHER_APP, ['erin'])).size).toBe(0);
      expect((await p.onlineState(OTHER_APP, ['erin'])).get('erin')?.status).toBe('Offline');
      await p.detach(OTHER_APP, 'erin', 'c-any', { pushOnline: true });
      expect((await p.onlineState(APP, ['erin'])).get('erin')?.status).toBe('Online');
    });

    it('hides routes of an edge that stopped heartbeating', async () => {
      await p.edgeAlive('e1', EDGE_TTL);
      await p.edgeAlive('e2', EDGE_TTL * 10);
      await p.attach(route('frank', 'e1'));
      const kept = route('frank', 'e2');
      await p.attach(kept);
      await fx.advance(EDGE_TTL + 500);
      expect((await p.routesOf(APP, ['frank'])).get('frank')).toEqual([kept]);
      await p.edgeAlive('e2', EDGE_TTL * 10); // a heartbeat elsewhere (may clean up e1 lazily)
      expect((await p.routesOf(APP, ['frank'])).get('frank')).toEqual([kept]);
    });

    it('does not count routes of an edge that never heartbeated', async () => {
      await p.attach(route('gina', 'silent-edge'));
      expect((await p.routesOf(APP, ['gina'])).size).toBe(0);
      expect((await p.onlineState(APP, ['gina'])).get('gina')?.status).toBe('Offline');
    });

    it('keeps routes while the edge keeps heartbeating', async () => {
      await p.edgeAlive('e1', EDGE_TTL);
      const r = route('hank', 'e1');
      await p.attach(r);
      for (let i = 0; i < 3; i++) {
        await fx.advance(EDGE_TTL * 0.4);
        await p.edgeAlive('e1', EDGE_TTL);
      }
      expect((await p.routesOf(APP, ['hank'])).get('hank')).toEqual([r]);
    });

    it('dropEdge removes that edge’s routes at once and only those', async () => {
      await p.edgeAlive('e1', EDGE_TTL * 10);
      await p.edgeAlive('e2', EDGE_TTL * 10);
      await p.attach(route('ivy', 'e1'));
      const other = route('ivy', 'e2');
      await p.attach(other);
      const moved = route('jack', 'e1');
      await p.attach(moved);
      const movedNow = { ...moved, edgeId: 'e2' }; // same connection re-attached through e2
      await p.attach(movedNow);
      await p.dropEdge('e1');
      const got = await p.routesOf(APP, ['ivy', 'jack']);
      expect(got.get('ivy')).toEqual([other]);
      expect(got.get('jack')).toEqual([movedNow]);
      // Removed, not merely hidden: the same edge id heartbeating again brings nothing back.
      await p.edgeAlive('e1', EDGE_TTL * 10);
      expect((await p.routesOf(APP, ['ivy'])).get('ivy')).toEqual([other]);
      await p.dropEdge('never-seen');
    });

    it('keeps a device PushOnline after detach with pushOnline until it attaches again', async () => {
      await p.edgeAlive('e1', EDGE_TTL * 10);
      const phone = route('kim', 'e1', { platform: 'iPhone', deviceId: 'kim-phone' });
      await p.attach(phone);
      await p.detach(APP, 'kim', phone.connId, { pushOnline: true, pushOnlineTtlMs: PUSH_TTL * 10 });
      expect((await p.routesOf(APP, ['kim'])).size).toBe(0);
      expect((await p.onlineState(APP, ['kim'])).get('kim')).toEqual({
        status: 'PushOnline',
        devices: [{ platform: 'iPhone', deviceId: 'kim-phone', status: 'PushOnline' }],
      });
      // A web login meanwhile: Online overall, the phone still listed as PushOnline.
      const web = route('kim', 'e1', { platform: 'Web', deviceId: 'kim-web' });
      await p.attach(web);
      expect((await p.onlineState(APP, ['kim'])).get('kim')).toEqual({
        status: 'Online',
        devices: [
          { platform: 'Web', deviceId: 'kim-web', status: 'Online' },
          { platform: 'iPhone', deviceId: 'kim-phone', status: 'PushOnline' },
        ],
      });
      await p.detach(APP, 'kim', web.connId);
      // The phone comes back: Online again, listed once.
      const again = route('kim', 'e1', { platform: 'iPhone', deviceId: 'kim-phone' });
      await p.attach(again);
      expect((await p.onlineState(APP, ['kim'])).get('kim')).toEqual({
        status: 'Online',
        devices: [{ platform: 'iPhone', deviceId: 'kim-phone', status: 'Online' }],
      });
      // A plain detach now leaves nothing behind: the attach consumed the push entry.
      await p.detach(APP, 'kim', again.connId);
      expect((await p.onlineState(APP, ['kim'])).get('kim')?.status).toBe('Offline');
    });

    it('lets PushOnline expire after its TTL', async () => {
      await p.edgeAlive('e1', EDGE_TTL * 10);
      const phone = route('lee', 'e1', { platform: 'Android', deviceId: 'lee-phone' });
      await p.attach(phone);
      await p.detach(APP, 'lee', phone.connId, { pushOnline: true, pushOnlineTtlMs: PUSH_TTL });
      expect((await p.onlineState(APP, ['lee'])).get('lee')?.status).toBe('PushOnline');
      await fx.advance(PUSH_TTL + 500);
      expect((await p.onlineState(APP, ['lee'])).get('lee')).toEqual({ status: 'Offline', devices: [] });
    });

    it('keeps PushOnline by default far longer than an edge TTL', async () => {
      await p.edgeAlive('e1', EDGE_TTL);
      const phone = route('mia', 'e1', { platform: 'iPhone' });
      await p.attach(phone);
      await p.detach(APP, 'mia', phone.connId, { pushOnline: true });
      await fx.advance(EDGE_TTL + 500);
      expect((await p.onlineState(APP, ['mia'])).get('mia')?.status).toBe('PushOnline');
    });

    it('answers Offline for users it has never seen', async () => {
      const got = await p.onlineState(APP, ['ghost-1', 'ghost-2', 'ghost-1']);
      expect([...got.entries()]).toEqual([
        ['ghost-1', { status: 'Offline', devices: [] }],
        ['ghost-2', { status: 'Offline', devices: [] }],
      ]);
      expect((await p.routesOf(APP, [])).size).toBe(0);
    });

    it('answers a batch of 500 users, and a larger one', async () => {
      await p.edgeAlive('e-batch', EDGE_TTL * 10);
      const users = Array.from({ length: 500 }, (_, i) => `batch-${i}`);
      await Promise.all(users.map((u) => p.attach(route(u, 'e-batch'))));
      const routes = await p.routesOf(APP, [...users, 'batch-missing']);
      expect(routes.size).toBe(500);
      expect(routes.get('batch-499')?.[0]?.userId).toBe('batch-499');
      const asked = [...users, ...Array.from({ length: 700 }, (_, i) => `batch-none-${i}`)];
      const states = await p.onlineState(APP, asked);
      expect(states.size).toBe(1200);
      expect([...states.values()].filter((s) => s.status === 'Online')).toHaveLength(500);
      expect(states.get('batch-none-699')?.status).toBe('Offline');
    });

    it('rejects bad input with clear errors', async () => {
      await expect(p.attach({ ...route('x', 'e1'), sdkAppId: 0 })).rejects.toThrow(/sdkAppId/);
      await expect(p.attach({ ...route('x', 'e1'), platform: 'Nokia' as Platform })).rejects.toThrow(/platform/);
      await expect(p.attach({ ...route('x', 'e1'), connId: '' })).rejects.toThrow(/connId/);
      await expect(p.edgeAlive('e1', 0)).rejects.toThrow(/ttlMs/);
      await expect(p.edgeAlive('', 1_000)).rejects.toThrow(/edgeId/);
      await expect(p.routesOf(APP, 'alice' as unknown as string[])).rejects.toThrow(/array/);
      await expect(p.onlineState(APP, [''])).rejects.toThrow(/userId/);
      await expect(p.detach(APP, 'x', 'c', { pushOnline: true, pushOnlineTtlMs: -1 })).rejects.toThrow(/pushOnlineTtlMs/);
    });

    it('refuses use after close', async () => {
      await p.close();
      await expect(p.routesOf(APP, ['alice'])).rejects.toThrow(/close/);
      await p.close();
    });
  });
}
