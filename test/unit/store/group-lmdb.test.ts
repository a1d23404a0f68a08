// Runs the group store contract against the embedded LMDB implementation (a fresh temp directory
// per handle), with the persistence cases: the same directory opened again after close.
import { openLmdbStore } from '../../../src/store/lmdb/index.js';
import { groupStoreContract } from '../../contract/group-store.contract.js';
import { tempLmdbPaths } from './temp-lmdb.js';

const temp = tempLmdbPaths('im-lmdb-groups-');

groupStoreContract('lmdb', {
  open: async () => openLmdbStore({ path: temp.path() }),
  reopen: async () => {
    const path = temp.path();
    return { store: openLmdbStore({ path }), again: async () => openLmdbStore({ path }) };
  },
  cleanup: temp.remove,
});
