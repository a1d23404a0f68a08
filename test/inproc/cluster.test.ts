// Three workers (host + shard manager each) in one process on one MemoryBus hub, memory leases and
// a shared counter store, all on one FakeClock. A crash (timers die, bus connection drops, leases
// left to expire) must leave every shard owned again within TTL + renew, every actor answering
// with its persisted state; a graceful stop must hand over with no failed ask.
import { afterEach, describe, expect, it } from 'vitest';
import { addr } from '../../src/actors/address.js';
import { createActorClient } from '../../src/actors/client.js';
import { ActorHost } from '../../src/actors/host.js';
import { MemoryShardLeases } from '../../src/actors/leases-memory.js';
import { ShardManager } from '../../src/actors/shard-manager.js';
import { MemoryBus } from '../../src/bus/memory.js';
import { silentLogger } from '../../src/lib/log.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import { FakeClock } from '../support/fake-clock.js';
import { COUNTER_KIND, CounterStore, counterKind, type CounterMsg } from './counter-actor.js';
import { KillableClock } from './faults.js';

const SHARDS = 32;
const TTL = 6_000;
const RENEW = 2_000;
const ASK_TIMEOUT = 15_000;
const ACTORS = 120;
const STEP = 50;

const settle = async () => {
  for (let i = 0; i < 8; i++) await new Promise((r) => setImmediate(r));
};

function makeCluster() {
  const clock = new FakeClock();
  const bus = new MemoryBus({ clock });
  const leases = new MemoryShardLeases(clock, TTL);
  const store = new CounterStore();
  const clientMetrics = createMetrics();
  const client = createActorClient({ bus, shardCount: SHARDS, clock, log: silentLogger, metrics: clientMetrics, defaultTimeoutMs: ASK_TIMEOUT });

  const startWorker = async (id: string) => {
    const wclock = new KillableClock(clock);
    const wbus = bus.peer();
    const metrics = createMetrics();
    const host = new ActorHost({
      bus: wbus,
      clock: wclock,
      log: silentLogger,
      metrics,
      kinds: [counterKind(store, id)],
      shardCount: SHARDS,
      limits: { mailboxCapacity: 256, actorIdleMs: 60_000 },
    });
    const manager = new ShardManager({ workerId: id, host, leases, shardCount: SHARDS, renewMs: RENEW, clock: wclock, log: silentLogger, metrics });
    await manager.start();
    return {
      id,
      host,
      manager,
      metrics,
      /** kill -9: timers stop, the connection drops, nothing is released. */
      crash: async () => {
        wclock.kill();
        await wbus.close();
      },
    };
  };
  type Worker = Awaited<ReturnType<typeof startWorker>>;

  /** Moves fake time in small steps so bus deliveries and rounds interleave as in real time. */
  const drive = async (ms: number) => {
    for (let t = 0; t < ms; t += STEP) {
      clock.advance(STEP);
      await settle();
    }
  };
  /** Drives time while the promises run; resolves with their results. */
  const during = async <T>(ps: Promise<T>[], limitMs = ASK_TIMEOUT + STEP): Promise<PromiseSettledResult<T>[]> => {
    let done = false;
    const all = Promise.allSettled(ps).finally(() => (done = true));
    for (let t = 0; !done && t <= limitMs; t += STEP) {
      clock.advance(STEP);
      await settle();
    }
    return all;
  };
  const ownership = (workers: Worker[]) => {
    const all = workers.flatMap((w) => w.host.ownedShards());
    return { count: all.length, distinct: new Set(all).size };
  };
  const ask = (i: number, msg: CounterMsg) => client.ask<number>(addr(COUNTER_KIND, `1400000000:c${i}`), msg);
  const ids = [...Array(ACTORS).keys()];
  return { clock, bus, store, leases, clientMetrics, startWorker, drive, during, ownership, ask, ids };
}

type Cluster = ReturnType<typeof makeCluster>;
let running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.map((w) => w.stop()));
  running = [];
});

async function threeWorkers(c: Cluster) {
  const ws = [await c.startWorker('w1'), await c.startWorker('w2'), await c.startWorker('w3')];
  running.push(...ws.map((w) => ({ stop: () => w.manager.stop() })));
  await c.drive(RENEW * 3);
  return ws;
}

const values = (r: PromiseSettledResult<number>[]) => r.map((x) => (x.status === 'fulfilled' ? x.value : `failed: ${String(x.reason)}`));

describe('in-process cluster', () => {
  it('spreads the shards over three workers and serves asks across many actors', async () => {
    const c = makeCluster();
    const ws = await threeWorkers(c);
    expect(c.ownership(ws)).toEqual({ count: SHARDS, distinct: SHARDS });
    for (const w of ws) expect(w.host.ownedShards().length).toBeLessThanOrEqual(Math.ceil(SHARDS / 3));
    const first = await c.during(c.ids.map((i) => c.ask(i, { t: 'inc' })));
    expect(values(first)).toEqual(c.ids.map(() => 1));
    const second = await c.during(c.ids.map((i) => c.ask(i, { t: 'inc' })));
    expect(values(second)).toEqual(c.ids.map(() => 2));
    expect(new Set(c.store.activations.map((a) => a.worker))).toEqual(new Set(['w1', 'w2', 'w3']));
  });

  it('after a worker crashes, the others own every shard within TTL + renew and actors keep their state', async () => {
    const c = makeCluster();
    const [w1, w2, w3] = await threeWorkers(c);
    await c.during(c.ids.map((i) => c.ask(i, { t: 'inc' })));
    const lost = w3!.host.ownedShards();
    expect(lost.length).toBeGreaterThan(0);
    await w3!.crash();
    running = running.slice(0, 2);
    const crashedAt = c.clock.nowMs();
    // Asks issued during the outage retry until the shard has an owner again.
    const duringOutage = c.during(c.ids.map((i) => c.ask(i, { t: 'inc' })));
    let reownedAfter = -1;
    for (let t = 0; t <= TTL + RENEW; t += STEP) {
      if (c.ownership([w1!, w2!]).count === SHARDS) {
        reownedAfter = c.clock.nowMs() - crashedAt;
        break;
      }
      await c.drive(STEP);
    }
    expect(reownedAfter).toBeGreaterThanOrEqual(0);
    expect(reownedAfter).toBeLessThanOrEqual(TTL + RENEW);
    expect(c.ownership([w1!, w2!])).toEqual({ count: SHARDS, distinct: SHARDS });
    expect(values(await duringOutage)).toEqual(c.ids.map(() => 2));
    const after = await c.during(c.ids.map((i) => c.ask(i, { t: 'get' })));
    expect(values(after)).toEqual(c.ids.map(() => 2));
    expect(c.store.activations.filter((a) => a.worker === 'w3').length).toBeGreaterThan(0);
  });

  it('a graceful stop hands its shards over with no failed ask and no lost increment', async () => {
    const c = makeCluster();
    const [w1, w2, w3] = await threeWorkers(c);
    await c.during(c.ids.map((i) => c.ask(i, { t: 'inc' })));
    const asks = c.ids.flatMap((i) => [c.ask(i, { t: 'inc' }), c.ask(i, { t: 'inc' })]);
    const stopping = w3!.manager.stop();
    running = running.slice(0, 2);
    const results = await c.during([...asks, stopping.then(() => -1)]);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    await c.drive(RENEW * 2);
    expect(c.ownership([w1!, w2!])).toEqual({ count: SHARDS, distinct: SHARDS });
    expect(w3!.host.ownedShards()).toEqual([]);
    const after = await c.during(c.ids.map((i) => c.ask(i, { t: 'get' })));
    expect(values(after)).toEqual(c.ids.map(() => 3));
  });
});
