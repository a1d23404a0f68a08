// Two workers (host + shard manager) over real NATS: each its own connection, leases in a NATS KV
// bucket of this file, a counter store shared through the test process. A crash (timers die, the
// connection closes without releasing anything) must leave every shard owned by the survivor once
// the leases expire, every actor answering with its persisted state; a graceful stop must hand
// over with no failed ask. Short TTL so the file stays quick.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addr } from '../../src/actors/address.js';
import { createActorClient } from '../../src/actors/client.js';
import { ActorHost } from '../../src/actors/host.js';
import { createNatsShardLeases } from '../../src/actors/leases-nats.js';
import { ShardManager } from '../../src/actors/shard-manager.js';
import { connectNatsBus, type NatsBus } from '../../src/bus/nats.js';
import { systemClock } from '../../src/lib/clock.js';
import { randomId } from '../../src/lib/ids.js';
import { silentLogger } from '../../src/lib/log.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import { COUNTER_KIND, CounterStore, counterKind, type CounterMsg } from '../inproc/counter-actor.js';
import { KillableClock } from '../inproc/faults.js';
import { itEnv } from '../support/it-env.js';

const SHARDS = 16;
const TTL = 1_500;
const RENEW = 500;
const ASK_TIMEOUT = 10_000;
const ACTORS = 60;
/** Ample for the NATS server to process a closed connection and forget its subscriptions. */
const SERVER_SEES_DROP_MS = 500;

let url = '';
let bucket = '';
let clientBus: NatsBus;
const cleanup: (() => Promise<void>)[] = [];

beforeAll(async () => {
  url = itEnv().natsUrl;
  clientBus = await connectNatsBus({ url, name: 'it-actors-client' });
});
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
afterAll(async () => {
  await clientBus?.close();
});

async function waitUntil(cond: () => boolean, what: string, limitMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > limitMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function startWorker(id: string, store: CounterStore) {
  const bus = await connectNatsBus({ url, name: `it-actors-${id}` });
  const clock = new KillableClock(systemClock);
  const metrics = createMetrics();
  const leases = await createNatsShardLeases({ nc: bus.raw, bucket, ttlMs: TTL });
  const host = new ActorHost({
    bus,
    clock,
    log: silentLogger,
    metrics,
    kinds: [counterKind(store, id)],
    shardCount: SHARDS,
    limits: { mailboxCapacity: 256, actorIdleMs: 60_000 },
  });
  const manager = new ShardManager({ workerId: id, host, leases, shardCount: SHARDS, renewMs: RENEW, clock, log: silentLogger, metrics });
  await manager.start();
  let gone = false;
  const w = {
    id,
    host,
    manager,
    /** kill -9 as NATS sees it: the connection drops, nothing is released, no timer runs again. */
    crash: async () => {
      gone = true;
      clock.kill();
      await bus.raw.close();
    },
    stop: async () => {
      if (gone) return;
      gone = true;
      await manager.stop();
      await bus.close();
    },
  };
  cleanup.push(w.stop);
  return w;
}

function setup() {
  bucket = `it_actor_leases_${randomId(4)}`;
  cleanup.push(async () => {
    const jsm = await clientBus.raw.jetstreamManager();
    await jsm.streams.delete(`KV_${bucket}`).catch(() => false);
  });
  const store = new CounterStore();
  const client = createActorClient({ bus: clientBus, shardCount: SHARDS, clock: systemClock, log: silentLogger, metrics: createMetrics(), defaultTimeoutMs: ASK_TIMEOUT });
  const ask = (i: number, msg: CounterMsg) => client.ask<number>(addr(COUNTER_KIND, `1400000000:n${i}`), msg);
  const all = (msg: CounterMsg) => Promise.all([...Array(ACTORS).keys()].map((i) => ask(i, msg)));
  return { store, ask, all };
}

const owned = (ws: { host: ActorHost }[]) => ws.flatMap((w) => w.host.ownedShards());

describe('actors over NATS', () => {
  it('two workers share the shards; after one crashes the other owns them all and state survives', async () => {
    const { store, all } = setup();
    const a = await startWorker('a', store);
    const b = await startWorker('b', store);
    await waitUntil(() => a.host.ownedShards().length === SHARDS / 2 && b.host.ownedShards().length === SHARDS / 2, 'an even split');
    expect(new Set(owned([a, b])).size).toBe(SHARDS);
    expect(await all({ t: 'inc' })).toEqual(Array(ACTORS).fill(1));
    expect(new Set(store.activations.map((x) => x.worker))).toEqual(new Set(['a', 'b']));

    await b.crash();
    // The NATS server must have seen b's connection drop first: a request it still routes to the
    // dead subscription is lost, and is rightly not retried (its turn may have run). Real clients
    // meet that as a timeout; this test is about the asks sent after the crash.
    await new Promise((r) => setTimeout(r, SERVER_SEES_DROP_MS));
    // Asks during the outage retry until the survivor owns the shard.
    const duringOutage = all({ t: 'inc' });
    await waitUntil(() => a.host.ownedShards().length === SHARDS, 'the survivor to own every shard');
    expect(await duringOutage).toEqual(Array(ACTORS).fill(2));
    expect(await all({ t: 'get' })).toEqual(Array(ACTORS).fill(2));
  });

  it('a graceful stop hands the shards over with no failed ask and no lost increment', async () => {
    const { store, all } = setup();
    const a = await startWorker('a', store);
    const b = await startWorker('b', store);
    await waitUntil(() => b.host.ownedShards().length === SHARDS / 2, 'an even split');
    expect(await all({ t: 'inc' })).toEqual(Array(ACTORS).fill(1));
    const asks = Promise.allSettled([all({ t: 'inc' }), all({ t: 'inc' })]);
    await b.stop();
    const results = await asks;
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    await waitUntil(() => a.host.ownedShards().length === SHARDS, 'the remaining worker to own every shard');
    expect(await all({ t: 'get' })).toEqual(Array(ACTORS).fill(3));
  });
});
