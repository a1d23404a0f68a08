// RedisPresence against a real Redis: the shared Presence contract with real time (small TTLs,
// advance sleeps), plus what only Redis shows: keys cleaned up after a crashed edge, expiring push
// keys, key prefixes isolating instances, one round trip per batch, a clear connect error.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisPresence } from '../../src/presence/redis.js';
import { PUSH_ONLINE_TTL_MS } from '../../src/presence/presence-rules.js';
import { presenceContract } from '../contract/presence.contract.js';
import { FakeClock } from '../support/fake-clock.js';
import { itEnv } from '../support/it-env.js';

let url = '';
let admin: Redis;
beforeAll(async () => {
  url = itEnv().redisUrl;
  admin = new Redis(url);
});
afterAll(async () => {
  await admin?.quit();
});

const prefix = () => `it-presence-${randomBytes(6).toString('hex')}:`;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

presenceContract('redis', async () => {
  const presence = await createRedisPresence({ url, keyPrefix: prefix() });
  return { presence, advance: sleep, close: () => presence.close() };
});

const APP = 1_400_000_010;
const route = (userId: string, edgeId: string, connId: string) =>
  ({ sdkAppId: APP, userId, connId, edgeId, platform: 'Android', deviceId: `${connId}-dev`, since: 1 }) as const;

describe('RedisPresence specifics', () => {
  it('deletes a lapsed edge’s keys at the next heartbeat of any edge', async () => {
    const clock = new FakeClock();
    const keyPrefix = prefix();
    const p = await createRedisPresence({ url, keyPrefix, clock });
    try {
      await p.edgeAlive('dead', 1_000);
      await p.edgeAlive('live', 60_000);
      for (let i = 0; i < 3; i++) await p.attach(route(`u${i}`, 'dead', `c${i}`));
      await p.attach(route('u0', 'live', 'c-live'));
      expect((await admin.keys(`${keyPrefix}*`)).length).toBeGreaterThan(2);
      clock.advance(1_000);
      await p.edgeAlive('live', 60_000);
      expect((await admin.keys(`${keyPrefix}*`)).sort()).toEqual(
        [`${keyPrefix}presence:edges`, `${keyPrefix}presence:edge:live`, `${keyPrefix}presence:r:${APP}:u0`].sort(),
      );
      expect(await admin.zrange(`${keyPrefix}presence:edges`, 0, -1)).toEqual(['live']);
      await p.dropEdge('live');
      expect(await admin.keys(`${keyPrefix}*`)).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('gives the push key a TTL so a user who never returns leaves nothing', async () => {
    const keyPrefix = prefix();
    const p = await createRedisPresence({ url, keyPrefix });
    try {
      await p.edgeAlive('e1', 10_000);
      await p.attach(route('gone', 'e1', 'c1'));
      await p.detach(APP, 'gone', 'c1', { pushOnline: true });
      const ttl = await admin.pttl(`${keyPrefix}presence:p:${APP}:gone`);
      expect(ttl).toBeGreaterThan(PUSH_ONLINE_TTL_MS - 60_000);
      expect(ttl).toBeLessThanOrEqual(PUSH_ONLINE_TTL_MS);
    } finally {
      await p.close();
    }
  });

  it('honours the default PushOnline TTL on the injected clock', async () => {
    const clock = new FakeClock();
    const p = await createRedisPresence({ url, keyPrefix: prefix(), clock });
    try {
      await p.edgeAlive('e1', 10_000);
      await p.attach(route('u', 'e1', 'c1'));
      await p.detach(APP, 'u', 'c1', { pushOnline: true });
      clock.advance(PUSH_ONLINE_TTL_MS - 1);
      expect((await p.onlineState(APP, ['u'])).get('u')?.status).toBe('PushOnline');
      clock.advance(1);
      expect((await p.onlineState(APP, ['u'])).get('u')?.status).toBe('Offline');
    } finally {
      await p.close();
    }
  });

  it('keeps instances with different key prefixes apart', async () => {
    const [p1, p2] = await Promise.all([createRedisPresence({ url, keyPrefix: prefix() }), createRedisPresence({ url, keyPrefix: prefix() })]);
    try {
      await p1.edgeAlive('e1', 10_000);
      await p1.attach(route('shared', 'e1', 'c1'));
      await p2.edgeAlive('e1', 10_000);
      expect((await p1.routesOf(APP, ['shared'])).size).toBe(1);
      expect((await p2.routesOf(APP, ['shared'])).size).toBe(0);
    } finally {
      await Promise.all([p1.close(), p2.close()]);
    }
  });

  it('reads a batch of 1,200 users with one script per 500 users and nothing else', async () => {
    const keyPrefix = prefix();
    const p = await createRedisPresence({ url, keyPrefix });
    const monitor = new Redis(url);
    try {
      await p.edgeAlive('e1', 10_000);
      const users = Array.from({ length: 1_200 }, (_, i) => `rt-${i}`);
      await Promise.all(users.slice(0, 50).map((u, i) => p.attach(route(u, 'e1', `c${i}`))));
      // Count the commands the server sees while the batch runs (MONITOR shows each one).
      const seen: string[] = [];
      const marker = `${keyPrefix}done`;
      let markerSeen: () => void = () => {};
      const done = new Promise<void>((r) => (markerSeen = r));
      const mon = await monitor.monitor();
      mon.on('monitor', (_t: string, args: string[]) => {
        if (args[1] === marker) markerSeen();
        else if (args.some((a) => a.startsWith(keyPrefix))) seen.push(String(args[0]).toLowerCase());
      });
      const states = await p.onlineState(APP, users);
      const routes = await p.routesOf(APP, users);
      // MONITOR lists commands in execution order: once the marker shows, everything before it has.
      await admin.echo(marker);
      await done;
      mon.disconnect();
      expect([...states.values()].filter((s) => s.status === 'Online')).toHaveLength(50);
      expect(routes.size).toBe(50);
      // 3 scripts of <=500 users per call, for each of the two calls; nothing else.
      expect(seen.filter((c) => c === 'evalsha' || c === 'eval')).toHaveLength(6);
      expect(seen.filter((c) => c !== 'evalsha' && c !== 'eval' && !['hvals', 'zscore', 'hgetall'].includes(c))).toEqual([]);
    } finally {
      monitor.disconnect();
      await p.close();
    }
  });

  it('fails with a clear error when Redis is unreachable or the url is bad', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const a = srv.address();
        srv.close(() => resolve(typeof a === 'object' && a ? a.port : 1));
      });
    });
    await expect(createRedisPresence({ url: `redis://127.0.0.1:${port}` })).rejects.toThrow(/cannot connect to Redis/);
    await expect(createRedisPresence({ url: 'http://localhost' })).rejects.toThrow(/redis:\/\//);
  });
});
