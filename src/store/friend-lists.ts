// Friend lists, Tencent's "friend groups" (sns group_*; spec §2.1 #29): the named lists of one
// owner with their creation time, one partition per owner. Membership is NOT here: it is the
// `groups` field of each friend row (friends.ts), so deleting or renaming a list also needs a
// FriendStore.updateFriends by the domain. See relationships.ts for the shared design.

export interface FriendListRecord {
  name: string;
  createdAt: number;
}

export interface FriendListStore {
  /** Every list of the owner, in creation order: by createdAt, then name in code-point order. */
  listFriendLists(sdkAppId: number, ownerId: string): Promise<FriendListRecord[]>;
  /**
   * Inserts or replaces these lists (≤ MAX_SOCIAL_BATCH, distinct names). To keep the order of
   * lists created in one call, give them increasing createdAt values.
   */
  createFriendLists(sdkAppId: number, ownerId: string, lists: readonly FriendListRecord[]): Promise<void>;
  /** Removes these lists (≤ MAX_SOCIAL_BATCH). Idempotent. */
  deleteFriendLists(sdkAppId: number, ownerId: string, names: readonly string[]): Promise<void>;
  /**
   * Renames `from` to `to`, keeping its createdAt (so its place in the order). False when `from`
   * does not exist. A list already called `to` is replaced (the domain checks for that first).
   */
  renameFriendList(sdkAppId: number, ownerId: string, from: string, to: string): Promise<boolean>;
}
