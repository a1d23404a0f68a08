// The group membership flows (group-flow-scenarios.ts) over the memory store and over LMDB.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLmdbStore } from '../../../src/store/lmdb/index.js';
import { groupFlowScenarios } from './group-flow-scenarios.js';

groupFlowScenarios('memory', { open: () => Promise.resolve({ done: () => undefined }) });

groupFlowScenarios('lmdb', {
  open: () => {
    const dir = mkdtempSync(join(tmpdir(), 'im-group-flows-'));
    return Promise.resolve({ store: openLmdbStore({ path: dir }), done: () => rmSync(dir, { recursive: true, force: true }) });
  },
});
