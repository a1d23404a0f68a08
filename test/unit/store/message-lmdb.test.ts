// Runs the message-store contract against the embedded LMDB implementation (fake clock for
// retention; a peer is a second handle on the same directory), including reopen persistence.
import { openLmdbStore } from '../../../src/store/lmdb/index.js';
import { messageStoreContract } from '../../contract/message-store.contract.js';
import { FakeClock } from '../../support/fake-clock.js';
import { tempLmdbPaths } from './temp-lmdb.js';

const clock = new FakeClock();
const temp = tempLmdbPaths('im-lmdb-msg-');
const contractPath = temp.path();

messageStoreContract('lmdb', {
  open: async () => openLmdbStore({ path: contractPath, clock }),
  peer: async () => openLmdbStore({ path: contractPath, clock }),
  advance: async (seconds) => clock.advance(seconds * 1000),
  shortTtlSec: 2,
  bucketSize: 10,
  reopen: async () => {
    const path = temp.path();
    return { store: openLmdbStore({ path, clock }), again: async () => openLmdbStore({ path, clock }) };
  },
  cleanup: temp.remove,
});
