// In-process SeqStore: one Map of the highest reserved number per conversation. A reserve runs in
// one synchronous step, so concurrent callers in this process get disjoint blocks. Nothing
// survives a restart (memory store). See SeqStore for the contract.
import { MAX_SEQ_BLOCK, type SeqBlock, type SeqStore } from '../seqs.js';
import { checkConvId, checkInt } from '../message-records.js';
import { checkAppId } from '../records.js';

export class MemorySeqStore implements SeqStore {
  private readonly reserved = new Map<string, number>();

  async reserve(sdkAppId: number, convId: string, count: number): Promise<SeqBlock> {
    checkAppId(sdkAppId);
    checkConvId(convId);
    checkInt(count, 'count', 1, MAX_SEQ_BLOCK);
    const id = `${sdkAppId}\u0000${convId}`;
    const from = (this.reserved.get(id) ?? 0) + 1;
    const to = from + count - 1;
    this.reserved.set(id, to);
    return { from, to };
  }

  async current(sdkAppId: number, convId: string): Promise<number> {
    checkAppId(sdkAppId);
    checkConvId(convId);
    return this.reserved.get(`${sdkAppId}\u0000${convId}`) ?? 0;
  }
}
