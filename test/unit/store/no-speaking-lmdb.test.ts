// Runs the no-speaking store contract against the embedded LMDB implementation (a peer is a
// second handle on the same directory), plus persistence across close and reopen.
import { afterAll, describe, expect, it } from 'vitest';
import { openLmdbStore } from '../../../src/store/lmdb/index.js';
import { NO_SPEAKING_FOREVER } from '../../../src/store/no-speaking.js';
import { noSpeakingContract } from '../../contract/no-speaking.contract.js';
import { tempLmdbPaths } from './temp-lmdb.js';

const temp = tempLmdbPaths('im-lmdb-mute-');
const contractPath = temp.path();

noSpeakingContract('lmdb', {
  open: async () => openLmdbStore({ path: contractPath }),
  peer: async () => openLmdbStore({ path: contractPath }),
});

describe('lmdb no-speaking persistence', () => {
  afterAll(temp.remove);

  it('keeps deadlines and lifts across close and reopen', async () => {
    const path = temp.path();
    const first = openLmdbStore({ path });
    await first.noSpeaking.set(1400000001, 'muted', { c2cUntil: NO_SPEAKING_FOREVER, groupUntil: 1_800_000_000 });
    await first.noSpeaking.set(1400000001, 'lifted', { c2cUntil: 5 });
    await first.noSpeaking.set(1400000001, 'lifted', { c2cUntil: 0 });
    await first.close();
    const second = openLmdbStore({ path });
    try {
      expect(await second.noSpeaking.get(1400000001, 'muted')).toEqual({ c2cUntil: NO_SPEAKING_FOREVER, groupUntil: 1_800_000_000 });
      expect(await second.noSpeaking.getMany(1400000001, ['muted', 'lifted'])).toEqual(new Map([['muted', { c2cUntil: NO_SPEAKING_FOREVER, groupUntil: 1_800_000_000 }]]));
    } finally {
      await second.close();
    }
  });
});
