// ShardLeases in a NATS JetStream KV bucket (see interface in shard-leases.ts). The bucket keeps one
// revision per key (history 1) and max_age = ttlMs: a key not rewritten within the TTL vanishes, so
// a dead worker's leases and heartbeat expire without anyone deleting them. Exclusive acquire is
// `create` (expected last subject sequence 0, or over a delete marker); renew is `update` at the
// lease revision. nats-server 2.9 has no per-message TTL, so every key shares the bucket's TTL.
import type { KV, NatsConnection } from 'nats';
import { checkName, checkShard, type ShardLease, type ShardLeases } from './shard-leases.js';

/** JetStream "wrong last sequence": the compare-and-set lost. */
const WRONG_LAST_SEQUENCE = 10071;
const SHARD_PREFIX = 'shard.';
const WORKER_PREFIX = 'worker.';

export interface NatsShardLeasesOptions {
  nc: NatsConnection;
  /** KV bucket name ([A-Za-z0-9_-]); tests use a random one. */
  bucket: string;
  ttlMs: number;
}

export async function createNatsShardLeases(o: NatsShardLeasesOptions): Promise<NatsShardLeases> {
  if (!(o.ttlMs > 0)) throw new Error(`lease ttlMs must be positive, got ${o.ttlMs}`);
  if (!/^[A-Za-z0-9_-]+$/.test(o.bucket)) throw new Error(`lease bucket name must match [A-Za-z0-9_-]+, got ${o.bucket}`);
  const kv = await o.nc.jetstream().views.kv(o.bucket, { history: 1, ttl: o.ttlMs });
  const status = await kv.status();
  if (status.ttl !== o.ttlMs) {
    // An existing bucket keeps its creation-time TTL; a changed config must reach it.
    const jsm = await o.nc.jetstreamManager();
    const info = await jsm.streams.info(status.streamInfo.config.name);
    const nanos = o.ttlMs * 1_000_000;
    // The server refuses a duplicate window longer than max_age.
    const dup = Math.min(info.config.duplicate_window ?? nanos, nanos);
    await jsm.streams.update(info.config.name, { ...info.config, max_age: nanos, duplicate_window: dup });
  }
  return new NatsShardLeases(kv, o.ttlMs);
}

export class NatsShardLeases implements ShardLeases {
  constructor(
    private readonly kv: KV,
    readonly ttlMs: number,
  ) {}

  async acquire(shard: number, owner: string): Promise<ShardLease | undefined> {
    checkShard(shard);
    checkName('owner', owner);
    try {
      const revision = await this.kv.create(SHARD_PREFIX + shard, owner);
      return { shard, owner, revision };
    } catch (e) {
      if (isCasLoss(e)) return undefined;
      throw e;
    }
  }

  async renew(lease: ShardLease): Promise<ShardLease | undefined> {
    try {
      const revision = await this.kv.update(SHARD_PREFIX + lease.shard, lease.owner, lease.revision);
      return { ...lease, revision };
    } catch (e) {
      if (isCasLoss(e)) return undefined;
      throw e;
    }
  }

  async release(lease: ShardLease): Promise<boolean> {
    try {
      await this.kv.delete(SHARD_PREFIX + lease.shard, { previousSeq: lease.revision });
      return true;
    } catch (e) {
      if (isCasLoss(e)) return false;
      throw e;
    }
  }

  async owners(): Promise<Map<number, string>> {
    const keys = await this.keys(SHARD_PREFIX);
    const entries = await Promise.all(keys.map((k) => this.kv.get(k)));
    const out = new Map<number, string>();
    for (const e of entries) {
      // A key released between the listing and the read comes back as a delete marker.
      if (!e || e.operation !== 'PUT') continue;
      out.set(Number(e.key.slice(SHARD_PREFIX.length)), e.string());
    }
    return new Map([...out].sort((a, b) => a[0] - b[0]));
  }

  async heartbeat(workerId: string): Promise<void> {
    checkName('workerId', workerId);
    await this.kv.put(WORKER_PREFIX + encodeWorker(workerId), workerId);
  }

  async retire(workerId: string): Promise<void> {
    await this.kv.delete(WORKER_PREFIX + encodeWorker(workerId));
  }

  async liveWorkers(): Promise<string[]> {
    const keys = await this.keys(WORKER_PREFIX);
    return keys.map((k) => decodeWorker(k.slice(WORKER_PREFIX.length))).sort();
  }

  private async keys(prefix: string): Promise<string[]> {
    const out: string[] = [];
    for await (const k of await this.kv.keys(prefix + '>')) out.push(k);
    return out;
  }
}

function isCasLoss(e: unknown): boolean {
  return (e as { api_error?: { err_code?: number } } | null)?.api_error?.err_code === WRONG_LAST_SEQUENCE;
}

/** KV key tokens allow [-_=A-Za-z0-9]; other worker ids are hex-encoded behind '='. */
function encodeWorker(id: string): string {
  return /^[A-Za-z0-9_-]+$/.test(id) ? id : '=' + Buffer.from(id, 'utf8').toString('hex');
}

function decodeWorker(token: string): string {
  return token.startsWith('=') ? Buffer.from(token.slice(1), 'hex').toString('utf8') : token;
}
