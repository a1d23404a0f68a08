// In-process ProfileStore: per (sdkAppId, userId) a Map of tag -> value. Values are copied in and
// out; a user's entry goes when its last tag does. See ProfileStore for the contract.
import type { ProfileStore, ProfileTags } from '../profiles.js';
import { checkAppId, checkUserId } from '../records.js';
import type { SocialValue } from '../relationships.js';
import { checkIdBatch, checkTagFilter, copyValue, tagValues } from '../social-records.js';
import { ownerKey } from './owner-key.js';

export class MemoryProfileStore implements ProfileStore {
  private readonly rows = new Map<string, Map<string, SocialValue>>();

  async getProfiles(sdkAppId: number, userIds: readonly string[], tags?: readonly string[]): Promise<Map<string, ProfileTags>> {
    checkAppId(sdkAppId);
    const ids = checkIdBatch(userIds);
    const wanted = tags === undefined ? undefined : checkTagFilter(tags);
    const out = new Map<string, ProfileTags>();
    for (const id of ids) {
      const row = this.rows.get(ownerKey(sdkAppId, id));
      if (!row) continue;
      const picked = [...row].filter(([tag]) => !wanted || wanted.has(tag)).map(([tag, v]) => [tag, copyValue(v)] as const);
      if (picked.length > 0) out.set(id, Object.fromEntries(picked));
    }
    return out;
  }

  async setProfile(sdkAppId: number, userId: string, values: Readonly<ProfileTags>): Promise<void> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    const set = Object.entries(tagValues(values, 'values'));
    if (set.length === 0) return;
    const key = ownerKey(sdkAppId, userId);
    let row = this.rows.get(key);
    if (!row) this.rows.set(key, (row = new Map()));
    for (const [tag, v] of set) row.set(tag, v);
  }

  async deleteProfile(sdkAppId: number, userId: string): Promise<void> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    this.rows.delete(ownerKey(sdkAppId, userId));
  }
}

