// LMDB GroupStore: "groups" keyed by [sdkAppId, groupId] and the app's group list "app_groups"
// keyed by [sdkAppId, bucket, groupId] -> type, so listGroups walks buckets in the shared order of
// group-layout.ts. A create, delete or update is one transaction over both (atomic, unlike
// Cassandra); writes resolve once committed and synced. See GroupStore for the contract.
import type { Database, Key } from 'lmdb';
import type { GroupType } from '../../groups/group-kinds.js';
import { APP_GROUP_BUCKETS, appGroupBucket, decodeCursor, encodeCursor } from '../group-layout.js';
import { applyGroupPatch, checkGroupId, checkGroupIdBatch, checkTypes, copyGroup, groupPatch, groupRecord } from '../group-records.js';
import { type GroupListPage, type GroupPatch, type GroupRecord, type GroupStore, MAX_GROUP_LIST_PAGE } from '../groups.js';
import { checkAppId } from '../records.js';
import { checkLimit } from '../social-records.js';
import { walkFrom } from './group-ranges.js';

export class LmdbGroupStore implements GroupStore {
  constructor(
    private readonly db: Database<GroupRecord, Key>,
    private readonly list: Database<GroupType, Key>,
  ) {}

  async createGroup(sdkAppId: number, group: GroupRecord): Promise<boolean> {
    checkAppId(sdkAppId);
    const g = groupRecord(group);
    return this.db.transaction(() => {
      if (this.db.get([sdkAppId, g.groupId]) !== undefined) return false;
      void this.db.put([sdkAppId, g.groupId], g);
      void this.list.put([sdkAppId, appGroupBucket(g.groupId), g.groupId], g.type);
      return true;
    });
  }

  async getGroup(sdkAppId: number, groupId: string): Promise<GroupRecord | undefined> {
    checkAppId(sdkAppId);
    checkGroupId(groupId);
    const g = this.db.get([sdkAppId, groupId]);
    return g && copyGroup(g);
  }

  async getGroups(sdkAppId: number, groupIds: readonly string[]): Promise<Map<string, GroupRecord>> {
    checkAppId(sdkAppId);
    const out = new Map<string, GroupRecord>();
    for (const id of checkGroupIdBatch(groupIds)) {
      const g = this.db.get([sdkAppId, id]);
      if (g) out.set(id, copyGroup(g));
    }
    return out;
  }

  async updateGroup(sdkAppId: number, groupId: string, patch: GroupPatch): Promise<boolean> {
    checkAppId(sdkAppId);
    checkGroupId(groupId);
    const p = groupPatch(patch);
    return this.db.transaction(() => {
      const cur = this.db.get([sdkAppId, groupId]);
      if (!cur) return false;
      void this.db.put([sdkAppId, groupId], applyGroupPatch(cur, p));
      return true;
    });
  }

  async deleteGroup(sdkAppId: number, groupId: string): Promise<boolean> {
    checkAppId(sdkAppId);
    checkGroupId(groupId);
    return this.db.transaction(() => {
      if (this.db.get([sdkAppId, groupId]) === undefined) return false;
      void this.db.remove([sdkAppId, groupId]);
      void this.list.remove([sdkAppId, appGroupBucket(groupId), groupId]);
      return true;
    });
  }

  async listGroups(sdkAppId: number, page: { after?: string; limit: number; types?: readonly GroupType[] }): Promise<GroupListPage> {
    checkAppId(sdkAppId);
    const limit = checkLimit(page, MAX_GROUP_LIST_PAGE);
    const types = checkTypes(page.types);
    const from = page.after === undefined ? { bucket: 0, after: '' } : decodeCursor(page.after, APP_GROUP_BUCKETS);
    const rows: { bucket: number; groupId: string; type: GroupType }[] = [];
    for (const { key, value } of this.list.getRange(walkFrom([sdkAppId], from))) {
      if (types && !types.has(value)) continue;
      const [, bucket, groupId] = key as [number, number, string];
      rows.push({ bucket, groupId, type: value });
      if (rows.length > limit) break;
    }
    const groups = rows.slice(0, limit).map(({ groupId, type }) => ({ groupId, type }));
    const last = rows[limit - 1];
    return rows.length > limit && last ? { groups, next: encodeCursor({ bucket: last.bucket, after: last.groupId }) } : { groups };
  }
}
