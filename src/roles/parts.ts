// The one place that picks implementations (layout-and-style B5.10): every port is opened here
// from the config's choice. Each opener returns the port plus its own close, so node.ts can shut
// down in reverse order without knowing which implementation it got.
import { join } from 'node:path';
import type { AppDirectory } from '../apps/app-directory.js';
import type { Config } from '../config/config.js';
import type { Bus } from '../bus/bus.js';
import { MemoryBus } from '../bus/memory.js';
import { connectNatsBus, type NatsBus } from '../bus/nats.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Presence } from '../presence/presence.js';
import { MemoryPresence } from '../presence/memory.js';
import { createRedisPresence } from '../presence/redis.js';
import type { RoomOnline } from '../groups/room-online.js';
import { MemoryRoomOnline } from '../groups/room-online-memory.js';
import { createRedisRoomOnline } from '../groups/room-online-redis.js';
import type { Store } from '../store/index.js';
import { createMemoryStore } from '../store/memory/index.js';
import { openLmdbStore } from '../store/lmdb/index.js';
import { openCassandraStore } from '../store/cassandra/index.js';
import type { ShardLeases } from '../actors/shard-leases.js';
import { MemoryShardLeases } from '../actors/leases-memory.js';
import { createNatsShardLeases } from '../actors/leases-nats.js';
import type { Webhooks } from '../webhooks/webhooks.js';
import { createHttpWebhooks } from '../webhooks/http.js';
import { createPushProvider } from '../push/from-config.js';
import { OfflinePusher } from '../push/offline-pusher.js';

export interface Common {
  config: Config;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  apps: AppDirectory;
}

export async function openStore({ config, log }: Common): Promise<Store> {
  switch (config.store) {
    case 'memory':
      return createMemoryStore();
    case 'lmdb':
      return openLmdbStore({ path: join(config.dataDir, 'lmdb') });
    case 'cassandra':
      return openCassandraStore({ ...config.cassandra, log: log.child({ component: 'cassandra' }) });
  }
}

export async function openBus({ config, log, metrics }: Common): Promise<Bus> {
  if (config.bus === 'memory') return new MemoryBus({ log, metrics });
  return connectNatsBus({ url: config.natsUrl, name: config.nodeId, log: log.child({ component: 'nats' }), metrics });
}

export async function openPresence({ config, clock }: Common): Promise<Presence> {
  if (config.presence === 'memory') return new MemoryPresence(clock);
  return createRedisPresence({ url: config.redisUrl, keyPrefix: config.redisKeyPrefix, clock });
}

/** Live-room online counts: in process with memory presence, else in Redis beside the routes. */
export async function openRoomOnline({ config, clock }: Common): Promise<RoomOnline> {
  if (config.presence === 'memory') return new MemoryRoomOnline(clock);
  return createRedisRoomOnline({ url: config.redisUrl, keyPrefix: config.redisKeyPrefix, clock });
}

export async function openLeases({ config, clock }: Common, bus: Bus): Promise<ShardLeases> {
  if (config.bus === 'memory') return new MemoryShardLeases(clock, config.lease.ttlMs);
  return createNatsShardLeases({ nc: (bus as NatsBus).raw, bucket: config.lease.bucket, ttlMs: config.lease.ttlMs });
}

export function openWebhooks({ apps, clock, log, metrics, config }: Common): Webhooks {
  return createHttpWebhooks({ apps, clock, log: log.child({ component: 'webhooks' }), metrics, limits: config.limits });
}

/** Offline push for stored messages (worker side): the providers config.push has credentials for.
 *  close() lets running pushes finish, then releases the provider's connections. */
export function openOfflinePush({ config, clock, log, metrics }: Common, store: Store, presence: Presence): { pusher: OfflinePusher; close(): Promise<void> } {
  const provider = createPushProvider(config.push, { clock, metrics });
  const pusher = new OfflinePusher({ registry: store.pushRegistry, presence, provider, metrics, log: log.child({ component: 'offline-push' }) });
  return { pusher, close: () => pusher.close().then(() => provider.close()) };
}
