// Runs the Store contract against the in-process implementation.
import { createMemoryStore } from '../../../src/store/memory/index.js';
import { storeContract } from '../../contract/store.contract.js';

storeContract('memory', async () => createMemoryStore());
