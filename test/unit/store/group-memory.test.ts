// Runs the group store contract against the in-process implementation.
import { createMemoryStore } from '../../../src/store/memory/index.js';
import { groupStoreContract } from '../../contract/group-store.contract.js';

groupStoreContract('memory', { open: async () => createMemoryStore() });
