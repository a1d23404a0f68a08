// One random Cassandra keyspace per integration test file (IM_IT_CASSANDRA), dropped after the
// file, with a plain driver client on the same cluster for layout checks. Call at module level:
// it registers the beforeAll/afterAll hooks. Stores opened through open() are closed afterwards.
import { Client } from 'cassandra-driver';
import { afterAll, beforeAll } from 'vitest';
import { randomId } from '../../src/lib/ids.js';
import { openCassandraStore, type CassandraMessageOptions, type CassandraStoreOptions } from '../../src/store/cassandra/index.js';
import type { Store } from '../../src/store/index.js';
import { itEnv } from './it-env.js';

export interface ItKeyspace {
  readonly keyspace: string;
  /** The driver client (after beforeAll). */
  raw(): Client;
  /** The whole Cassandra store on this keyspace (migrated on first open). */
  open(over?: Partial<CassandraStoreOptions & CassandraMessageOptions>): Promise<Store>;
}

export function itKeyspace(prefix: string): ItKeyspace {
  const keyspace = `${prefix}_${randomId(6)}`;
  let cassandra: { contactPoints: string[]; localDataCenter: string } | undefined;
  let raw: Client | undefined;
  const stores: Store[] = [];
  beforeAll(async () => {
    cassandra = itEnv().cassandra;
    raw = new Client({ ...cassandra });
    await raw.connect();
  });
  afterAll(async () => {
    for (const s of stores) await s.close().catch(() => {});
    await raw?.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`, [], { readTimeout: 60_000 });
    await raw?.shutdown();
  });
  return {
    keyspace,
    raw: () => {
      if (!raw) throw new Error('itKeyspace: the Cassandra client is not connected yet (beforeAll did not run)');
      return raw;
    },
    open: async (over = {}) => {
      if (!cassandra) throw new Error('itKeyspace: IM_IT_CASSANDRA was not read yet (beforeAll did not run)');
      const s = await openCassandraStore({ ...cassandra, keyspace, replicationFactor: 1, ...over });
      stores.push(s);
      return s;
    },
  };
}
