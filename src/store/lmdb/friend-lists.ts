// LMDB FriendListStore: the "friend_lists" sub-database keyed by [sdkAppId, owner, name] ->
// createdAt. Listing reads the owner's range and sorts it into creation order (bounded by the
// domain's 32-list limit); rename is one transaction. See FriendListStore for the contract.
import type { Database, Key } from 'lmdb';
import type { FriendListRecord, FriendListStore } from '../friend-lists.js';
import { compareLists, friendLists, listNames } from '../relationship-records.js';
import { checkOwner, checkText } from '../social-records.js';
import { under } from './key-range.js';

export class LmdbFriendListStore implements FriendListStore {
  constructor(private readonly db: Database<number, Key>) {}

  async listFriendLists(sdkAppId: number, ownerId: string): Promise<FriendListRecord[]> {
    checkOwner(sdkAppId, ownerId);
    return [...this.db.getRange(under([sdkAppId, ownerId])).map(({ key, value }) => ({ name: (key as Key[])[2] as string, createdAt: value }))].sort(compareLists);
  }

  async createFriendLists(sdkAppId: number, ownerId: string, lists: readonly FriendListRecord[]): Promise<void> {
    checkOwner(sdkAppId, ownerId);
    const recs = friendLists(lists);
    if (recs.length === 0) return;
    await this.db.transaction(() => {
      for (const l of recs) void this.db.put([sdkAppId, ownerId, l.name], l.createdAt);
    });
  }

  async deleteFriendLists(sdkAppId: number, ownerId: string, names: readonly string[]): Promise<void> {
    checkOwner(sdkAppId, ownerId);
    const ns = listNames(names);
    if (ns.length === 0) return;
    await this.db.transaction(() => {
      for (const n of ns) void this.db.remove([sdkAppId, ownerId, n]);
    });
  }

  async renameFriendList(sdkAppId: number, ownerId: string, from: string, to: string): Promise<boolean> {
    checkOwner(sdkAppId, ownerId);
    checkText(from, 'from', false);
    checkText(to, 'to', false);
    return this.db.transaction(() => {
      const createdAt = this.db.get([sdkAppId, ownerId, from]);
      if (createdAt === undefined) return false;
      void this.db.remove([sdkAppId, ownerId, from]);
      void this.db.put([sdkAppId, ownerId, to], createdAt);
      return true;
    });
  }
}
