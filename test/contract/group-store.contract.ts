// The one contract suite for the group store ports (records and app list, members, joined groups,
// join requests, topics; src/store/groups.ts), run against memory and LMDB from test/unit/store and
// Cassandra from test/integration. Cases live in group-*.cases.ts and use fresh random sdkAppIds,
// so persistent backends work unchanged. `reopen`, when given, adds the persistence cases.
import { groupExtraCases } from './group-extras.cases.js';
import { joinedGroupCases } from './group-joined.cases.js';
import { groupMemberCases } from './group-members.cases.js';
import { groupPersistenceCases } from './group-persistence.cases.js';
import { groupRecordCases } from './group-records.cases.js';
import { storeSuite, type StoreContractOptions } from './store-suite.js';

export type GroupContractOptions = StoreContractOptions;

export function groupStoreContract(name: string, opts: GroupContractOptions): void {
  storeSuite(`group store contract: ${name}`, opts, (ctx, reopen) => {
    groupRecordCases(ctx);
    groupMemberCases(ctx);
    joinedGroupCases(ctx);
    groupExtraCases(ctx);
    if (reopen) groupPersistenceCases(ctx, reopen);
  });
}
