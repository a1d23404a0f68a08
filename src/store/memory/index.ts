// The in-process Store: complete and correct for one process (unit tests, `IM_STORE=memory`),
// nothing persisted. Reads need no coalescing here: they are synchronous Map lookups.
import { type Clock, systemClock } from '../../lib/clock.js';
import type { Store } from '../index.js';
import { MemoryAccountStore } from './accounts.js';
import { MemoryAppStore } from './apps.js';
import { createMemoryGroupStores } from './group-stores.js';
import { createMemoryMessageStores } from './message-stores.js';
import { createMemorySocialStores } from './social.js';
import { MemoryPushRegistryStore } from './push-registry.js';
import { MemoryNoSpeakingStore } from './no-speaking.js';
import { MemoryUserAttrStore } from './user-attrs.js';

/** clock drives message retention and dedup expiry (tests pass a fake one). */
export function createMemoryStore(opts: { clock?: Clock } = {}): Store {
  return {
    apps: new MemoryAppStore(),
    accounts: new MemoryAccountStore(),
    ...createMemorySocialStores(),
    ...createMemoryMessageStores(opts.clock ?? systemClock),
    ...createMemoryGroupStores(opts.clock ?? systemClock),
    pushRegistry: new MemoryPushRegistryStore(),
    noSpeaking: new MemoryNoSpeakingStore(),
    userAttrs: new MemoryUserAttrStore(),
    close: async () => {},
  };
}
