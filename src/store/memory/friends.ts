// In-process FriendStore: per (sdkAppId, owner) a Map of peerId -> row. Pages sort the owner's
// peers in code-point order on each call (bounded by the domain's friend limit). Rows are copied
// in and out. See FriendStore for the contract.
import type { FriendPage, FriendRecord, FriendStore, FriendUpdate } from '../friends.js';
import { checkAppId, checkUserId } from '../records.js';
import { applyFriendUpdate, copyFriend, friendRecord, friendUpdate } from '../relationship-records.js';
import { checkIdBatch, checkLimit, checkRecordBatch, compareCodePoints } from '../social-records.js';
import { ownerKey } from './owner-key.js';

export class MemoryFriendStore implements FriendStore {
  private readonly rows = new Map<string, Map<string, FriendRecord>>();

  async getFriends(sdkAppId: number, ownerId: string, peerIds: readonly string[]): Promise<Map<string, FriendRecord>> {
    const rows = this.owner(sdkAppId, ownerId);
    const out = new Map<string, FriendRecord>();
    for (const peer of checkIdBatch(peerIds, 'peerIds')) {
      const f = rows?.get(peer);
      if (f) out.set(peer, copyFriend(f));
    }
    return out;
  }

  async usersWithFriend(sdkAppId: number, userIds: readonly string[], peerId: string): Promise<string[]> {
    checkAppId(sdkAppId);
    checkUserId(peerId);
    return checkIdBatch(userIds).filter((u) => this.rows.get(ownerKey(sdkAppId, u))?.has(peerId));
  }

  async listFriends(sdkAppId: number, ownerId: string, page: { after?: string; limit: number }): Promise<FriendPage> {
    const rows = this.owner(sdkAppId, ownerId);
    const limit = checkLimit(page);
    const after = page.after;
    if (after !== undefined) checkUserId(after);
    const peers = [...(rows?.keys() ?? [])].filter((p) => after === undefined || compareCodePoints(p, after) > 0).sort(compareCodePoints);
    const friends = peers.slice(0, limit).map((p) => copyFriend(rows!.get(p)!));
    return peers.length > limit ? { friends, next: friends[friends.length - 1]!.peerId } : { friends };
  }

  async putFriends(sdkAppId: number, ownerId: string, friends: readonly FriendRecord[]): Promise<void> {
    checkAppId(sdkAppId);
    checkUserId(ownerId);
    const recs = checkRecordBatch(friends, 'friends', friendRecord);
    if (recs.length === 0) return;
    const key = ownerKey(sdkAppId, ownerId);
    let rows = this.rows.get(key);
    if (!rows) this.rows.set(key, (rows = new Map()));
    for (const f of recs) rows.set(f.peerId, f);
  }

  async updateFriends(sdkAppId: number, ownerId: string, updates: readonly FriendUpdate[]): Promise<void> {
    const rows = this.owner(sdkAppId, ownerId);
    for (const u of checkRecordBatch(updates, 'updates', friendUpdate)) {
      const cur = rows?.get(u.peerId);
      if (cur) rows!.set(u.peerId, applyFriendUpdate(cur, u));
    }
  }

  async deleteFriends(sdkAppId: number, ownerId: string, peerIds: readonly string[]): Promise<void> {
    const rows = this.owner(sdkAppId, ownerId);
    for (const peer of checkIdBatch(peerIds, 'peerIds')) rows?.delete(peer);
    if (rows?.size === 0) this.rows.delete(ownerKey(sdkAppId, ownerId));
  }

  async deleteAllFriends(sdkAppId: number, ownerId: string): Promise<void> {
    checkAppId(sdkAppId);
    checkUserId(ownerId);
    this.rows.delete(ownerKey(sdkAppId, ownerId));
  }

  async countFriends(sdkAppId: number, ownerId: string): Promise<number> {
    return this.owner(sdkAppId, ownerId)?.size ?? 0;
  }

  private owner(sdkAppId: number, ownerId: string): Map<string, FriendRecord> | undefined {
    checkAppId(sdkAppId);
    checkUserId(ownerId);
    return this.rows.get(ownerKey(sdkAppId, ownerId));
  }
}
