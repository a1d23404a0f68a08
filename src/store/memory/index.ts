// The in-process Store: complete and correct for one process (unit tests, `IM_STORE=memory`),
// nothing persisted. Reads need no coalescing here: they are synchronous Map lookups.
import type { Store } from '../index.js';
import { MemoryAccountStore } from './accounts.js';
import { MemoryAppStore } from './apps.js';
import { createMemorySocialStores } from './social.js';

export function createMemoryStore(): Store {
  return {
    apps: new MemoryAppStore(),
    accounts: new MemoryAccountStore(),
    ...createMemorySocialStores(),
    close: async () => {},
  };
}
