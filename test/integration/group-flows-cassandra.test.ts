// The group membership flows (test/unit/groups/group-flow-scenarios.ts) on an in-process node
// over a real Cassandra (IM_IT_CASSANDRA), one random keyspace for the file. Every test runs in
// its own app (the node's random sdkAppId), so they share the store without sharing rows.
import { beforeAll } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { itKeyspace } from '../support/it-keyspace.js';
import { groupFlowScenarios } from '../unit/groups/group-flow-scenarios.js';

const ks = itKeyspace('it_groupflows');
let store: Store | undefined;
beforeAll(async () => {
  store = await ks.open();
}, 120_000);

groupFlowScenarios('cassandra', {
  open: () => {
    if (!store) throw new Error('the Cassandra store was not opened (beforeAll did not run)');
    // The node closes its store on stop; this one is the file's and closes with the keyspace.
    return Promise.resolve({ store: { ...store, close: () => Promise.resolve() }, done: () => undefined });
  },
});
