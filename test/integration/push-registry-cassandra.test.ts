// The push-registry contract against a real Cassandra (IM_IT_CASSANDRA) in a random keyspace,
// through the whole Cassandra store (migration 6 creates the tables), including a reopen.
import { Client } from 'cassandra-driver';
import { afterAll, beforeAll } from 'vitest';
import { randomId } from '../../src/lib/ids.js';
import { openCassandraStore } from '../../src/store/cassandra/index.js';
import type { Store } from '../../src/store/index.js';
import { pushRegistryContract } from '../contract/push-registry.contract.js';
import { itEnv } from '../support/it-env.js';

let cassandra: { contactPoints: string[]; localDataCenter: string };
const keyspace = `it_push_${randomId(6)}`;
const open = (): Promise<Store> => openCassandraStore({ ...cassandra, keyspace, replicationFactor: 1 });
let store: Store | undefined;
let raw: Client | undefined;

beforeAll(async () => {
  cassandra = itEnv().cassandra;
  raw = new Client({ ...cassandra });
  await raw.connect();
});

afterAll(async () => {
  await raw?.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`, [], { readTimeout: 60_000 });
  await raw?.shutdown();
});

pushRegistryContract('cassandra', {
  open: async () => (store = await open()).pushRegistry,
  reopen: async () => {
    await store?.close();
    return (store = await open()).pushRegistry;
  },
  close: async () => {
    await store?.close();
  },
});
