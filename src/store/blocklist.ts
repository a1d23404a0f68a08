// Blocklists (sns black_list_*; spec §2.1 #28): one row per (sdkAppId, owner, peer) with the time
// it was added. The owner's rows are one partition keyed by peer, so "does X block Y" and "which of
// these peers does X block" are single-partition reads. The paged list is ordered by (addTime,
// peerId); its cost is one read of the owner's rows, bounded by the domain's 1000-entry limit.

export interface BlockRecord {
  peerId: string;
  addTime: number;
}

/** Position in the (addTime, peerId) order; a page starts strictly after it. */
export interface BlockCursor {
  addTime: number;
  peerId: string;
}

export interface BlockPage {
  blocks: BlockRecord[];
  /** Set when more rows may follow (pass as `after`); only its absence means the end. */
  next?: BlockCursor;
}

export interface BlocklistStore {
  /** Which of these peers the owner blocks, with when (one partition read; ≤ MAX_SOCIAL_BATCH). */
  getBlocks(sdkAppId: number, ownerId: string, peerIds: readonly string[]): Promise<Map<string, BlockRecord>>;
  /** Which of `userIds` block `peerId` (black_list_check's reverse side), in input order, duplicates once; one round trip. */
  usersBlocking(sdkAppId: number, userIds: readonly string[], peerId: string): Promise<string[]>;
  /** One page ordered by (addTime, peerId), after `after` (exclusive). 1 ≤ limit ≤ MAX_SOCIAL_PAGE. */
  listBlocks(sdkAppId: number, ownerId: string, page: { after?: BlockCursor; limit: number }): Promise<BlockPage>;
  /** Inserts or replaces these rows (≤ MAX_SOCIAL_BATCH; re-adding refreshes addTime). */
  addBlocks(sdkAppId: number, ownerId: string, blocks: readonly BlockRecord[]): Promise<void>;
  /** Removes these rows (≤ MAX_SOCIAL_BATCH). Idempotent. */
  removeBlocks(sdkAppId: number, ownerId: string, peerIds: readonly string[]): Promise<void>;
  /** Number of rows: one small read, bounded by the domain's blocklist limit. */
  countBlocks(sdkAppId: number, ownerId: string): Promise<number>;
}
