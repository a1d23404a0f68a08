// The ShardLeases contract on NATS JetStream KV: expiry is the server's max_age, in real time, so
// the TTL is short. Each test gets its own bucket (deleted afterwards) on the shared server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from 'nats';
import { createNatsShardLeases } from '../../src/actors/leases-nats.js';
import { randomId } from '../../src/lib/ids.js';
import { shardLeasesContract } from '../contract/shard-leases.contract.js';
import { itEnv } from '../support/it-env.js';

const TTL_MS = 1_000;
let nc: NatsConnection;

beforeAll(async () => {
  nc = await connect({ servers: itEnv().natsUrl, name: 'it-shard-leases' });
});
afterAll(async () => {
  await nc?.close();
});

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

shardLeasesContract('nats-kv', async () => {
  const bucket = `it_leases_${randomId(4)}`;
  const leases = await createNatsShardLeases({ nc, bucket, ttlMs: TTL_MS });
  return {
    leases,
    wait: sleep,
    close: async () => {
      const jsm = await nc.jetstreamManager();
      await jsm.streams.delete(`KV_${bucket}`);
    },
  };
});

describe('NATS shard leases setup', () => {
  it('applies a changed TTL to an existing bucket', async () => {
    const bucket = `it_leases_${randomId(4)}`;
    await createNatsShardLeases({ nc, bucket, ttlMs: 5_000 });
    const leases = await createNatsShardLeases({ nc, bucket, ttlMs: 800 });
    const a = await leases.acquire(1, 'A');
    expect(a).toBeDefined();
    await sleep(800 + 400);
    expect((await leases.owners()).size).toBe(0);
    await (await nc.jetstreamManager()).streams.delete(`KV_${bucket}`);
  });

  it('rejects a bad bucket name and TTL', async () => {
    await expect(createNatsShardLeases({ nc, bucket: 'bad.name', ttlMs: 1_000 })).rejects.toThrow(/bucket/);
    await expect(createNatsShardLeases({ nc, bucket: 'ok', ttlMs: 0 })).rejects.toThrow(/ttlMs/);
  });
});
