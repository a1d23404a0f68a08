// The worker loop that decides which shards this process hosts. Every renewMs: heartbeat, renew
// owned leases (a lost one is released at once), then move toward target = ceil(shards / live
// workers): acquire free shards below it, hand back surplus above it (graceful: the host drains
// first, then the lease is deleted, so a joining worker picks it up on its next tick).
// Remaining single-writer risk: a worker that is paused (GC, SIGSTOP, partition), not dead, keeps
// serving turns it already accepted while its lease expires and another worker takes the shard;
// for that window two activations of one actor may write. Stores must tolerate it: the durable seq
// reservation (SeqStore.reserve, a later issue) is the guard that keeps two writers from reusing a seq.
import { fnv1a32 } from '../lib/hash.js';
import type { Clock, TimerHandle } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { ShardLease, ShardLeases } from './shard-leases.js';

export interface ShardHost {
  ownShard(n: number): Promise<void>;
  releaseShard(n: number): Promise<void>;
}

export interface ShardManagerOptions {
  workerId: string;
  host: ShardHost;
  leases: ShardLeases;
  shardCount: number;
  renewMs: number;
  clock: Clock;
  log: Logger;
  metrics: Pick<Metrics, 'shardsOwned' | 'shardMoves'>;
}

interface Owned {
  lease: ShardLease;
  /** When the last successful renew was sent (local clock). */
  renewedAt: number;
  /** Set while handing the shard back: still renewed until drained, no longer counted. */
  leaving?: Promise<void>;
}

export class ShardManager {
  private readonly owned = new Map<number, Owned>();
  /** Lost shards whose host release is still finishing: not to be re-acquired meanwhile. */
  private readonly draining = new Set<number>();
  private readonly log: Logger;
  private timer: TimerHandle | undefined;
  private current: Promise<void> = Promise.resolve();
  private started = false;
  private stopped = false;

  constructor(private readonly o: ShardManagerOptions) {
    if (!Number.isInteger(o.shardCount) || o.shardCount < 1) throw new Error(`shardCount must be a positive integer, got ${o.shardCount}`);
    if (!(o.renewMs > 0) || o.renewMs * 2 > o.leases.ttlMs) {
      throw new Error(`lease renewMs (${o.renewMs}) must be positive and at most half the TTL (${o.leases.ttlMs})`);
    }
    if (!o.workerId) throw new Error('workerId must be a non-empty string');
    this.log = o.log.child({ component: 'shard-manager', worker: o.workerId });
  }

  /** Runs the first round (so a single worker owns every shard when this resolves), then loops. */
  async start(): Promise<void> {
    if (this.started) throw new Error('shard manager already started');
    this.started = true;
    await this.tickNow();
  }

  /** One round now, after any round in progress. */
  tickNow(): Promise<void> {
    this.current = this.current.then(() => this.round());
    return this.current;
  }

  /** Shards served and not being handed back. */
  ownedShards(): number[] {
    return [...this.owned].filter(([, o]) => !o.leaving).map(([s]) => s).sort((a, b) => a - b);
  }

  /** Graceful: stop looping, hand every shard back (drained, then lease deleted), retire the worker. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    await this.current;
    for (const s of this.ownedShards()) this.giveBack(s);
    await Promise.all([...this.owned.values()].map((o) => o.leaving));
    try {
      await this.o.leases.retire(this.o.workerId);
    } catch (e) {
      this.log.warn('retire failed; the heartbeat expires by itself', { err: e });
    }
    this.o.metrics.shardsOwned.set(0);
  }

  private async round(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.heartbeatAndRenew();
      await this.rebalance();
    } catch (e) {
      this.log.error('shard round failed', { err: e });
    }
    this.o.metrics.shardsOwned.set(this.ownedShards().length);
    if (!this.stopped) {
      this.timer?.cancel();
      this.timer = this.o.clock.setTimer(this.o.renewMs, () => void this.tickNow());
    }
  }

  private async heartbeatAndRenew(): Promise<void> {
    try {
      // Before the renewals: the heartbeat then expires no later than this worker's leases, so the
      // others never see its shards free while still counting it live.
      await this.o.leases.heartbeat(this.o.workerId);
    } catch (e) {
      this.log.warn('heartbeat failed', { err: e });
    }
    const ttl = this.o.leases.ttlMs;
    await Promise.all(
      [...this.owned].map(async ([shard, own]) => {
        const sentAt = this.o.clock.nowMs();
        try {
          const renewed = await this.o.leases.renew(own.lease);
          if (renewed) {
            own.lease = renewed;
            own.renewedAt = sentAt;
          } else this.lose(shard, own, 'lease taken or expired');
        } catch (e) {
          // Unknown outcome: keep serving while the lease surely lives, stop a round before it may not.
          if (this.o.clock.nowMs() - own.renewedAt >= ttl - this.o.renewMs) this.lose(shard, own, 'renew failing');
          else this.log.warn('renew failed; retrying next round', { shard, err: e });
        }
      }),
    );
  }

  private async rebalance(): Promise<void> {
    const live = await this.o.leases.liveWorkers();
    const workers = Math.max(1, live.length + (live.includes(this.o.workerId) ? 0 : 1));
    const target = Math.ceil(this.o.shardCount / workers);
    const serving = this.ownedShards();
    if (serving.length > target) {
      const surplus = serving.slice(target);
      this.log.info('handing back surplus shards', { target, shards: surplus });
      for (const s of surplus) this.giveBack(s);
      return;
    }
    if (serving.length === target) return;
    const held = await this.o.leases.owners();
    // Start at a worker-specific offset so workers starting together rarely race for the same shard.
    const start = fnv1a32(this.o.workerId) % this.o.shardCount;
    const candidates: number[] = [];
    for (let i = 0; i < this.o.shardCount; i++) {
      const s = (start + i) % this.o.shardCount;
      if (!held.has(s) && !this.owned.has(s) && !this.draining.has(s)) candidates.push(s);
    }
    while (candidates.length && this.ownedShards().length < target && !this.stopped) {
      const batch = candidates.splice(0, target - this.ownedShards().length);
      await Promise.all(batch.map((s) => this.take(s)));
    }
  }

  private async take(shard: number): Promise<void> {
    const sentAt = this.o.clock.nowMs();
    const lease = await this.o.leases.acquire(shard, this.o.workerId);
    if (!lease) return; // another worker was faster
    try {
      await this.o.host.ownShard(shard);
    } catch (e) {
      this.log.error('could not serve an acquired shard; giving it back', { shard, err: e });
      await this.o.leases.release(lease).catch(() => false);
      return;
    }
    this.owned.set(shard, { lease, renewedAt: sentAt });
    this.o.metrics.shardMoves.inc({ direction: 'in' });
  }

  /** Starts a handover without blocking the round: a slow turn must not delay the renewal of
   *  the other leases. The lease is renewed until the host has drained, then deleted. */
  private giveBack(shard: number): void {
    const own = this.owned.get(shard);
    if (!own || own.leaving) return;
    own.leaving = (async () => {
      try {
        await this.o.host.releaseShard(shard);
      } catch (e) {
        this.log.error('host release failed', { shard, err: e });
      }
      if (this.owned.get(shard) !== own) return; // lost meanwhile
      this.owned.delete(shard);
      try {
        await this.o.leases.release(own.lease);
      } catch (e) {
        this.log.warn('lease release failed; it expires by itself', { shard, err: e });
      }
      this.o.metrics.shardMoves.inc({ direction: 'out' });
    })();
  }

  /** The lease is gone: stop serving at once (the host stops listening synchronously) and keep the
   *  shard out of reach until its running turns have finished. */
  private lose(shard: number, own: Owned, why: string): void {
    if (this.owned.get(shard) !== own) return;
    this.log.warn('shard lost', { shard, why });
    this.owned.delete(shard);
    this.draining.add(shard);
    this.o.metrics.shardMoves.inc({ direction: 'lost' });
    void this.o.host
      .releaseShard(shard)
      .catch((e: unknown) => this.log.error('host release failed', { shard, err: e }))
      .finally(() => this.draining.delete(shard));
  }
}
