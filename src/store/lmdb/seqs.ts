// LMDB SeqStore: the "seq_blocks" sub-database, [sdkAppId, convId] -> highest reserved number. A
// reserve is read-and-write inside one write transaction, which LMDB serializes across every
// handle and process on the environment, so blocks never overlap; it resolves after the commit is
// synced, so a reservation survives a crash. See SeqStore for the contract.
import type { Database, Key } from 'lmdb';
import { MAX_SEQ_BLOCK, type SeqBlock, type SeqStore } from '../seqs.js';
import { checkConvId, checkInt } from '../message-records.js';
import { checkAppId } from '../records.js';

export class LmdbSeqStore implements SeqStore {
  constructor(private readonly db: Database<number, Key>) {}

  async reserve(sdkAppId: number, convId: string, count: number): Promise<SeqBlock> {
    checkAppId(sdkAppId);
    checkConvId(convId);
    checkInt(count, 'count', 1, MAX_SEQ_BLOCK);
    const key = [sdkAppId, convId];
    return this.db.transaction(() => {
      const from = (this.db.get(key) ?? 0) + 1;
      const to = from + count - 1;
      void this.db.put(key, to);
      return { from, to };
    });
  }

  async current(sdkAppId: number, convId: string): Promise<number> {
    checkAppId(sdkAppId);
    checkConvId(convId);
    return this.db.get([sdkAppId, convId]) ?? 0;
  }
}
