// The one contract suite for the social-graph store ports (profiles, friends, friend requests,
// blocklist, friend lists, change log and its peer outbox; src/store/relationships.ts), run against memory and LMDB
// from test/unit/store and Cassandra from test/integration. Cases live in social-*.cases.ts and
// use fresh random sdkAppIds, so persistent backends work unchanged. `reopen`, when given, opens a
// store and returns a way to open a second handle on the same data after closing the first.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { blocklistCases } from './social-blocklist.cases.js';
import { changeCases } from './social-changes.cases.js';
import type { SocialCaseContext } from './social-fixtures.js';
import { friendListCases } from './social-friend-lists.cases.js';
import { friendCases } from './social-friends.cases.js';
import { outboxCases } from './social-outbox.cases.js';
import { persistenceCases } from './social-persistence.cases.js';
import { profileCases } from './social-profiles.cases.js';
import { requestCases } from './social-requests.cases.js';

export interface SocialContractOptions {
  open: () => Promise<Store>;
  /** Persistent backends: a store plus a function opening the same data again. */
  reopen?: () => Promise<{ store: Store; again: () => Promise<Store> }>;
  cleanup?: () => Promise<void>;
}

export function socialStoreContract(name: string, opts: SocialContractOptions): void {
  describe(`social store contract: ${name}`, () => {
    let store: Store | undefined;
    beforeAll(async () => {
      store = await opts.open();
    });
    afterAll(async () => {
      await store?.close();
      await opts.cleanup?.();
    });

    let appSeq = 0;
    const base = 1_000_000 + (randomBytes(4).readUInt32BE(0) % 3_000_000_000);
    const ctx: SocialCaseContext = {
      store: () => {
        if (!store) throw new Error(`social store contract ${name}: open() did not produce a store`);
        return store;
      },
      newAppId: () => base + ++appSeq * 7,
    };

    profileCases(ctx);
    friendCases(ctx);
    requestCases(ctx);
    blocklistCases(ctx);
    friendListCases(ctx);
    changeCases(ctx);
    outboxCases(ctx);
    if (opts.reopen) persistenceCases(ctx, opts.reopen);
  });
}
