// Shared set-up for actor runtime unit tests: one host and one client over a MemoryBus, all on a
// FakeClock, plus a scriptable test actor kind that records what happens to it.
import type { Actor, ActorContext, ActorKind } from '../../../src/actors/actor.js';
import { createActorClient } from '../../../src/actors/client.js';
import { ActorHost } from '../../../src/actors/host.js';
import { MemoryBus } from '../../../src/bus/memory.js';
import { silentLogger } from '../../../src/lib/log.js';
import { createMetrics, type Metrics } from '../../../src/metrics/metrics.js';
import { FakeClock } from '../../support/fake-clock.js';

export const SHARDS = 4;

/** Lets queued bus deliveries (setImmediate) and promise chains run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

/** Advances fake time in steps, letting async work run between them. */
export async function advance(clock: FakeClock, ms: number, step = 10): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    clock.advance(Math.min(step, ms - t));
    await settle(2);
  }
}

export interface Deferred {
  promise: Promise<void>;
  resolve(): void;
}
export function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

export async function rejection(p: Promise<unknown>): Promise<{ code?: number; info?: string; message: string }> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: { code?: number; info?: string; message: string }) => e,
  );
}

export interface Rig {
  clock: FakeClock;
  bus: MemoryBus;
  metrics: Metrics;
  host: ActorHost;
  client: ReturnType<typeof createActorClient>;
}

export async function rig(
  // any: each kind has its own message union.
  kinds: ActorKind<any>[],
  opts: { mailboxCapacity?: number; actorIdleMs?: number; own?: boolean } = {},
): Promise<Rig> {
  const clock = new FakeClock();
  const bus = new MemoryBus({ clock });
  const metrics = createMetrics();
  const host = new ActorHost({
    bus,
    clock,
    log: silentLogger,
    metrics,
    kinds,
    shardCount: SHARDS,
    limits: { mailboxCapacity: opts.mailboxCapacity ?? 16, actorIdleMs: opts.actorIdleMs ?? 60_000 },
  });
  if (opts.own !== false) for (let s = 0; s < SHARDS; s++) await host.ownShard(s);
  const client = createActorClient({ bus, shardCount: SHARDS, clock, log: silentLogger, metrics, defaultTimeoutMs: 2_000 });
  return { clock, bus, metrics, host, client };
}

export type ProbeMsg = { t: string; [k: string]: unknown };

/** Everything probes of one kind did, in order, across activations. */
export interface ProbeLog {
  events: string[];
  activations: number;
  passivations: number;
  ctx: Map<string, ActorContext<ProbeMsg>>;
}

/** A test kind whose behaviour per message type is given by `on`; it logs lifecycle events. */
export function probeKind(
  kind: string,
  on: (msg: ProbeMsg, ctx: ActorContext<ProbeMsg>, id: string) => unknown,
  hooks: { activate?: (id: string, n: number) => Promise<void> | void } = {},
): { kind: ActorKind<ProbeMsg>; log: ProbeLog } {
  const log: ProbeLog = { events: [], activations: 0, passivations: 0, ctx: new Map() };
  return {
    log,
    kind: {
      kind,
      create(id, ctx): Actor<ProbeMsg> {
        log.ctx.set(id, ctx);
        return {
          async onActivate() {
            log.events.push(`activate ${id}`);
            const n = ++log.activations;
            await hooks.activate?.(id, n);
          },
          handle: (msg) => on(msg, ctx, id),
          async onPassivate() {
            log.passivations++;
            log.events.push(`passivate ${id}`);
          },
        };
      },
    },
  };
}

/** Sum of a prom-client metric's values matching the labels. */
export const metricValue = async (m: { get(): Promise<{ values: { value: number; labels: Record<string, unknown> }[] }> }, labels: Record<string, string> = {}) =>
  (await m.get()).values.filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x)).reduce((s, v) => s + v.value, 0);
