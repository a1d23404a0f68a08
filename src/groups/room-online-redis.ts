// Redis RoomOnline; see room-online.ts for the contract. Layout: one hash per room
// `{prefix}ro:{sdkAppId}:{groupId}` with a field per edge holding "count:untilMs", and one set per
// edge `{prefix}ro-edge:{edgeId}` naming its rooms (for dropEdge). Each report is one pipeline;
// keys expire with the longest TTL reported so forgotten rooms vanish. Times come from the
// injected clock (edges and readers keep their clocks in sync, as for presence).
import { Redis } from 'ioredis';
import { systemClock, type Clock } from '../lib/clock.js';
import { silentLogger, type Logger } from '../lib/log.js';
import type { RoomCount, RoomOnline } from './room-online.js';
import { assertEdgeId, assertReport, assertRoom, RoomOnlineClosedError } from './room-online-rules.js';

export const ROOM_ONLINE_CONNECT_TIMEOUT_MS = 10_000;
export const ROOM_ONLINE_DEFAULT_KEY_PREFIX = 'im:';

export interface RedisRoomOnlineOptions {
  url: string;
  keyPrefix?: string;
  clock?: Clock;
  log?: Logger;
}

export async function createRedisRoomOnline(opts: RedisRoomOnlineOptions): Promise<RedisRoomOnline> {
  if (typeof opts.url !== 'string' || !/^rediss?:\/\//.test(opts.url)) {
    throw new TypeError(`room online: Redis url must start with redis:// or rediss://, got ${JSON.stringify(opts.url)}`);
  }
  const redis = new Redis(opts.url, { lazyConnect: true, connectTimeout: ROOM_ONLINE_CONNECT_TIMEOUT_MS });
  const log = opts.log ?? silentLogger;
  redis.on('error', (err: Error) => log.warn('room online redis error', { err }));
  await redis.connect();
  return new RedisRoomOnline(redis, opts.keyPrefix ?? ROOM_ONLINE_DEFAULT_KEY_PREFIX, opts.clock ?? systemClock);
}

export class RedisRoomOnline implements RoomOnline {
  private closed = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly clock: Clock,
  ) {}

  private roomKey(sdkAppId: number, groupId: string): string {
    return `${this.prefix}ro:${sdkAppId}:${groupId}`;
  }

  private edgeKey(edgeId: string): string {
    return `${this.prefix}ro-edge:${edgeId}`;
  }

  async report(edgeId: string, counts: readonly RoomCount[], ttlMs: number): Promise<void> {
    this.open();
    assertReport(edgeId, counts, ttlMs);
    if (counts.length === 0) return;
    const until = this.clock.nowMs() + ttlMs;
    const edgeKey = this.edgeKey(edgeId);
    const p = this.redis.pipeline();
    for (const c of counts) {
      const key = this.roomKey(c.sdkAppId, c.groupId);
      if (c.count === 0) {
        p.hdel(key, edgeId);
        p.srem(edgeKey, key);
        continue;
      }
      p.hset(key, edgeId, `${c.count}:${until}`);
      // Never shorten another edge's longer TTL: only extend.
      p.pexpire(key, ttlMs, 'GT');
      p.pexpire(key, ttlMs, 'NX');
      p.sadd(edgeKey, key);
    }
    p.pexpire(edgeKey, ttlMs);
    const results = await p.exec();
    for (const [err] of results ?? []) if (err) throw err;
  }

  async count(sdkAppId: number, groupId: string): Promise<number> {
    this.open();
    assertRoom(sdkAppId, groupId);
    const shares = await this.redis.hgetall(this.roomKey(sdkAppId, groupId));
    const now = this.clock.nowMs();
    let n = 0;
    for (const v of Object.values(shares)) {
      const [count, until] = v.split(':').map(Number);
      if (until !== undefined && until > now && count !== undefined && Number.isFinite(count)) n += count;
    }
    return n;
  }

  async dropEdge(edgeId: string): Promise<void> {
    this.open();
    assertEdgeId(edgeId);
    const edgeKey = this.edgeKey(edgeId);
    const rooms = await this.redis.smembers(edgeKey);
    const p = this.redis.pipeline();
    for (const key of rooms) p.hdel(key, edgeId);
    p.del(edgeKey);
    await p.exec();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private open(): void {
    if (this.closed) throw new RoomOnlineClosedError();
  }
}
