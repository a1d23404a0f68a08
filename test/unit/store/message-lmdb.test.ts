// Runs the message-store contract against the embedded LMDB implementation (fake clock for
// retention; a peer is a second handle on the same directory), including reopen persistence.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLmdbStore } from '../../../src/store/lmdb/index.js';
import { messageStoreContract } from '../../contract/message-store.contract.js';
import { FakeClock } from '../../support/fake-clock.js';

const clock = new FakeClock();
const dirs: string[] = [];
const tempPath = () => {
  const d = mkdtempSync(join(tmpdir(), 'im-lmdb-msg-'));
  dirs.push(d);
  return join(d, 'store');
};
const contractPath = tempPath();

messageStoreContract('lmdb', {
  open: async () => openLmdbStore({ path: contractPath, clock }),
  peer: async () => openLmdbStore({ path: contractPath, clock }),
  advance: async (seconds) => clock.advance(seconds * 1000),
  shortTtlSec: 2,
  bucketSize: 10,
  reopen: async () => {
    const path = tempPath();
    return { store: openLmdbStore({ path, clock }), again: async () => openLmdbStore({ path, clock }) };
  },
  cleanup: async () => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  },
});
