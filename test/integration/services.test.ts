// Smoke test of the real services that test/run.ts starts: NATS with JetStream (account info,
// a KV bucket created, used and deleted), Redis (PING, SET with PX expiry) and Cassandra 5.0
// (version, plus a prepared statement, which needs the jamm agent on JDK 17). Each check fails
// on a misconfigured service. Names are random so other files can share the instances.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from 'nats';
import { Redis } from 'ioredis';
import { Client } from 'cassandra-driver';
import { itEnv, type ItEnv } from '../support/it-env.js';

const suffix = randomBytes(4).toString('hex');
const KEY_TTL_MS = 60_000;

let env: ItEnv;
beforeAll(() => {
  env = itEnv();
});

describe('itEnv', () => {
  const names = ['IM_IT_NATS_URL', 'IM_IT_REDIS_URL', 'IM_IT_CASSANDRA'] as const;
  // Valid values for the variables a case does not override, so each case tests one variable.
  const baseline = { IM_IT_NATS_URL: 'nats://127.0.0.1:1', IM_IT_REDIS_URL: 'redis://127.0.0.1:2', IM_IT_CASSANDRA: '127.0.0.1:3' };

  function withEnv(overrides: Partial<Record<(typeof names)[number], string | undefined>>, fn: () => void): void {
    const saved = names.map((n) => [n, process.env[n]] as const);
    try {
      for (const [k, v] of Object.entries({ ...baseline, ...overrides })) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      fn();
    } finally {
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  }

  it('names the missing variable', () => {
    for (const name of names) {
      withEnv({ [name]: undefined }, () => expect(() => itEnv()).toThrow(name));
    }
  });

  it('rejects malformed values', () => {
    withEnv({ IM_IT_NATS_URL: 'redis://127.0.0.1:1' }, () => expect(() => itEnv()).toThrow(/IM_IT_NATS_URL.*nats:\/\//));
    withEnv({ IM_IT_REDIS_URL: 'not a url' }, () => expect(() => itEnv()).toThrow(/IM_IT_REDIS_URL/));
    withEnv({ IM_IT_CASSANDRA: '127.0.0.1' }, () => expect(() => itEnv()).toThrow(/IM_IT_CASSANDRA.*host:port/));
  });

  it('parses a list of Cassandra contact points', () => {
    withEnv({ IM_IT_CASSANDRA: '127.0.0.1:1, 127.0.0.2:2' }, () =>
      expect(itEnv().cassandra).toEqual({ contactPoints: ['127.0.0.1:1', '127.0.0.2:2'], localDataCenter: 'datacenter1' }),
    );
  });
});

describe('NATS', () => {
  let nc: NatsConnection;
  beforeAll(async () => {
    nc = await connect({ servers: env.natsUrl, name: `services-test-${suffix}` });
  });
  afterAll(async () => {
    await nc?.close();
  });

  it('has JetStream enabled', async () => {
    const jsm = await nc.jetstreamManager();
    const info = await jsm.getAccountInfo();
    expect(info.limits).toBeDefined();
    expect(typeof info.streams).toBe('number');
  });

  it('creates, uses and deletes a KV bucket', async () => {
    const bucket = `it_services_${suffix}`;
    const kv = await nc.jetstream().views.kv(bucket, { history: 1 });
    await kv.put('k', new TextEncoder().encode('v1'));
    const entry = await kv.get('k');
    expect(new TextDecoder().decode(entry?.value)).toBe('v1');

    const jsm = await nc.jetstreamManager();
    const before = await jsm.streams.names().next();
    expect(before).toContain(`KV_${bucket}`);
    await kv.destroy();
    const after = await jsm.streams.names().next();
    expect(after).not.toContain(`KV_${bucket}`);
  });
});

describe('Redis', () => {
  let redis: Redis;
  const key = `it:services:${suffix}`;
  beforeAll(async () => {
    redis = new Redis(env.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
  });
  afterAll(async () => {
    await redis?.del(key);
    redis?.disconnect();
  });

  it('answers PING', async () => {
    expect(await redis.ping()).toBe('PONG');
  });

  it('stores a value with a PX expiry', async () => {
    expect(await redis.set(key, 'v', 'PX', KEY_TTL_MS)).toBe('OK');
    expect(await redis.get(key)).toBe('v');
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(KEY_TTL_MS);
  });
});

describe('Cassandra', () => {
  let client: Client;
  const keyspace = `it_services_${suffix}`;
  beforeAll(async () => {
    client = new Client({ contactPoints: env.cassandra.contactPoints, localDataCenter: env.cassandra.localDataCenter });
    await client.connect();
  });
  afterAll(async () => {
    await client?.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
    await client?.shutdown();
  });

  it('runs Cassandra 5.0', async () => {
    const rs = await client.execute('SELECT release_version FROM system.local');
    expect(String(rs.first()?.get('release_version'))).toMatch(/^5\.0\./);
  });

  it('runs prepared statements in a fresh keyspace', async () => {
    await client.execute(
      `CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
    );
    await client.execute(`CREATE TABLE ${keyspace}.kv (k text PRIMARY KEY, v int)`);
    await client.execute(`INSERT INTO ${keyspace}.kv (k, v) VALUES (?, ?)`, ['a', 42], { prepare: true });
    const rs = await client.execute(`SELECT v FROM ${keyspace}.kv WHERE k = ?`, ['a'], { prepare: true });
    expect(rs.first()?.get('v')).toBe(42);
  });
});
