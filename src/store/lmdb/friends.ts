// LMDB FriendStore: the "friends" sub-database keyed by [sdkAppId, owner, peer], so an owner's
// friends are one contiguous range in peerId code-point order (LMDB keys compare as UTF-8 bytes).
// Multi-row writes and read-modify-write updates run in one transaction; reads are synchronous
// snapshots. Writes resolve once committed and synced. See FriendStore for the contract.
import type { Database, Key } from 'lmdb';
import type { FriendPage, FriendRecord, FriendStore, FriendUpdate } from '../friends.js';
import { checkAppId, checkUserId } from '../records.js';
import { applyFriendUpdate, copyFriend, friendRecord, friendUpdate } from '../relationship-records.js';
import { checkIdBatch, checkLimit, checkOwner, checkRecordBatch } from '../social-records.js';
import { under } from './key-range.js';

export class LmdbFriendStore implements FriendStore {
  constructor(private readonly db: Database<FriendRecord, Key>) {}

  async getFriends(sdkAppId: number, ownerId: string, peerIds: readonly string[]): Promise<Map<string, FriendRecord>> {
    checkOwner(sdkAppId, ownerId);
    const out = new Map<string, FriendRecord>();
    for (const peer of checkIdBatch(peerIds, 'peerIds')) {
      const f = this.db.get([sdkAppId, ownerId, peer]);
      if (f) out.set(peer, copyFriend(f));
    }
    return out;
  }

  async usersWithFriend(sdkAppId: number, userIds: readonly string[], peerId: string): Promise<string[]> {
    checkAppId(sdkAppId);
    checkUserId(peerId);
    return checkIdBatch(userIds).filter((u) => this.db.get([sdkAppId, u, peerId]) !== undefined);
  }

  async listFriends(sdkAppId: number, ownerId: string, page: { after?: string; limit: number }): Promise<FriendPage> {
    checkOwner(sdkAppId, ownerId);
    const limit = checkLimit(page);
    if (page.after !== undefined) checkUserId(page.after);
    const rows = [...this.db.getRange({ ...under([sdkAppId, ownerId], page.after), limit: limit + 1 }).map(({ value }) => copyFriend(value))];
    const friends = rows.slice(0, limit);
    return rows.length > limit ? { friends, next: friends[friends.length - 1]!.peerId } : { friends };
  }

  async putFriends(sdkAppId: number, ownerId: string, friends: readonly FriendRecord[]): Promise<void> {
    checkOwner(sdkAppId, ownerId);
    const recs = checkRecordBatch(friends, 'friends', friendRecord);
    if (recs.length === 0) return;
    await this.db.transaction(() => {
      for (const f of recs) void this.db.put([sdkAppId, ownerId, f.peerId], f);
    });
  }

  async updateFriends(sdkAppId: number, ownerId: string, updates: readonly FriendUpdate[]): Promise<void> {
    checkOwner(sdkAppId, ownerId);
    const ups = checkRecordBatch(updates, 'updates', friendUpdate);
    if (ups.length === 0) return;
    await this.db.transaction(() => {
      for (const u of ups) {
        const key = [sdkAppId, ownerId, u.peerId];
        const cur = this.db.get(key);
        if (cur) void this.db.put(key, applyFriendUpdate(cur, u));
      }
    });
  }

  async deleteFriends(sdkAppId: number, ownerId: string, peerIds: readonly string[]): Promise<void> {
    checkOwner(sdkAppId, ownerId);
    const peers = checkIdBatch(peerIds, 'peerIds');
    if (peers.length === 0) return;
    await this.db.transaction(() => {
      for (const peer of peers) void this.db.remove([sdkAppId, ownerId, peer]);
    });
  }

  async deleteAllFriends(sdkAppId: number, ownerId: string): Promise<void> {
    checkOwner(sdkAppId, ownerId);
    await this.db.transaction(() => {
      for (const key of [...this.db.getKeys(under([sdkAppId, ownerId]))]) void this.db.remove(key);
    });
  }

  async countFriends(sdkAppId: number, ownerId: string): Promise<number> {
    checkOwner(sdkAppId, ownerId);
    return this.db.getCount(under([sdkAppId, ownerId]));
  }
}
