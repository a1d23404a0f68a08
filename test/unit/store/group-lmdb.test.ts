// Runs the group store contract against the embedded LMDB implementation (a fresh temp directory
// per handle), with the persistence cases: the same directory opened again after close.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLmdbStore } from '../../../src/store/lmdb/index.js';
import { groupStoreContract } from '../../contract/group-store.contract.js';

const dirs: string[] = [];
const tempPath = () => {
  const d = mkdtempSync(join(tmpdir(), 'im-lmdb-groups-'));
  dirs.push(d);
  return join(d, 'store');
};

groupStoreContract('lmdb', {
  open: async () => openLmdbStore({ path: tempPath() }),
  reopen: async () => {
    const path = tempPath();
    return { store: openLmdbStore({ path }), again: async () => openLmdbStore({ path }) };
  },
  cleanup: async () => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  },
});
