// In-process ShardLeases (see interface in shard-leases.ts): correct for workers sharing one
// process (single mode, test/inproc), with expiry driven by the injected Clock so tests move time.
import type { Clock } from '../lib/clock.js';
import { checkName, checkShard, type ShardLease, type ShardLeases } from './shard-leases.js';

interface Held {
  owner: string;
  revision: number;
  expiresAt: number;
}

export class MemoryShardLeases implements ShardLeases {
  private readonly held = new Map<number, Held>();
  private readonly workers = new Map<string, number>();
  private revision = 0;

  constructor(
    private readonly clock: Clock,
    readonly ttlMs: number,
  ) {
    if (!(ttlMs > 0)) throw new Error(`lease ttlMs must be positive, got ${ttlMs}`);
  }

  async acquire(shard: number, owner: string): Promise<ShardLease | undefined> {
    checkShard(shard);
    checkName('owner', owner);
    if (this.current(shard)) return undefined;
    return this.write(shard, owner);
  }

  async renew(lease: ShardLease): Promise<ShardLease | undefined> {
    const h = this.current(lease.shard);
    if (!h || h.revision !== lease.revision || h.owner !== lease.owner) return undefined;
    return this.write(lease.shard, lease.owner);
  }

  async release(lease: ShardLease): Promise<boolean> {
    const h = this.current(lease.shard);
    if (!h || h.revision !== lease.revision || h.owner !== lease.owner) return false;
    this.held.delete(lease.shard);
    return true;
  }

  async owners(): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    for (const shard of [...this.held.keys()].sort((a, b) => a - b)) {
      const h = this.current(shard);
      if (h) out.set(shard, h.owner);
    }
    return out;
  }

  async heartbeat(workerId: string): Promise<void> {
    checkName('workerId', workerId);
    this.workers.set(workerId, this.clock.nowMs() + this.ttlMs);
  }

  async retire(workerId: string): Promise<void> {
    this.workers.delete(workerId);
  }

  async liveWorkers(): Promise<string[]> {
    const now = this.clock.nowMs();
    for (const [id, until] of this.workers) if (until <= now) this.workers.delete(id);
    return [...this.workers.keys()].sort();
  }

  private current(shard: number): Held | undefined {
    const h = this.held.get(shard);
    if (h && h.expiresAt <= this.clock.nowMs()) {
      this.held.delete(shard);
      return undefined;
    }
    return h;
  }

  private write(shard: number, owner: string): ShardLease {
    const revision = ++this.revision;
    this.held.set(shard, { owner, revision, expiresAt: this.clock.nowMs() + this.ttlMs });
    return { shard, owner, revision };
  }
}
