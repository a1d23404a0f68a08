// The group message scenarios (seqs across activations and a failed append, dedup, recall
// placeholders, history before joining, receipts) over a real Cassandra (IM_IT_CASSANDRA), in a
// random keyspace dropped afterwards.
import { beforeAll } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { groupMessageScenarios } from '../unit/groups/group-msg-scenarios.js';
import { itKeyspace } from '../support/it-keyspace.js';

const ks = itKeyspace('it_groupmsg');
let store: Store | undefined;
beforeAll(async () => {
  store = await ks.open();
}, 120_000);

groupMessageScenarios('cassandra', {
  open: () => {
    if (!store) throw new Error('the Cassandra store was not opened (beforeAll did not run)');
    return store;
  },
});
