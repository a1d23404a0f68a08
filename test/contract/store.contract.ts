// The one contract suite for the Store port (apps and accounts), run against every implementation:
// memory and LMDB from test/unit/store, Cassandra from test/integration. The cases live in
// store-apps.cases.ts and store-accounts.cases.ts. `open` must return a new handle each call (its
// own client or file); the suite opens one for all cases and a few extra for close(). Cases never
// assume an empty store: each uses fresh random sdkAppIds, so persistent backends work unchanged.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { accountCases } from './store-accounts.cases.js';
import { appCases } from './store-apps.cases.js';

export function storeContract(name: string, open: () => Promise<Store>, cleanup?: () => Promise<void>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store | undefined;
    const extra: Store[] = [];

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
      for (const s of extra) await s.close();
      await cleanup?.();
    });

    // Random, well apart, never 0: each case gets apps nobody else touches.
    let appSeq = 0;
    const base = 1_000_000 + (randomBytes(4).readUInt32BE(0) % 3_000_000_000);
    const ctx = {
      store: () => {
        if (!store) throw new Error(`store contract ${name}: open() did not produce a store`);
        return store;
      },
      newAppId: () => base + ++appSeq * 7,
    };

    appCases(ctx);
    accountCases(ctx);

    describe('lifecycle', () => {
      it('close is idempotent', async () => {
        const s = await open();
        extra.push(s);
        await s.apps.listApps();
        await s.close();
        await s.close();
      });
    });
  });
}
