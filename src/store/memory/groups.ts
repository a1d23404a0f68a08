// In-process GroupStore: per app a Map of groupId -> record. listGroups sorts the app's groups in
// the shared (bucket, groupId) order of group-layout.ts on each call, so cursors mean the same as
// in LMDB and Cassandra. Rows are copied in and out. See GroupStore for the contract.
import type { GroupType } from '../../groups/group-kinds.js';
import { APP_GROUP_BUCKETS, appGroupBucket, decodeCursor, encodeCursor } from '../group-layout.js';
import { applyGroupPatch, checkGroupId, checkGroupIdBatch, checkTypes, copyGroup, groupPatch, groupRecord } from '../group-records.js';
import { type GroupListPage, type GroupPatch, type GroupRecord, type GroupStore, MAX_GROUP_LIST_PAGE } from '../groups.js';
import { checkAppId } from '../records.js';
import { checkLimit, compareCodePoints } from '../social-records.js';

export class MemoryGroupStore implements GroupStore {
  private readonly apps = new Map<number, Map<string, GroupRecord>>();

  async createGroup(sdkAppId: number, group: GroupRecord): Promise<boolean> {
    checkAppId(sdkAppId);
    const g = groupRecord(group);
    let groups = this.apps.get(sdkAppId);
    if (!groups) this.apps.set(sdkAppId, (groups = new Map()));
    if (groups.has(g.groupId)) return false;
    groups.set(g.groupId, g);
    return true;
  }

  async getGroup(sdkAppId: number, groupId: string): Promise<GroupRecord | undefined> {
    checkAppId(sdkAppId);
    checkGroupId(groupId);
    const g = this.apps.get(sdkAppId)?.get(groupId);
    return g && copyGroup(g);
  }

  async getGroups(sdkAppId: number, groupIds: readonly string[]): Promise<Map<string, GroupRecord>> {
    checkAppId(sdkAppId);
    const out = new Map<string, GroupRecord>();
    for (const id of checkGroupIdBatch(groupIds)) {
      const g = this.apps.get(sdkAppId)?.get(id);
      if (g) out.set(id, copyGroup(g));
    }
    return out;
  }

  async updateGroup(sdkAppId: number, groupId: string, patch: GroupPatch): Promise<boolean> {
    checkAppId(sdkAppId);
    checkGroupId(groupId);
    const p = groupPatch(patch);
    const groups = this.apps.get(sdkAppId);
    const cur = groups?.get(groupId);
    if (!cur) return false;
    groups!.set(groupId, applyGroupPatch(cur, p));
    return true;
  }

  async deleteGroup(sdkAppId: number, groupId: string): Promise<boolean> {
    checkAppId(sdkAppId);
    checkGroupId(groupId);
    return this.apps.get(sdkAppId)?.delete(groupId) ?? false;
  }

  async listGroups(sdkAppId: number, page: { after?: string; limit: number; types?: readonly GroupType[] }): Promise<GroupListPage> {
    checkAppId(sdkAppId);
    const limit = checkLimit(page, MAX_GROUP_LIST_PAGE);
    const types = checkTypes(page.types);
    const from = page.after === undefined ? { bucket: 0, after: '' } : decodeCursor(page.after, APP_GROUP_BUCKETS);
    const rows = [...(this.apps.get(sdkAppId)?.values() ?? [])]
      .filter((g) => !types || types.has(g.type))
      .map((g) => ({ bucket: appGroupBucket(g.groupId), groupId: g.groupId, type: g.type }))
      .filter((r) => r.bucket > from.bucket || (r.bucket === from.bucket && compareCodePoints(r.groupId, from.after) > 0))
      .sort((a, b) => a.bucket - b.bucket || compareCodePoints(a.groupId, b.groupId));
    const groups = rows.slice(0, limit).map(({ groupId, type }) => ({ groupId, type }));
    const last = rows[limit - 1];
    return rows.length > limit && last ? { groups, next: encodeCursor({ bucket: last.bucket, after: last.groupId }) } : { groups };
  }
}
