// The one contract suite for the message-path store ports (messages, seqs, conversations, dedup;
// src/store/{messages,seqs,conversations,dedup}.ts), run against memory and LMDB from
// test/unit/store and Cassandra from test/integration. Cases live in message-*.cases.ts and use
// fresh random sdkAppIds and conversation ids, so persistent backends work unchanged. `peer` opens
// a second handle on the same backend (concurrency across handles); `reopen`, for persistent
// backends, opens a store and returns a way to open the same data again after closing it.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { conversationCases } from './message-conversations.cases.js';
import { dedupCases } from './message-dedup.cases.js';
import type { MessageCaseContext } from './message-fixtures.js';
import { hiddenCases } from './message-hidden.cases.js';
import { patchCases } from './message-patch.cases.js';
import { persistenceCases } from './message-persistence.cases.js';
import { seqCases } from './message-seqs.cases.js';
import { timelineCases } from './message-timeline.cases.js';

export interface MessageContractOptions {
  open: () => Promise<Store>;
  /** A second handle on the backend `first` uses (memory: `first` itself). */
  peer: (first: Store) => Promise<Store>;
  advance: (seconds: number) => Promise<void>;
  shortTtlSec: number;
  bucketSize: number;
  reopen?: () => Promise<{ store: Store; again: () => Promise<Store> }>;
  cleanup?: () => Promise<void>;
}

export function messageStoreContract(name: string, opts: MessageContractOptions): void {
  describe(`message store contract: ${name}`, () => {
    let store: Store | undefined;
    const peers: Store[] = [];
    beforeAll(async () => {
      store = await opts.open();
    });
    afterAll(async () => {
      for (const p of peers) if (p !== store) await p.close();
      await store?.close();
      await opts.cleanup?.();
    });

    let appSeq = 0;
    const base = 1_000_000 + (randomBytes(4).readUInt32BE(0) % 3_000_000_000);
    const current = (): Store => {
      if (!store) throw new Error(`message store contract ${name}: open() did not produce a store`);
      return store;
    };
    const ctx: MessageCaseContext = {
      store: current,
      peer: async () => {
        const p = await opts.peer(current());
        peers.push(p);
        return p;
      },
      newAppId: () => base + ++appSeq * 7,
      advance: opts.advance,
      shortTtlSec: opts.shortTtlSec,
      bucketSize: opts.bucketSize,
    };

    seqCases(ctx);
    timelineCases(ctx);
    patchCases(ctx);
    hiddenCases(ctx);
    conversationCases(ctx);
    dedupCases(ctx);
    if (opts.reopen) persistenceCases(ctx, opts.reopen);
  });
}
