// One whole node in this process for edge and session tests: memory bus, presence, store and
// webhooks, an ActorHost whose shard manager owns every shard, an actor client, the real REST
// gateway, and N uWS edges on 127.0.0.1 with OS-chosen ports. Same wiring as the single-process
// composition root, kept small on purpose.
import { randomBytes } from 'node:crypto';
import type { ActorClient, ActorKind } from '../../src/actors/actor.js';
import { createActorClient } from '../../src/actors/client.js';
import { ActorHost } from '../../src/actors/host.js';
import { MemoryShardLeases } from '../../src/actors/leases-memory.js';
import { ShardManager } from '../../src/actors/shard-manager.js';
import { AppDirectory } from '../../src/apps/app-directory.js';
import { MemoryBus } from '../../src/bus/memory.js';
import { DEFAULT_LIMITS, type AppConfig, type Limits } from '../../src/config/config.js';
import { startEdge, type Edge } from '../../src/edge/server.js';
import { systemClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/log.js';
import { createMetrics, type Metrics } from '../../src/metrics/metrics.js';
import { MemoryPresence } from '../../src/presence/memory.js';
import { MemoryRoomOnline } from '../../src/groups/room-online-memory.js';
import { createRestGateway, type RestGateway } from '../../src/rest/gateway.js';
import { PushTasks } from '../../src/all-member-push/push-tasks.js';
import { sessionKind } from '../../src/sessions/session-actor.js';
import { socialKind } from '../../src/relationships/social-actor.js';
import { c2cKind } from '../../src/conversations/c2c-actor.js';
import { groupKind } from '../../src/groups/group-actor.js';
import { MemoryPush } from '../../src/push/memory.js';
import { OfflinePusher } from '../../src/push/offline-pusher.js';
import type { LoginPolicy } from '../../src/sessions/login-policy.js';
import { createMemoryStore } from '../../src/store/memory/index.js';
import type { Store } from '../../src/store/index.js';
import { MemoryWebhooks } from '../../src/webhooks/memory.js';
import { officialSig } from './rest-client.js';

export const SHARD_COUNT = 8;

export interface InprocNodeOptions {
  edges?: number;
  loginPolicy?: LoginPolicy;
  limits?: Partial<Limits>;
  /** Replaces the real REST gateway (e.g. a stub). */
  rest?: RestGateway;
  /** A second app, to test foreign-app signatures. */
  extraApps?: AppConfig[];
  presenceTtlMs?: number;
  /** Changes to the test app (e.g. profileCustomFields). */
  app?: Partial<AppConfig>;
  /** Actor kinds added to the worker; one named like a built-in kind replaces it (test doubles). */
  extraKinds?: ActorKind<never>[];
  /** The store (default: a fresh memory store); closed by stop(). */
  store?: Store;
}

export interface InprocNode {
  app: AppConfig;
  apps: AppDirectory;
  edges: Edge[];
  /** Per edge. */
  metrics: Metrics[];
  /** The worker's (actor host, session actors, webhooks). */
  workerMetrics: Metrics;
  /** An actor client as REST handlers use it. */
  actors: ActorClient;
  /** Offline pushes the node sent (the provider behind its OfflinePusher). */
  pushProvider: MemoryPush;
  /** The all-member push tasks every edge's REST gateway starts (one registry for the node). */
  pushTasks: PushTasks;
  bus: MemoryBus;
  presence: MemoryPresence;
  /** Live-room online counts every edge reports to (and REST reads). */
  roomOnline: MemoryRoomOnline;
  store: Store;
  webhooks: MemoryWebhooks;
  limits: Limits;
  wsUrl(edge?: number): string;
  httpUrl(edge?: number): string;
  /** Edge 0's REST gateway, called directly. */
  gateway: RestGateway;
  /** POST /v4/{api} as the app admin through gateway.handle; the parsed answer. */
  rest(api: string, body: unknown): Promise<Record<string, unknown>>;
  /** A UserSig from the official tls-sig-api-v2 package. */
  sig(userId: string, expireSec?: number, app?: AppConfig): string;
  stop(): Promise<void>;
}

export function testApp(sdkAppId: number, loginPolicy: LoginPolicy = 'multi'): AppConfig {
  return {
    sdkAppId,
    secretKey: randomBytes(32).toString('hex'),
    admins: ['administrator'],
    name: `app-${sdkAppId}`,
    loginPolicy,
    restRatePerSec: 1000,
    // Recorded by MemoryWebhooks, never contacted.
    webhook: { url: 'http://app-backend.test/im-callback', timeoutMs: 2_000, failOpen: true },
  };
}

function withExtraKinds<K extends { kind: string }>(builtIn: K[], extra: readonly K[] = []): K[] {
  return [...builtIn.filter((k) => !extra.some((e) => e.kind === k.kind)), ...extra];
}

export async function startInprocNode(opts: InprocNodeOptions = {}): Promise<InprocNode> {
  const clock = systemClock;
  const log = silentLogger;
  const limits: Limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const app = { ...testApp(1400000000 + Math.floor(Math.random() * 90000), opts.loginPolicy), ...opts.app };
  const apps = new AppDirectory([app, ...(opts.extraApps ?? [])]);
  const workerMetrics = createMetrics();
  const bus = new MemoryBus({ metrics: workerMetrics });
  const presence = new MemoryPresence(clock);
  const roomOnline = new MemoryRoomOnline(clock);
  const store = opts.store ?? createMemoryStore();
  const webhooks = new MemoryWebhooks({ apps, clock, log, metrics: workerMetrics, limits });
  const pushProvider = new MemoryPush();
  const offlinePush = new OfflinePusher({ registry: store.pushRegistry, presence, provider: pushProvider, metrics: workerMetrics, log });
  const host = new ActorHost({
    bus,
    clock,
    log,
    metrics: workerMetrics,
    kinds: withExtraKinds(
      [
        sessionKind({ presence, bus, webhooks, clock, log, metrics: workerMetrics, apps }),
        socialKind({ store, presence, bus, webhooks, clock, log, metrics: workerMetrics, apps, askTimeoutMs: limits.askTimeoutMs }),
        c2cKind({ store, presence, bus, clock, log, webhooks, apps, offlinePush }),
        groupKind({ store, presence, bus, clock, log, webhooks, apps, metrics: workerMetrics, offlinePush }),
      ],
      opts.extraKinds,
    ),
    limits,
    shardCount: SHARD_COUNT,
  });
  const manager = new ShardManager({
    workerId: 'worker-1',
    host,
    leases: new MemoryShardLeases(clock, 6_000),
    shardCount: SHARD_COUNT,
    renewMs: 2_000,
    clock,
    log,
    metrics: workerMetrics,
  });
  await manager.start();
  const actors = createActorClient({ bus: bus.peer(), shardCount: SHARD_COUNT, clock, log, metrics: workerMetrics, defaultTimeoutMs: limits.askTimeoutMs });

  const pushTasks = new PushTasks({ store, actors, clock, log, metrics: workerMetrics, askTimeoutMs: limits.askTimeoutMs });
  const edges: Edge[] = [];
  const metrics: Metrics[] = [];
  const gateways: RestGateway[] = [];
  for (let i = 0; i < (opts.edges ?? 1); i++) {
    const m = createMetrics();
    const edgeBus = bus.peer();
    const edgeActors = createActorClient({ bus: edgeBus, shardCount: SHARD_COUNT, clock, log, metrics: m, defaultTimeoutMs: limits.askTimeoutMs });
    const rest = opts.rest ?? createRestGateway({ apps, store, actors: edgeActors, presence, roomOnline, webhooks, clock, log, metrics: m, limits, pushTasks });
    gateways.push(rest);
    edges.push(
      await startEdge({
        config: { host: '127.0.0.1', port: 0, nodeId: `edge-${i}`, presenceTtlMs: opts.presenceTtlMs ?? 15_000, limits },
        apps,
        store,
        presence,
        roomOnline,
        bus: edgeBus,
        actors: edgeActors,
        rest,
        metrics: m,
        clock,
        log,
      }),
    );
    metrics.push(m);
  }

  return {
    app,
    apps,
    edges,
    metrics,
    workerMetrics,
    actors,
    pushTasks,
    pushProvider,
    bus,
    presence,
    roomOnline,
    store,
    webhooks,
    limits,
    gateway: gateways[0]!,
    async rest(api, body) {
      const q = new URLSearchParams({ sdkappid: String(app.sdkAppId), identifier: 'administrator', usersig: officialSig(app.sdkAppId, app.secretKey, 'administrator'), random: '1', contenttype: 'json' });
      const r = await gateways[0]!.handle({ method: 'POST', path: `/v4/${api}`, query: q.toString(), body: new TextEncoder().encode(JSON.stringify(body)), clientIp: '127.0.0.1' });
      return JSON.parse(r.body) as Record<string, unknown>;
    },
    wsUrl: (i = 0) => `ws://127.0.0.1:${edges[i]!.port}/ws`,
    httpUrl: (i = 0) => `http://127.0.0.1:${edges[i]!.port}`,
    sig: (userId, expireSec = 86400, a = app) => officialSig(a.sdkAppId, a.secretKey, userId, expireSec),
    async stop() {
      await pushTasks.close();
      await offlinePush.close();
      await Promise.all(edges.map((e) => e.drain()));
      await manager.stop();
      await host.stop();
      await webhooks.close();
      await bus.close();
      await presence.close();
      await roomOnline.close();
      await store.close();
    },
  };
}
