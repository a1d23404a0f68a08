// Runs the no-speaking store contract against the in-process implementation; a "peer" handle is
// the same store (one process, one state).
import { createMemoryStore } from '../../../src/store/memory/index.js';
import { noSpeakingContract } from '../../contract/no-speaking.contract.js';

noSpeakingContract('memory', { open: async () => createMemoryStore(), peer: async (first) => first });
