// In-process BlocklistStore: per (sdkAppId, owner) a Map of peerId -> row. Pages sort the owner's
// rows by (addTime, peerId) on each call (bounded by the domain's blocklist limit). See
// BlocklistStore for the contract.
import type { BlockCursor, BlockPage, BlockRecord, BlocklistStore } from '../blocklist.js';
import { checkAppId, checkUserId } from '../records.js';
import { blockCursor, blockRecord, compareBlocks } from '../relationship-records.js';
import { checkIdBatch, checkLimit, checkRecordBatch } from '../social-records.js';
import { ownerKey } from './owner-key.js';

export class MemoryBlocklistStore implements BlocklistStore {
  private readonly rows = new Map<string, Map<string, BlockRecord>>();

  async getBlocks(sdkAppId: number, ownerId: string, peerIds: readonly string[]): Promise<Map<string, BlockRecord>> {
    const rows = this.owner(sdkAppId, ownerId);
    const out = new Map<string, BlockRecord>();
    for (const peer of checkIdBatch(peerIds, 'peerIds')) {
      const b = rows?.get(peer);
      if (b) out.set(peer, { ...b });
    }
    return out;
  }

  async usersBlocking(sdkAppId: number, userIds: readonly string[], peerId: string): Promise<string[]> {
    checkAppId(sdkAppId);
    checkUserId(peerId);
    return checkIdBatch(userIds).filter((u) => this.rows.get(ownerKey(sdkAppId, u))?.has(peerId));
  }

  async listBlocks(sdkAppId: number, ownerId: string, page: { after?: BlockCursor; limit: number }): Promise<BlockPage> {
    const rows = this.owner(sdkAppId, ownerId);
    const limit = checkLimit(page);
    const after = blockCursor(page.after);
    const all = [...(rows?.values() ?? [])].filter((b) => !after || compareBlocks(b, after) > 0).sort(compareBlocks);
    const blocks = all.slice(0, limit).map((b) => ({ ...b }));
    const last = blocks[blocks.length - 1];
    return all.length > limit && last ? { blocks, next: { addTime: last.addTime, peerId: last.peerId } } : { blocks };
  }

  async addBlocks(sdkAppId: number, ownerId: string, blocks: readonly BlockRecord[]): Promise<void> {
    checkAppId(sdkAppId);
    checkUserId(ownerId);
    const recs = checkRecordBatch(blocks, 'blocks', blockRecord);
    if (recs.length === 0) return;
    const key = ownerKey(sdkAppId, ownerId);
    let rows = this.rows.get(key);
    if (!rows) this.rows.set(key, (rows = new Map()));
    for (const b of recs) rows.set(b.peerId, b);
  }

  async removeBlocks(sdkAppId: number, ownerId: string, peerIds: readonly string[]): Promise<void> {
    const rows = this.owner(sdkAppId, ownerId);
    for (const peer of checkIdBatch(peerIds, 'peerIds')) rows?.delete(peer);
    if (rows?.size === 0) this.rows.delete(ownerKey(sdkAppId, ownerId));
  }

  async countBlocks(sdkAppId: number, ownerId: string): Promise<number> {
    return this.owner(sdkAppId, ownerId)?.size ?? 0;
  }

  private owner(sdkAppId: number, ownerId: string): Map<string, BlockRecord> | undefined {
    checkAppId(sdkAppId);
    checkUserId(ownerId);
    return this.rows.get(ownerKey(sdkAppId, ownerId));
  }
}
