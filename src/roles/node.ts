// Assembles one process for its role from the config: `single` runs the edge and a worker over
// the memory bus and presence with the embedded store; `edge` and `worker` are the two halves of a
// cluster. Start order: store (apps upserted), bus, presence, webhooks; then actors (worker
// side) so the shards are owned before the edge reports ready. Stop order is the reverse, after
// the edge has drained its clients.
import { AppDirectory } from '../apps/app-directory.js';
import type { Config } from '../config/config.js';
import { ActorHost } from '../actors/host.js';
import { createActorClient } from '../actors/client.js';
import { ShardManager } from '../actors/shard-manager.js';
import { startEdge, type Edge } from '../edge/server.js';
import { systemClock } from '../lib/clock.js';
import { createLogger, type Logger } from '../lib/log.js';
import { createMetrics, type Metrics } from '../metrics/metrics.js';
import { createRestGateway } from '../rest/gateway.js';
import { PushTasks } from '../all-member-push/push-tasks.js';
import { sessionKind } from '../sessions/session-actor.js';
import { socialKind } from '../relationships/social-actor.js';
import { c2cKind } from '../conversations/c2c-actor.js';
import { groupKind } from '../groups/group-actor.js';
import type { Store } from '../store/index.js';
import { startHealthServer } from './health-server.js';
import { openBus, openLeases, openOfflinePush, openPresence, openRoomOnline, openStore, openWebhooks, type Common } from './parts.js';

export interface RunningNode {
  readonly config: Config;
  readonly log: Logger;
  readonly metrics: Metrics;
  /** The edge's bound port (edge and single roles). */
  readonly edge: Edge | undefined;
  /** Graceful: drain clients, hand shards back, flush webhooks, close connections. Idempotent. */
  stop(): Promise<void>;
}

export async function startNode(config: Config): Promise<RunningNode> {
  const clock = systemClock;
  const log = createLogger(config.logLevel, { node: config.nodeId, role: config.role });
  const metrics = createMetrics({ defaults: true, labels: { node: config.nodeId, role: config.role } });
  const apps = new AppDirectory(config.apps);
  const common: Common = { config, clock, log, metrics, apps };
  const closers: Array<() => Promise<void>> = [];

  try {
    const store = await openStore(common);
    closers.push(() => store.close());
    await upsertApps(store, config, clock.nowMs());
    const bus = await openBus(common);
    closers.push(() => bus.close());
    const presence = await openPresence(common);
    closers.push(() => presence.close());
    const webhooks = openWebhooks(common);
    closers.push(() => webhooks.close());
    const actors = createActorClient({ bus, shardCount: config.shardCount, clock, log, metrics, defaultTimeoutMs: config.limits.askTimeoutMs });

    if (config.role !== 'edge') {
      // Offline push (issue 3 item 10); closed after the actors that feed it have stopped.
      const offlinePush = openOfflinePush(common, store, presence);
      closers.push(() => offlinePush.close());
      const host = new ActorHost({
        bus,
        clock,
        log,
        metrics,
        shardCount: config.shardCount,
        client: actors,
        limits: config.limits,
        kinds: [sessionKind({ presence, bus, webhooks, clock, log, metrics, apps }), socialKind({ store, presence, bus, webhooks, clock, log, metrics, apps, askTimeoutMs: config.limits.askTimeoutMs }), c2cKind({ store, presence, bus, clock, log, webhooks, apps, offlinePush: offlinePush.pusher }), groupKind({ store, presence, bus, clock, log, webhooks, apps, metrics, offlinePush: offlinePush.pusher })],
      });
      const leases = await openLeases(common, bus);
      const manager = new ShardManager({
        workerId: config.nodeId,
        host,
        leases,
        shardCount: config.shardCount,
        renewMs: config.lease.renewMs,
        clock,
        log,
        metrics,
      });
      await manager.start();
      closers.push(async () => {
        await manager.stop();
        await host.stop();
      });
    }

    let edge: Edge | undefined;
    if (config.role === 'worker') {
      const health = await startHealthServer(config.host, config.port, metrics.registry);
      health.setReady(true);
      closers.push(() => health.close());
    } else {
      // A restarted edge keeps its id: routes its previous run left behind are not live sockets.
      await presence.dropEdge(config.nodeId);
      const pushTasks = new PushTasks({ store, actors, clock, log, metrics, askTimeoutMs: config.limits.askTimeoutMs });
      closers.push(() => pushTasks.close());
      const roomOnline = await openRoomOnline(common);
      closers.push(() => roomOnline.close());
      const rest = createRestGateway({ apps, store, actors, presence, roomOnline, webhooks, clock, log, metrics, limits: config.limits, pushTasks });
      edge = await startEdge({ config, apps, store, presence, roomOnline, bus, actors, rest, metrics, clock, log });
      const started = edge;
      closers.push(() => started.drain());
    }

    let stopping: Promise<void> | undefined;
    return {
      config,
      log,
      metrics,
      edge,
      stop: () => (stopping ??= closeAll(closers, log)),
    };
  } catch (e) {
    await closeAll(closers, log);
    throw e;
  }
}

async function upsertApps(store: Store, config: Config, nowMs: number): Promise<void> {
  for (const a of config.apps) {
    const existing = await store.apps.getApp(a.sdkAppId);
    await store.apps.putApp({
      sdkAppId: a.sdkAppId,
      secretKey: a.secretKey,
      admins: a.admins,
      name: a.name,
      loginPolicy: a.loginPolicy,
      createdAt: existing?.createdAt ?? nowMs,
    });
  }
}

/** Runs closers newest first; one failing does not stop the others. */
async function closeAll(closers: Array<() => Promise<void>>, log: Logger): Promise<void> {
  for (const close of closers.reverse()) {
    try {
      await close();
    } catch (e) {
      log.error('error while stopping', { err: e });
    }
  }
}
