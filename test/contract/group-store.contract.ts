// The one contract suite for the group store ports (records and app list, members, joined groups,
// join requests, topics; src/store/groups.ts), run against memory and LMDB from test/unit/store and
// Cassandra from test/integration. Cases live in group-*.cases.ts and use fresh random sdkAppIds,
// so persistent backends work unchanged. `reopen`, when given, adds the persistence cases.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { groupExtraCases } from './group-extras.cases.js';
import type { GroupCaseContext } from './group-fixtures.js';
import { joinedGroupCases } from './group-joined.cases.js';
import { groupMemberCases } from './group-members.cases.js';
import { groupPersistenceCases } from './group-persistence.cases.js';
import { groupRecordCases } from './group-records.cases.js';

export interface GroupContractOptions {
  open: () => Promise<Store>;
  /** Persistent backends: a store plus a function opening the same data again. */
  reopen?: () => Promise<{ store: Store; again: () => Promise<Store> }>;
  cleanup?: () => Promise<void>;
}

export function groupStoreContract(name: string, opts: GroupContractOptions): void {
  describe(`group store contract: ${name}`, () => {
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
    const ctx: GroupCaseContext = {
      store: () => {
        if (!store) throw new Error(`group store contract ${name}: open() did not produce a store`);
        return store;
      },
      newAppId: () => base + ++appSeq * 7,
    };

    groupRecordCases(ctx);
    groupMemberCases(ctx);
    joinedGroupCases(ctx);
    groupExtraCases(ctx);
    if (opts.reopen) groupPersistenceCases(ctx, opts.reopen);
  });
}
