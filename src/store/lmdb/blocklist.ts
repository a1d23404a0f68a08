// LMDB BlocklistStore: the "blocklist" sub-database keyed by [sdkAppId, owner, peer] -> addTime, so
// "does X block Y" is one key lookup and an owner's rows are one range. Pages in (addTime, peerId)
// order read and sort that range, bounded by the domain's 1000-entry limit, which is cheaper than
// keeping a second time-ordered index in step. See BlocklistStore for the contract.
import type { Database, Key } from 'lmdb';
import type { BlockCursor, BlockPage, BlockRecord, BlocklistStore } from '../blocklist.js';
import { checkAppId, checkUserId } from '../records.js';
import { blockCursor, blockRecord, compareBlocks } from '../relationship-records.js';
import { checkIdBatch, checkLimit, checkOwner, checkRecordBatch } from '../social-records.js';
import { under } from './key-range.js';

export class LmdbBlocklistStore implements BlocklistStore {
  constructor(private readonly db: Database<number, Key>) {}

  async getBlocks(sdkAppId: number, ownerId: string, peerIds: readonly string[]): Promise<Map<string, BlockRecord>> {
    checkOwner(sdkAppId, ownerId);
    const out = new Map<string, BlockRecord>();
    for (const peerId of checkIdBatch(peerIds, 'peerIds')) {
      const addTime = this.db.get([sdkAppId, ownerId, peerId]);
      if (addTime !== undefined) out.set(peerId, { peerId, addTime });
    }
    return out;
  }

  async usersBlocking(sdkAppId: number, userIds: readonly string[], peerId: string): Promise<string[]> {
    checkAppId(sdkAppId);
    checkUserId(peerId);
    return checkIdBatch(userIds).filter((u) => this.db.get([sdkAppId, u, peerId]) !== undefined);
  }

  async listBlocks(sdkAppId: number, ownerId: string, page: { after?: BlockCursor; limit: number }): Promise<BlockPage> {
    checkOwner(sdkAppId, ownerId);
    const limit = checkLimit(page);
    const after = blockCursor(page.after);
    const all = [...this.db.getRange(under([sdkAppId, ownerId])).map(({ key, value }) => ({ peerId: (key as Key[])[2] as string, addTime: value }))]
      .filter((b) => !after || compareBlocks(b, after) > 0)
      .sort(compareBlocks);
    const blocks = all.slice(0, limit);
    const last = blocks[blocks.length - 1];
    return all.length > limit && last ? { blocks, next: { addTime: last.addTime, peerId: last.peerId } } : { blocks };
  }

  async addBlocks(sdkAppId: number, ownerId: string, blocks: readonly BlockRecord[]): Promise<void> {
    checkOwner(sdkAppId, ownerId);
    const recs = checkRecordBatch(blocks, 'blocks', blockRecord);
    if (recs.length === 0) return;
    await this.db.transaction(() => {
      for (const b of recs) void this.db.put([sdkAppId, ownerId, b.peerId], b.addTime);
    });
  }

  async removeBlocks(sdkAppId: number, ownerId: string, peerIds: readonly string[]): Promise<void> {
    checkOwner(sdkAppId, ownerId);
    const peers = checkIdBatch(peerIds, 'peerIds');
    if (peers.length === 0) return;
    await this.db.transaction(() => {
      for (const peer of peers) void this.db.remove([sdkAppId, ownerId, peer]);
    });
  }

  async countBlocks(sdkAppId: number, ownerId: string): Promise<number> {
    checkOwner(sdkAppId, ownerId);
    return this.db.getCount(under([sdkAppId, ownerId]));
  }
}
