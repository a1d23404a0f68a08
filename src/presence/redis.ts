// Redis presence; see the Presence interface for the contract and redis-scripts.ts for the key
// layout. Every call is one round trip: one Lua script, or for batches above
// PRESENCE_MAX_USERS_PER_SCRIPT several scripts in one pipeline. Times come from the injected
// clock (edges and readers must keep their clocks in sync, as NTP does). Routes of a crashed edge
// stop counting when its deadline passes and are deleted by later heartbeats of any edge.

import { Redis } from 'ioredis';
import type { Clock } from '../lib/clock.js';
import { systemClock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import { silentLogger } from '../lib/log.js';
import type { Platform } from '../sessions/login-policy.js';
import type { Presence, Route, UserOnlineState } from './presence.js';
import {
  assertAppId,
  assertId,
  assertRoute,
  assertTtl,
  assertUserIds,
  composeOnlineState,
  pickRoute,
  PresenceClosedError,
  PUSH_ONLINE_TTL_MS,
  sortRoutes,
  unique,
  type PushDevice,
} from './presence-rules.js';
import { PRESENCE_SCRIPTS, scriptSource, type PresenceScriptName } from './redis-scripts.js';

/** Users per Lua call; bigger batches are split, still in one pipeline (one round trip). */
export const PRESENCE_MAX_USERS_PER_SCRIPT = 500;
/** Dead-edge connection refs one heartbeat may clean up, so a sweep never blocks Redis long. */
export const PRESENCE_SWEEP_BUDGET = 200;
/** Connection refs removed per dropEdge script call. */
export const PRESENCE_DROP_BATCH = 1_000;
export const PRESENCE_CONNECT_TIMEOUT_MS = 10_000;
export const PRESENCE_DEFAULT_KEY_PREFIX = 'im:';

export interface RedisPresenceOptions {
  url: string;
  /** Namespace for every key (tests use a random one). */
  keyPrefix?: string;
  clock?: Clock;
  log?: Logger;
}

type ScriptFn = (numKeys: number, ...keysAndArgs: Array<string | number>) => unknown;
type Scripted = Record<PresenceScriptName, ScriptFn>;

export async function createRedisPresence(opts: RedisPresenceOptions): Promise<RedisPresence> {
  if (typeof opts.url !== 'string' || !/^rediss?:\/\//.test(opts.url)) {
    throw new TypeError(`presence: Redis url must start with redis:// or rediss://, got ${JSON.stringify(opts.url)}`);
  }
  const prefix = opts.keyPrefix ?? PRESENCE_DEFAULT_KEY_PREFIX;
  if (typeof prefix !== 'string') throw new TypeError('presence: keyPrefix must be a string');
  const log = opts.log ?? silentLogger;
  const where = redact(opts.url);
  const redis = new Redis(opts.url, { lazyConnect: true, connectTimeout: PRESENCE_CONNECT_TIMEOUT_MS });
  redis.on('error', (err: Error) => log.warn('presence redis error', { url: where, err }));
  for (const name of Object.keys(PRESENCE_SCRIPTS) as PresenceScriptName[]) {
    redis.defineCommand(name, { lua: scriptSource(name) });
  }
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw new Error(`presence: cannot connect to Redis at ${where}: ${(err as Error).message}`, { cause: err });
  }
  return new RedisPresence(redis, `${prefix}presence:`, opts.clock ?? systemClock, log);
}

export class RedisPresence implements Presence {
  private closed = false;
  private readonly edgesKey: string;

  constructor(
    private readonly redis: Redis,
    private readonly base: string,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    this.edgesKey = `${base}edges`;
  }

  async attach(route: Route): Promise<void> {
    this.open();
    assertRoute(route);
    const r = pickRoute(route);
    await this.script('presenceAttach', [this.routesKey(r.sdkAppId, r.userId), this.pushKey(r.sdkAppId, r.userId), this.edgeKey(r.edgeId)], [
      r.connId,
      JSON.stringify(r),
      r.deviceId,
      ref(r.sdkAppId, r.userId, r.connId),
      this.base,
    ]);
  }

  async detach(sdkAppId: number, userId: string, connId: string, opts: { pushOnline?: boolean; pushOnlineTtlMs?: number } = {}): Promise<void> {
    this.open();
    assertAppId(sdkAppId);
    assertId('userId', userId);
    assertId('connId', connId);
    const ttl = opts.pushOnlineTtlMs ?? PUSH_ONLINE_TTL_MS;
    if (opts.pushOnline) assertTtl('pushOnlineTtlMs', ttl);
    await this.script('presenceDetach', [this.routesKey(sdkAppId, userId), this.pushKey(sdkAppId, userId)], [
      connId,
      ref(sdkAppId, userId, connId),
      this.base,
      opts.pushOnline ? '1' : '0',
      this.clock.nowMs() + ttl,
      ttl,
    ]);
  }

  async edgeAlive(edgeId: string, ttlMs: number): Promise<void> {
    this.open();
    assertId('edgeId', edgeId);
    assertTtl('ttlMs', ttlMs);
    const now = this.clock.nowMs();
    const swept = await this.script('presenceEdgeAlive', [this.edgesKey], [edgeId, now + ttlMs, now, this.base, PRESENCE_SWEEP_BUDGET]);
    if (typeof swept === 'number' && swept > 0) this.log.debug('presence swept routes of lapsed edges', { swept });
  }

  async routesOf(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, Route[]>> {
    this.open();
    assertAppId(sdkAppId);
    assertUserIds(userIds);
    const out = new Map<string, Route[]>();
    for (const [userId, { routes }] of await this.read(sdkAppId, unique(userIds), false)) {
      if (routes.length > 0) out.set(userId, routes);
    }
    return out;
  }

  async onlineState(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, UserOnlineState>> {
    this.open();
    assertAppId(sdkAppId);
    assertUserIds(userIds);
    const now = this.clock.nowMs();
    const out = new Map<string, UserOnlineState>();
    for (const [userId, { routes, push }] of await this.read(sdkAppId, unique(userIds), true, now)) {
      out.set(userId, composeOnlineState(routes, push, now));
    }
    return out;
  }

  async dropEdge(edgeId: string): Promise<void> {
    this.open();
    assertId('edgeId', edgeId);
    const keys = [this.edgesKey, this.edgeKey(edgeId)];
    // Each call shrinks the index; an edge still attaching while being dropped is a caller bug.
    for (;;) {
      const left = await this.script('presenceDropEdge', keys, [edgeId, this.base, PRESENCE_DROP_BATCH]);
      if (typeof left !== 'number' || left === 0) return;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }

  private async read(
    sdkAppId: number,
    userIds: string[],
    withPush: boolean,
    now = this.clock.nowMs(),
  ): Promise<Map<string, { routes: Route[]; push: PushDevice[] }>> {
    const out = new Map<string, { routes: Route[]; push: PushDevice[] }>();
    if (userIds.length === 0) return out;
    const chunks: string[][] = [];
    for (let i = 0; i < userIds.length; i += PRESENCE_MAX_USERS_PER_SCRIPT) chunks.push(userIds.slice(i, i + PRESENCE_MAX_USERS_PER_SCRIPT));
    const pipe = this.redis.pipeline();
    for (const chunk of chunks) {
      const keys = [this.edgesKey];
      for (const u of chunk) {
        keys.push(this.routesKey(sdkAppId, u));
        if (withPush) keys.push(this.pushKey(sdkAppId, u));
      }
      (pipe as unknown as Scripted).presenceRead(keys.length, ...keys, now, withPush ? '1' : '0');
    }
    const results = (await pipe.exec()) ?? [];
    chunks.forEach((chunk, c) => {
      const [err, reply] = results[c] ?? [new Error('presence: missing pipeline reply'), null];
      if (err) throw err;
      const rows = reply as Array<string[]>;
      const per = withPush ? 2 : 1;
      chunk.forEach((userId, i) => {
        const routes = sortRoutes((rows[i * per] ?? []).map((raw) => JSON.parse(raw) as Route));
        const push = withPush ? parsePush(rows[i * per + 1] ?? []) : [];
        out.set(userId, { routes, push });
      });
    });
    return out;
  }

  private script(name: PresenceScriptName, keys: string[], args: Array<string | number>): Promise<unknown> {
    return (this.redis as unknown as Scripted)[name](keys.length, ...keys, ...args) as Promise<unknown>;
  }

  private routesKey(sdkAppId: number, userId: string): string {
    return `${this.base}r:${sdkAppId}:${userId}`;
  }

  private pushKey(sdkAppId: number, userId: string): string {
    return `${this.base}p:${sdkAppId}:${userId}`;
  }

  private edgeKey(edgeId: string): string {
    return `${this.base}edge:${edgeId}`;
  }

  private open(): void {
    if (this.closed) throw new PresenceClosedError();
  }
}

/** The per-edge index member; must match what the scripts decode (see redis-scripts.ts). */
const ref = (sdkAppId: number, userId: string, connId: string): string => JSON.stringify([String(sdkAppId), userId, connId]);

/** HGETALL of a push hash, flat [deviceId, "<until>:<platform>", ...]. */
function parsePush(flat: string[]): PushDevice[] {
  const out: PushDevice[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const v = flat[i + 1]!;
    const colon = v.indexOf(':');
    out.push({ deviceId: flat[i]!, until: Number(v.slice(0, colon)), platform: v.slice(colon + 1) as Platform });
  }
  return out;
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable url)';
  }
}
