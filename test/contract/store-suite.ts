// The frame shared by the whole-Store contract suites (group, social): one store opened per suite
// and closed after it, fresh random sdkAppIds per case so persistent backends need no wiping, and
// the persistence cases only when the backend can reopen its data.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import type { Store } from '../../src/store/index.js';

export interface StoreCaseContext {
  store(): Store;
  newAppId(): number;
}

export type Reopen = () => Promise<{ store: Store; again: () => Promise<Store> }>;

export interface StoreContractOptions {
  open: () => Promise<Store>;
  /** Persistent backends: a store plus a function opening the same data again. */
  reopen?: Reopen;
  cleanup?: () => Promise<void>;
}

/** Registers `title` with its cases; `cases` gets `reopen` only when the backend gave one. */
export function storeSuite(title: string, opts: StoreContractOptions, cases: (ctx: StoreCaseContext, reopen: Reopen | undefined) => void): void {
  describe(title, () => {
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
    cases(
      {
        store: () => {
          if (!store) throw new Error(`${title}: open() did not produce a store`);
          return store;
        },
        newAppId: () => base + ++appSeq * 7,
      },
      opts.reopen,
    );
  });
}
