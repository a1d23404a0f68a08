// The embedded persistent Store for the single-node server (`npm start`, data under ./var):
// one LMDB environment in the directory `path`, one named sub-database per aggregate.
// Durability: overlappingSync is off, so a write's promise resolves only after its transaction
// is committed and fsynced (with overlappingSync on, lmdb resolves at commit and flushes later);
// noSync is never set. One process owns the directory; other processes must not open it.
import { open, type RootDatabase } from 'lmdb';
import { type Clock, systemClock } from '../../lib/clock.js';
import type { AccountRecord } from '../accounts.js';
import type { AppRecord } from '../apps.js';
import type { Store } from '../index.js';
import { type AccountKey, LmdbAccountStore } from './accounts.js';
import { LmdbAppStore } from './apps.js';
import { openLmdbGroupStores } from './group-stores.js';
import { openLmdbMessageStores } from './message-stores.js';
import { openLmdbSocialStores } from './social.js';
import { openLmdbPushRegistry } from './push-registry.js';
import { LmdbNoSpeakingStore } from './no-speaking.js';
import { openLmdbUserAttrStore } from './user-attrs.js';

/** Named sub-databases the environment may hold (lmdb's default of 12 is too few for every aggregate). */
export const LMDB_MAX_DBS = 64;

/** clock drives message retention and dedup expiry (tests pass a fake one). */
export function openLmdbStore(opts: { path: string; clock?: Clock }): Store {
  if (typeof opts?.path !== 'string' || opts.path.length === 0) {
    throw new TypeError('openLmdbStore: path must be a non-empty directory path');
  }
  let root: RootDatabase;
  try {
    root = open({ path: opts.path, overlappingSync: false, noSync: false, maxDbs: LMDB_MAX_DBS });
  } catch (e) {
    throw new Error(`openLmdbStore: cannot open ${opts.path}: ${(e as Error).message}`, { cause: e });
  }
  const apps = root.openDB<AppRecord, number>({ name: 'apps' });
  const accounts = root.openDB<AccountRecord, AccountKey>({ name: 'accounts' });
  let closing: Promise<void> | undefined;
  return {
    apps: new LmdbAppStore(apps),
    accounts: new LmdbAccountStore(accounts),
    ...openLmdbSocialStores(root),
    ...openLmdbMessageStores(root, opts.clock ?? systemClock),
    ...openLmdbGroupStores(root, opts.clock ?? systemClock),
    pushRegistry: openLmdbPushRegistry(root),
    noSpeaking: LmdbNoSpeakingStore.open(root),
    userAttrs: openLmdbUserAttrStore(root),
    // Waits for queued writes to commit before the environment is released.
    close: () => (closing ??= root.close()),
  };
}
