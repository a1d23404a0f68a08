// The UserAttrStore contract against a real Cassandra (IM_IT_CASSANDRA) in a random keyspace,
// through the whole Cassandra store (migration 8 creates the tables).
import { Client } from 'cassandra-driver';
import { afterAll, beforeAll } from 'vitest';
import { randomId } from '../../src/lib/ids.js';
import { openCassandraStore } from '../../src/store/cassandra/index.js';
import { userAttrsContract } from '../contract/user-attrs.contract.js';
import { itEnv } from '../support/it-env.js';

let cassandra: { contactPoints: string[]; localDataCenter: string };
const keyspace = `it_attrs_${randomId(6)}`;
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

userAttrsContract('cassandra', () => openCassandraStore({ ...cassandra, keyspace, replicationFactor: 1 }));
