// In-process FriendListStore: per (sdkAppId, owner) a Map of name -> list, returned in creation
// order (createdAt, then name). See FriendListStore for the contract.
import type { FriendListRecord, FriendListStore } from '../friend-lists.js';
import { checkAppId, checkUserId } from '../records.js';
import { compareLists, friendLists, listNames } from '../relationship-records.js';
import { checkText } from '../social-records.js';
import { ownerKey } from './owner-key.js';

export class MemoryFriendListStore implements FriendListStore {
  private readonly rows = new Map<string, Map<string, FriendListRecord>>();

  async listFriendLists(sdkAppId: number, ownerId: string): Promise<FriendListRecord[]> {
    return [...(this.owner(sdkAppId, ownerId)?.values() ?? [])].sort(compareLists).map((l) => ({ ...l }));
  }

  async createFriendLists(sdkAppId: number, ownerId: string, lists: readonly FriendListRecord[]): Promise<void> {
    checkAppId(sdkAppId);
    checkUserId(ownerId);
    const recs = friendLists(lists);
    if (recs.length === 0) return;
    const key = ownerKey(sdkAppId, ownerId);
    let rows = this.rows.get(key);
    if (!rows) this.rows.set(key, (rows = new Map()));
    for (const l of recs) rows.set(l.name, l);
  }

  async deleteFriendLists(sdkAppId: number, ownerId: string, names: readonly string[]): Promise<void> {
    const rows = this.owner(sdkAppId, ownerId);
    for (const name of listNames(names)) rows?.delete(name);
    if (rows?.size === 0) this.rows.delete(ownerKey(sdkAppId, ownerId));
  }

  async renameFriendList(sdkAppId: number, ownerId: string, from: string, to: string): Promise<boolean> {
    const rows = this.owner(sdkAppId, ownerId);
    checkText(from, 'from', false);
    checkText(to, 'to', false);
    const cur = rows?.get(from);
    if (!cur) return false;
    rows!.delete(from);
    rows!.set(to, { name: to, createdAt: cur.createdAt });
    return true;
  }

  private owner(sdkAppId: number, ownerId: string): Map<string, FriendListRecord> | undefined {
    checkAppId(sdkAppId);
    checkUserId(ownerId);
    return this.rows.get(ownerKey(sdkAppId, ownerId));
  }
}
