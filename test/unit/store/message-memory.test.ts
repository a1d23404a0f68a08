// Runs the message-store contract against the in-process implementation, with a fake clock for
// retention and dedup expiry; a "peer" handle is the same store (one process, one state).
import { createMemoryStore } from '../../../src/store/memory/index.js';
import { messageStoreContract } from '../../contract/message-store.contract.js';
import { FakeClock } from '../../support/fake-clock.js';

const clock = new FakeClock();

messageStoreContract('memory', {
  open: async () => createMemoryStore({ clock }),
  peer: async (first) => first,
  advance: async (seconds) => clock.advance(seconds * 1000),
  shortTtlSec: 2,
  bucketSize: 10,
});
