// Runs the push-registry contract against the in-process implementation.
import { MemoryPushRegistryStore } from '../../../src/store/memory/push-registry.js';
import { pushRegistryContract } from '../../contract/push-registry.contract.js';

pushRegistryContract('memory', { open: async () => new MemoryPushRegistryStore(), close: async () => {} });
