// The no-speaking store contract against a real Cassandra (IM_IT_CASSANDRA) in a random keyspace
// that is dropped afterwards; a peer is a second store on its own connection. Plus the layout
// fact only Cassandra has: a partial set writes one column, so a lifted row stays but reads as unset.
import { Client } from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomId } from '../../src/lib/ids.js';
import { openCassandraStore } from '../../src/store/cassandra/index.js';
import type { Store } from '../../src/store/index.js';
import { noSpeakingContract } from '../contract/no-speaking.contract.js';
import { itEnv } from '../support/it-env.js';

let cassandra: { contactPoints: string[]; localDataCenter: string };
const keyspace = `it_mute_${randomId(6)}`;
const open = (): Promise<Store> => openCassandraStore({ ...cassandra, keyspace, replicationFactor: 1 });
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

noSpeakingContract('cassandra', { open, peer: () => open() });

describe('cassandra no-speaking layout', () => {
  it('a partial set writes only its column; a fully lifted row stays but is left out of getMany', async () => {
    const store = await open();
    try {
      await store.noSpeaking.set(1400000077, 'u', { groupUntil: 9 });
      const row = (await raw!.execute(`SELECT c2c_until, group_until FROM ${keyspace}.no_speaking WHERE sdkappid = ? AND user_id = ?`, [1400000077, 'u'], { prepare: true })).first();
      expect(row?.get('c2c_until')).toBeNull();
      expect(Number(row?.get('group_until'))).toBe(9);
      await store.noSpeaking.set(1400000077, 'u', { groupUntil: 0 });
      expect((await raw!.execute(`SELECT user_id FROM ${keyspace}.no_speaking WHERE sdkappid = ? AND user_id = ?`, [1400000077, 'u'], { prepare: true })).rowLength).toBe(1);
      expect(await store.noSpeaking.getMany(1400000077, ['u'])).toEqual(new Map());
    } finally {
      await store.close();
    }
  });
});
