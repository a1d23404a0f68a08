// The push-registry contract against a real Cassandra (IM_IT_CASSANDRA) in a random keyspace,
// through the whole Cassandra store (migration 6 creates the tables), including a reopen.
import type { Store } from '../../src/store/index.js';
import { pushRegistryContract } from '../contract/push-registry.contract.js';
import { itKeyspace } from '../support/it-keyspace.js';

const ks = itKeyspace('it_push');
const open = (): Promise<Store> => ks.open();
let store: Store | undefined;
pushRegistryContract('cassandra', {
  open: async () => (store = await open()).pushRegistry,
  reopen: async () => {
    await store?.close();
    return (store = await open()).pushRegistry;
  },
  close: async () => {
    await store?.close();
  },
});
