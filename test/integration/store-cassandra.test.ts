// The Store contract against a real Cassandra (IM_IT_CASSANDRA), in a random keyspace per run that
// is dropped afterwards; plus what only Cassandra has: migrations that are harmless when repeated
// or raced from several clients, writes seen by another client, and a clear error when unreachable.
import { Client } from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomId } from '../../src/lib/ids.js';
import { openCassandraStore, type CassandraStoreOptions } from '../../src/store/cassandra/index.js';
import { migrate } from '../../src/store/cassandra/migrate.js';
import { MIGRATIONS } from '../../src/store/cassandra/schema.js';
import type { Store } from '../../src/store/index.js';
import { storeContract } from '../contract/store.contract.js';
import { itEnv } from '../support/it-env.js';

let cassandra: { contactPoints: string[]; localDataCenter: string };
const keyspaces: string[] = [];
const newKeyspace = () => {
  const ks = `it_store_${randomId(6)}`;
  keyspaces.push(ks);
  return ks;
};
const clients: Client[] = [];
const newClient = async () => {
  const c = new Client({ ...cassandra });
  clients.push(c);
  await c.connect();
  return c;
};
const options = (keyspace: string, over: Partial<CassandraStoreOptions> = {}): CassandraStoreOptions => ({
  ...cassandra,
  keyspace,
  replicationFactor: 1,
  ...over,
});

beforeAll(() => {
  cassandra = itEnv().cassandra;
});

afterAll(async () => {
  if (keyspaces.length > 0) {
    const admin = await newClient();
    for (const ks of keyspaces) await admin.execute(`DROP KEYSPACE IF EXISTS ${ks}`, [], { readTimeout: 60_000 });
  }
  for (const c of clients) await c.shutdown();
});

const contractKeyspace = newKeyspace();
storeContract('cassandra', () => openCassandraStore(options(contractKeyspace)));

describe('cassandra store migrations', () => {
  const recorded = async (client: Client, ks: string) =>
    (await client.execute(`SELECT id, name FROM ${ks}.schema_migrations`)).rows
      .map((r) => ({ id: r.get('id') as number, name: r.get('name') as string }))
      .sort((a, b) => a.id - b.id);
  const expected = MIGRATIONS.map((m) => ({ id: m.id, name: m.name }));

  it('running migrate twice applies everything once, then nothing', async () => {
    const ks = newKeyspace();
    const client = await newClient();
    const migrateOpts = { keyspace: ks, replicationFactor: 1, localDataCenter: cassandra.localDataCenter };
    expect(await migrate(client, migrateOpts)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(await migrate(client, migrateOpts)).toEqual([]);
    expect(await recorded(client, ks)).toEqual(expected);
  });

  it('running migrate concurrently from several clients is harmless', async () => {
    const ks = newKeyspace();
    const migrateOpts = { keyspace: ks, replicationFactor: 1, localDataCenter: cassandra.localDataCenter };
    const racers = await Promise.all([newClient(), newClient(), newClient()]);
    const applied = await Promise.all(racers.map((c) => migrate(c, migrateOpts)));
    expect(new Set(applied.flat())).toEqual(new Set(MIGRATIONS.map((m) => m.id)));
    expect(await recorded(racers[0]!, ks)).toEqual(expected);

    // Stores opened concurrently on the same fresh keyspace also migrate and then work.
    const ks2 = newKeyspace();
    const stores = await Promise.all([1, 2, 3].map(() => openCassandraStore(options(ks2))));
    try {
      await stores[0]!.accounts.importAccount(1400000000, { userId: 'u', nick: 'n', faceUrl: '', importedAt: 1 });
      expect((await stores[2]!.accounts.getAccount(1400000000, 'u'))?.nick).toBe('n');
      expect(await recorded(racers[0]!, ks2)).toEqual(expected);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('treats "already exists" from a concurrent creator as success', async () => {
    const ks = newKeyspace();
    const client = await newClient();
    const migrateOpts = { keyspace: ks, replicationFactor: 1, localDataCenter: cassandra.localDataCenter };
    await migrate(client, migrateOpts);
    // A statement without IF NOT EXISTS gets the same AlreadyExists answer a racing creator can get.
    const racer = { id: 1_000_000, name: 'recreate_apps', statements: [`CREATE TABLE {ks}.apps (sdkappid bigint PRIMARY KEY)`] };
    expect(await migrate(client, migrateOpts, [...MIGRATIONS, racer])).toEqual([racer.id]);
    expect((await recorded(client, ks)).at(-1)).toEqual({ id: racer.id, name: racer.name });
  });

  it('refuses to run when an applied migration was renamed in code', async () => {
    const ks = newKeyspace();
    const client = await newClient();
    const migrateOpts = { keyspace: ks, replicationFactor: 1, localDataCenter: cassandra.localDataCenter };
    await migrate(client, migrateOpts);
    const edited = MIGRATIONS.map((m, i) => (i === 0 ? { ...m, name: `${m.name}_renamed` } : m));
    await expect(migrate(client, migrateOpts, edited)).rejects.toThrow(/must not be edited/);
    await expect(migrate(client, migrateOpts, [...MIGRATIONS].reverse())).rejects.toThrow(/strictly increasing/);
  });
});

describe('cassandra store behaviour', () => {
  it('a resolved write is visible to a store on another connection, at every consistency', async () => {
    const ks = newKeyspace();
    const writer = await openCassandraStore(options(ks, { consistency: 'QUORUM' }));
    const readers: Store[] = [];
    try {
      await writer.apps.putApp({ sdkAppId: 1400000009, secretKey: 's', admins: ['a'], name: 'x', loginPolicy: 'single', createdAt: 3 });
      await writer.accounts.importAccount(1400000009, { userId: '读者', nick: 'n', faceUrl: 'f', importedAt: 4 });
      expect(await writer.accounts.setSigFloor(1400000009, '读者', 1_790_000_000)).toBe(true);
      for (const consistency of ['ONE', 'LOCAL_QUORUM', 'QUORUM'] as const) {
        const r = await openCassandraStore(options(ks, { consistency }));
        readers.push(r);
        expect((await r.apps.getApp(1400000009))?.name).toBe('x');
        expect(await r.accounts.getAccount(1400000009, '读者')).toEqual({ userId: '读者', nick: 'n', faceUrl: 'f', importedAt: 4, sigFloor: 1_790_000_000 });
      }
    } finally {
      await writer.close();
      for (const r of readers) await r.close();
    }
  });

  it('fails with an error naming the address when Cassandra is unreachable', async () => {
    await expect(openCassandraStore(options(newKeyspace(), { contactPoints: ['127.0.0.1:1'] }))).rejects.toThrow(/127\.0\.0\.1:1/);
  });
});
