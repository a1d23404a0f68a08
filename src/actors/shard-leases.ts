// The shard-ownership port: one owner per shard through a lease that expires ttlMs after it was
// taken or last renewed, plus worker liveness (a heartbeat that expires the same way). Contract
// (test/contract/shard-leases.contract.ts): acquire is exclusive; renew and release succeed only for
// the current holder at its current revision (a stale lease fails); an unrenewed lease vanishes
// after ttlMs and the shard is free again; a worker not heard of for ttlMs is not live.

export interface ShardLease {
  readonly shard: number;
  readonly owner: string;
  /** Changes at every acquire and renew; renew/release compare-and-set on it. */
  readonly revision: number;
}

export interface ShardLeases {
  /** Lease lifetime from the last acquire/renew (and of a worker heartbeat). */
  readonly ttlMs: number;
  /** Takes a free (never held, released or expired) shard. Undefined when another owner holds it. */
  acquire(shard: number, owner: string): Promise<ShardLease | undefined>;
  /** Extends a lease still held at lease.revision. Undefined when it was lost (expired, taken). */
  renew(lease: ShardLease): Promise<ShardLease | undefined>;
  /** Frees the shard if still held at lease.revision; false when it was already lost. */
  release(lease: ShardLease): Promise<boolean>;
  /** Current owner of every held shard. */
  owners(): Promise<Map<number, string>>;
  /** Marks the worker live for ttlMs. */
  heartbeat(workerId: string): Promise<void>;
  /** Removes the worker at once (graceful stop), so the others rebalance without waiting for expiry. */
  retire(workerId: string): Promise<void>;
  /** Workers heard of within ttlMs, sorted. */
  liveWorkers(): Promise<string[]>;
}

export function checkShard(shard: number): void {
  if (!Number.isInteger(shard) || shard < 0) throw new Error(`shard must be a non-negative integer, got ${shard}`);
}

export function checkName(what: string, name: string): void {
  if (typeof name !== 'string' || name === '') throw new Error(`${what} must be a non-empty string`);
}
