// ShardManager on memory leases and a FakeClock, with a recording host: every shard owned by
// exactly one live worker, balance toward ceil(shards / workers), loss handled at once, crash
// recovery after the TTL, graceful handover on stop.
import { describe, expect, it } from 'vitest';
import { MemoryShardLeases } from '../../../src/actors/leases-memory.js';
import type { ShardLease, ShardLeases } from '../../../src/actors/shard-leases.js';
import { ShardManager, type ShardHost } from '../../../src/actors/shard-manager.js';
import { silentLogger } from '../../../src/lib/log.js';
import { createMetrics, type Metrics } from '../../../src/metrics/metrics.js';
import { FakeClock } from '../../support/fake-clock.js';
import { KillableClock } from '../../inproc/faults.js';
import { settle } from './harness.js';

const SHARDS = 10;
const TTL = 6_000;
const RENEW = 2_000;

class RecordingHost implements ShardHost {
  readonly owned = new Set<number>();
  readonly events: string[] = [];
  failOwn = false;
  /** While set, releases hang like a turn that does not finish. */
  releaseGate: Promise<void> | undefined;
  async ownShard(n: number) {
    if (this.failOwn) throw new Error('cannot subscribe');
    this.owned.add(n);
    this.events.push(`own ${n}`);
  }
  async releaseShard(n: number) {
    this.events.push(`release ${n}`);
    await this.releaseGate;
    this.owned.delete(n);
  }
}

interface Worker {
  id: string;
  host: RecordingHost;
  manager: ShardManager;
  metrics: Metrics;
  clock: KillableClock;
}

function cluster(leasesOverride?: (l: ShardLeases) => ShardLeases) {
  const clock = new FakeClock();
  const base = new MemoryShardLeases(clock, TTL);
  const leases = leasesOverride ? leasesOverride(base) : base;
  const workers: Worker[] = [];
  const add = (id: string): Worker => {
    const host = new RecordingHost();
    const metrics = createMetrics();
    const own = new KillableClock(clock);
    const manager = new ShardManager({ workerId: id, host, leases, shardCount: SHARDS, renewMs: RENEW, clock: own, log: silentLogger, metrics });
    const w = { id, host, manager, metrics, clock: own };
    workers.push(w);
    return w;
  };
  /** Lets time pass round by round, letting each round's async work finish. */
  const run = async (ms: number) => {
    for (let t = 0; t < ms; t += 100) {
      clock.advance(100);
      await settle(10);
    }
  };
  const assertExclusive = (live: Worker[]) => {
    const all = live.flatMap((w) => [...w.host.owned]);
    expect(new Set(all).size).toBe(all.length);
  };
  return { clock, base, leases, add, run, assertExclusive, workers };
}

const gauge = async (m: Metrics) => (await m.shardsOwned.get()).values[0]?.value;
const moves = async (m: Metrics, direction: string) => (await m.shardMoves.get()).values.find((v) => v.labels.direction === direction)?.value ?? 0;

describe('ShardManager', () => {
  it('a single worker owns every shard once start() resolves', async () => {
    const c = cluster();
    const w = c.add('w1');
    await w.manager.start();
    expect([...w.host.owned].sort((a, b) => a - b)).toEqual([...Array(SHARDS).keys()]);
    expect(await gauge(w.metrics)).toBe(SHARDS);
    expect(await moves(w.metrics, 'in')).toBe(SHARDS);
    expect((await c.leases.owners()).size).toBe(SHARDS);
  });

  it('keeps its leases alive by renewing', async () => {
    const c = cluster();
    const w = c.add('w1');
    await w.manager.start();
    await c.run(TTL * 3);
    expect(w.host.owned.size).toBe(SHARDS);
    expect(w.host.events.filter((e) => e.startsWith('release'))).toEqual([]);
  });

  it('a joining worker gets its share: the owner hands back surplus above the target', async () => {
    const c = cluster();
    const a = c.add('a');
    await a.manager.start();
    const b = c.add('b');
    await b.manager.start();
    await c.run(RENEW * 3);
    expect(a.host.owned.size).toBe(5);
    expect(b.host.owned.size).toBe(5);
    c.assertExclusive([a, b]);
    expect(await moves(a.metrics, 'out')).toBe(5);
    const third = c.add('c');
    await third.manager.start();
    await c.run(RENEW * 3);
    const sizes = [a, b, third].map((w) => w.host.owned.size);
    expect(sizes.reduce((s, n) => s + n, 0)).toBe(SHARDS);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(Math.ceil(SHARDS / 3));
    c.assertExclusive([a, b, third]);
  });

  it('after a worker dies (stops renewing), the others own every shard within TTL + renew', async () => {
    const c = cluster();
    const [a, b, dead] = [c.add('a'), c.add('b'), c.add('dead')];
    for (const w of [a, b, dead]) await w.manager.start();
    await c.run(RENEW * 3);
    expect(dead.host.owned.size).toBeGreaterThan(0);
    // Crash: its timers die with it, nothing is released.
    dead.clock.kill();
    dead.host.owned.clear();
    await c.run(TTL + RENEW);
    expect(a.host.owned.size + b.host.owned.size).toBe(SHARDS);
    c.assertExclusive([a, b]);
    expect(await c.leases.liveWorkers()).toEqual(['a', 'b']);
  });

  it('a lease lost to expiry or another owner is released from the host at once', async () => {
    let stealing = false;
    const c = cluster((l) => ({
      ttlMs: l.ttlMs,
      acquire: (s, o) => l.acquire(s, o),
      renew: async (lease: ShardLease) => (stealing && lease.shard === 3 ? undefined : l.renew(lease)),
      release: (x) => l.release(x),
      owners: () => l.owners(),
      heartbeat: (w) => l.heartbeat(w),
      retire: (w) => l.retire(w),
      liveWorkers: () => l.liveWorkers(),
    }));
    const w = c.add('w');
    await w.manager.start();
    stealing = true;
    await w.manager.tickNow();
    expect(w.host.events).toContain('release 3');
    expect(w.manager.ownedShards()).not.toContain(3);
    expect(await moves(w.metrics, 'lost')).toBe(1);
  });

  it('keeps serving through renew errors while the lease surely lives, stops before it may not', async () => {
    let failing = false;
    const c = cluster((l) => ({
      ttlMs: l.ttlMs,
      acquire: (s, o) => l.acquire(s, o),
      renew: async (lease: ShardLease) => {
        if (failing) throw new Error('NATS unreachable');
        return l.renew(lease);
      },
      release: (x) => l.release(x),
      owners: () => l.owners(),
      heartbeat: (x) => l.heartbeat(x),
      retire: (x) => l.retire(x),
      liveWorkers: () => l.liveWorkers(),
    }));
    const w = c.add('w');
    await w.manager.start();
    failing = true;
    await c.run(RENEW + 100);
    expect(w.host.owned.size).toBe(SHARDS);
    await c.run(RENEW); // t = 4.1 s: renews failed for TTL - renewMs
    expect(w.host.owned.size).toBe(0);
    expect(await moves(w.metrics, 'lost')).toBe(SHARDS);
    await c.run(RENEW); // t = 6.1 s: the old leases expired; free shards are taken again
    expect(w.host.owned.size).toBe(SHARDS);
  });

  it('stop() hands every shard back (drain first, then lease) and retires the worker', async () => {
    const c = cluster();
    const [a, b] = [c.add('a'), c.add('b')];
    await a.manager.start();
    await b.manager.start();
    await c.run(RENEW * 3);
    await a.manager.stop();
    expect(a.host.owned.size).toBe(0);
    expect(await gauge(a.metrics)).toBe(0);
    expect(await c.leases.liveWorkers()).toEqual(['b']);
    await c.run(RENEW + 100);
    expect(b.host.owned.size).toBe(SHARDS);
    await c.run(RENEW * 3);
    expect(a.host.owned.size).toBe(0); // a stopped manager never ticks again
  });

  it('a slow handover does not stall the other renewals; its lease lives until the host drained', async () => {
    const c = cluster();
    const a = c.add('a');
    await a.manager.start();
    let open!: () => void;
    a.host.releaseGate = new Promise<void>((r) => (open = r));
    const b = c.add('b');
    await b.manager.start();
    await c.run(TTL * 2);
    expect(a.manager.ownedShards()).toHaveLength(5); // 5 kept, 5 leaving
    expect(a.host.owned.size).toBe(SHARDS); // still draining the leaving ones
    expect(b.host.owned.size).toBe(0); // their leases are still renewed: nobody else may take them
    expect(await moves(a.metrics, 'lost')).toBe(0);
    open();
    await c.run(RENEW * 2);
    expect(a.host.owned.size).toBe(5);
    expect(b.host.owned.size).toBe(5);
    c.assertExclusive([a, b]);
  });

  it('gives the lease back when the host cannot serve an acquired shard', async () => {
    const c = cluster();
    const w = c.add('w');
    w.host.failOwn = true;
    await w.manager.start();
    expect(w.manager.ownedShards()).toEqual([]);
    expect((await c.leases.owners()).size).toBe(0);
    w.host.failOwn = false;
    await w.manager.tickNow();
    expect(w.manager.ownedShards()).toHaveLength(SHARDS);
  });

  it('rejects a renew interval above half the TTL, and a second start', async () => {
    const clock = new FakeClock();
    const leases = new MemoryShardLeases(clock, TTL);
    const opts = { workerId: 'w', host: new RecordingHost(), leases, shardCount: SHARDS, renewMs: RENEW, clock, log: silentLogger, metrics: createMetrics() };
    expect(() => new ShardManager({ ...opts, renewMs: TTL })).toThrow(/renewMs/);
    expect(() => new ShardManager({ ...opts, shardCount: 0 })).toThrow(/shardCount/);
    expect(() => new ShardManager({ ...opts, workerId: '' })).toThrow(/workerId/);
    const m = new ShardManager(opts);
    await m.start();
    await expect(m.start()).rejects.toThrow(/already started/);
    await m.stop();
  });
});
