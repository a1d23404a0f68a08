// LMDB ProfileStore: the "profiles" sub-database keyed by [sdkAppId, userId, tag] -> value, so a
// user's profile is one contiguous key range. setProfile writes all its tags in one transaction
// (atomic); getProfiles reads every asked user's range synchronously in one event turn, which
// sees one snapshot. See ProfileStore for the contract.
import type { Database, Key } from 'lmdb';
import type { ProfileStore, ProfileTags } from '../profiles.js';
import { checkAppId, checkUserId } from '../records.js';
import type { SocialValue } from '../relationships.js';
import { checkIdBatch, checkTagFilter, copyValue, tagValues } from '../social-records.js';
import { under } from './key-range.js';

export class LmdbProfileStore implements ProfileStore {
  constructor(private readonly db: Database<SocialValue, Key>) {}

  async getProfiles(sdkAppId: number, userIds: readonly string[], tags?: readonly string[]): Promise<Map<string, ProfileTags>> {
    checkAppId(sdkAppId);
    const ids = checkIdBatch(userIds);
    const wanted = tags === undefined ? undefined : checkTagFilter(tags);
    const out = new Map<string, ProfileTags>();
    for (const id of ids) {
      const picked: [string, SocialValue][] = [];
      if (wanted) {
        for (const tag of wanted) {
          const v = this.db.get([sdkAppId, id, tag]);
          if (v !== undefined) picked.push([tag, copyValue(v)]);
        }
      } else {
        for (const { key, value } of this.db.getRange(under([sdkAppId, id]))) picked.push([(key as Key[])[2] as string, copyValue(value)]);
      }
      if (picked.length > 0) out.set(id, Object.fromEntries(picked));
    }
    return out;
  }

  async setProfile(sdkAppId: number, userId: string, values: Readonly<ProfileTags>): Promise<void> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    const set = Object.entries(tagValues(values, 'values'));
    if (set.length === 0) return;
    await this.db.transaction(() => {
      for (const [tag, v] of set) void this.db.put([sdkAppId, userId, tag], v);
    });
  }

  async deleteProfile(sdkAppId: number, userId: string): Promise<void> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    await this.db.transaction(() => {
      for (const key of [...this.db.getKeys(under([sdkAppId, userId]))]) void this.db.remove(key);
    });
  }
}
