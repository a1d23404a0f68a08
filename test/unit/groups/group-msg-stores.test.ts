// The group message scenarios over the memory store and the embedded LMDB store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openLmdbStore } from '../../../src/store/lmdb/index.js';
import { createMemoryStore } from '../../../src/store/memory/index.js';
import type { Store } from '../../../src/store/index.js';
import { groupMessageScenarios } from './group-msg-scenarios.js';

const dirs: string[] = [];
const opened: Store[] = [];
afterAll(async () => {
  for (const s of opened.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

groupMessageScenarios('memory', { open: (clock) => createMemoryStore({ clock }) });
groupMessageScenarios('lmdb', {
  open: (clock) => {
    const d = mkdtempSync(join(tmpdir(), 'im-lmdb-groupmsg-'));
    dirs.push(d);
    const s = openLmdbStore({ path: join(d, 'store'), clock });
    opened.push(s);
    return s;
  },
});
