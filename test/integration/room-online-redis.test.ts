// RedisRoomOnline against a real Redis: the RoomOnline contract (expiry read from an injected fake
// clock, keys in a random prefix), plus what only Redis shows: a room key expires by itself once no
// edge refreshes it, and a clear error for a bad url.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRoomOnline } from '../../src/groups/room-online-redis.js';
import { roomOnlineContract } from '../contract/room-online.contract.js';
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

const prefix = () => `it-room-online-${randomBytes(6).toString('hex')}:`;

roomOnlineContract('redis', async () => {
  const clock = new FakeClock();
  const online = await createRedisRoomOnline({ url, keyPrefix: prefix(), clock });
  return { online, advance: (ms) => clock.advance(ms), close: () => online.close() };
});

describe('RedisRoomOnline', () => {
  it('lets a room key expire in Redis when no edge refreshes it', async () => {
    const p = prefix();
    const online = await createRedisRoomOnline({ url, keyPrefix: p });
    await online.report('e1', [{ sdkAppId: 1400000001, groupId: 'r', count: 3 }], 200);
    expect(await admin.exists(`${p}ro:1400000001:r`)).toBe(1);
    await new Promise((r) => setTimeout(r, 400));
    expect(await admin.exists(`${p}ro:1400000001:r`)).toBe(0);
    expect(await online.count(1400000001, 'r')).toBe(0);
    await online.close();
  });

  it('refuses a url that is not redis://', async () => {
    await expect(createRedisRoomOnline({ url: 'http://localhost:6379' })).rejects.toThrow(/redis:\/\//);
  });
});
