// Cassandra ProfileStore over <ks>.profiles: one row per (sdkappid, user_id) holding every tag in a
// map<text, text> of JSON values. setProfile is a single `tags = tags + ?` update, so several
// tags land atomically without a batch or a read; getProfiles is one `user_id IN ?` query (≤
// MAX_SOCIAL_BATCH partitions) and applies the tag filter here, since a map is read whole.
import type { Client } from 'cassandra-driver';
import type { ProfileStore, ProfileTags } from '../profiles.js';
import { checkAppId } from '../records.js';
import { checkIdBatch, checkOwner, checkTagFilter, tagValues } from '../social-records.js';
import { decodeTags, encodeTags } from './social-values.js';

export class CassandraProfileStore implements ProfileStore {
  private readonly cql: Record<'get' | 'set' | 'delete', string>;

  constructor(
    private readonly client: Client,
    keyspace: string,
  ) {
    const t = `${keyspace}.profiles`;
    this.cql = {
      get: `SELECT user_id, tags FROM ${t} WHERE sdkappid = ? AND user_id IN ?`,
      set: `UPDATE ${t} SET tags = tags + ? WHERE sdkappid = ? AND user_id = ?`,
      delete: `DELETE FROM ${t} WHERE sdkappid = ? AND user_id = ?`,
    };
  }

  async getProfiles(sdkAppId: number, userIds: readonly string[], tags?: readonly string[]): Promise<Map<string, ProfileTags>> {
    checkAppId(sdkAppId);
    const ids = checkIdBatch(userIds);
    const wanted = tags === undefined ? undefined : checkTagFilter(tags);
    const out = new Map<string, ProfileTags>();
    if (ids.length === 0 || wanted?.size === 0) return out;
    for await (const row of await this.client.execute(this.cql.get, [sdkAppId, ids])) {
      const picked = decodeTags(row.get('tags'), wanted);
      if (Object.keys(picked).length > 0) out.set(row.get('user_id') as string, picked);
    }
    return out;
  }

  async setProfile(sdkAppId: number, userId: string, values: Readonly<ProfileTags>): Promise<void> {
    checkOwner(sdkAppId, userId);
    const set = tagValues(values, 'values');
    if (Object.keys(set).length === 0) return;
    await this.client.execute(this.cql.set, [encodeTags(set), sdkAppId, userId]);
  }

  async deleteProfile(sdkAppId: number, userId: string): Promise<void> {
    checkOwner(sdkAppId, userId);
    await this.client.execute(this.cql.delete, [sdkAppId, userId]);
  }
}
