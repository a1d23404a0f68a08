// The no-speaking store contract against a real Cassandra (IM_IT_CASSANDRA) in a random keyspace
// that is dropped afterwards; a peer is a second store on its own connection. Plus the layout
// fact only Cassandra has: a partial set writes one column, so a lifted row stays but reads as unset.
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { noSpeakingContract } from '../contract/no-speaking.contract.js';
import { itKeyspace } from '../support/it-keyspace.js';

const ks = itKeyspace('it_mute');
const open = (): Promise<Store> => ks.open();
const keyspace = ks.keyspace;
noSpeakingContract('cassandra', { open, peer: () => open() });

describe('cassandra no-speaking layout', () => {
  it('a partial set writes only its column; a fully lifted row stays but is left out of getMany', async () => {
    const store = await open();
    try {
      await store.noSpeaking.set(1400000077, 'u', { groupUntil: 9 });
      const row = (await ks.raw().execute(`SELECT c2c_until, group_until FROM ${keyspace}.no_speaking WHERE sdkappid = ? AND user_id = ?`, [1400000077, 'u'], { prepare: true })).first();
      expect(row?.get('c2c_until')).toBeNull();
      expect(Number(row?.get('group_until'))).toBe(9);
      await store.noSpeaking.set(1400000077, 'u', { groupUntil: 0 });
      expect((await ks.raw().execute(`SELECT user_id FROM ${keyspace}.no_speaking WHERE sdkappid = ? AND user_id = ?`, [1400000077, 'u'], { prepare: true })).rowLength).toBe(1);
      expect(await store.noSpeaking.getMany(1400000077, ['u'])).toEqual(new Map());
    } finally {
      await store.close();
    }
  });
});
