// Runs the push-registry contract against the LMDB implementation, through the whole LMDB store
// (the registry's sub-databases share its environment), including a reopen of the same directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLmdbStore } from '../../../src/store/lmdb/index.js';
import type { Store } from '../../../src/store/index.js';
import { pushRegistryContract } from '../../contract/push-registry.contract.js';

const dir = mkdtempSync(join(tmpdir(), 'im-lmdb-push-'));
const path = join(dir, 'store');
let store: Store | undefined;

pushRegistryContract('lmdb', {
  open: async () => (store = openLmdbStore({ path })).pushRegistry,
  reopen: async () => {
    await store?.close();
    return (store = openLmdbStore({ path })).pushRegistry;
  },
  close: async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  },
});
