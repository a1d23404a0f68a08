// The one contract suite for the social-graph store ports (profiles, friends, friend requests,
// blocklist, friend lists, change log and its peer outbox; src/store/relationships.ts), run against memory and LMDB
// from test/unit/store and Cassandra from test/integration. Cases live in social-*.cases.ts and
// use fresh random sdkAppIds, so persistent backends work unchanged. `reopen`, when given, opens a
// store and returns a way to open a second handle on the same data after closing the first.
import { blocklistCases } from './social-blocklist.cases.js';
import { changeCases } from './social-changes.cases.js';
import { friendListCases } from './social-friend-lists.cases.js';
import { friendCases } from './social-friends.cases.js';
import { outboxCases } from './social-outbox.cases.js';
import { persistenceCases } from './social-persistence.cases.js';
import { profileCases } from './social-profiles.cases.js';
import { requestCases } from './social-requests.cases.js';
import { storeSuite, type StoreContractOptions } from './store-suite.js';

export type SocialContractOptions = StoreContractOptions;

export function socialStoreContract(name: string, opts: SocialContractOptions): void {
  storeSuite(`social store contract: ${name}`, opts, (ctx, reopen) => {
    profileCases(ctx);
    friendCases(ctx);
    requestCases(ctx);
    blocklistCases(ctx);
    friendListCases(ctx);
    changeCases(ctx);
    outboxCases(ctx);
    if (reopen) persistenceCases(ctx, reopen);
  });
}
