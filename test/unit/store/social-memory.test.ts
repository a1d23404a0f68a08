// Runs the social store contract against the in-process implementation.
import { createMemoryStore } from '../../../src/store/memory/index.js';
import { socialStoreContract } from '../../contract/social-store.contract.js';

socialStoreContract('memory', { open: async () => createMemoryStore() });
