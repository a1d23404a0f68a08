// In-process GroupMemberStore and JoinedGroupStore: per (app, group) a Map of userId -> member, per
// (app, user) a Map of groupId -> joined row. Member pages sort in the shared (bucket, userId)
// order of group-layout.ts on each call. Rows are copied in and out. See the interfaces.
import type { GroupType } from '../../groups/group-kinds.js';
import { decodeCursor, encodeCursor, memberBucket, memberBucketCount } from '../group-layout.js';
import { type JoinedGroupPage, type JoinedGroupRecord, type JoinedGroupStore, MAX_JOINED_PAGE, MAX_MEMBER_PAGE, MAX_MEMBERS_PER_CALL } from '../group-members.js';
import type { GroupMemberStore, MemberPage, MemberRecord, MemberUpdate } from '../group-members.js';
import {
  applyMemberUpdate,
  checkBatch,
  checkGroupId,
  checkGroupIdBatch,
  checkNewMembers,
  checkTypes,
  checkUsers,
  copyMember,
  joinedEntry,
  joinedKey,
  joinedRecord,
  memberUpdate,
} from '../group-records.js';
import { checkAppId } from '../records.js';
import { checkLimit, checkOwner, compareCodePoints } from '../social-records.js';
import { ownerKey } from './owner-key.js';

export class MemoryGroupMemberStore implements GroupMemberStore {
  private readonly groups = new Map<string, Map<string, MemberRecord>>();

  async addMembers(sdkAppId: number, groupId: string, members: readonly MemberRecord[]): Promise<string[]> {
    const recs = checkNewMembers(sdkAppId, groupId, members);
    const key = groupKey(sdkAppId, groupId);
    let rows = this.groups.get(key);
    if (!rows) this.groups.set(key, (rows = new Map()));
    const already: string[] = [];
    for (const m of recs) {
      if (rows.has(m.userId)) already.push(m.userId);
      else rows.set(m.userId, m);
    }
    return already;
  }

  async removeMembers(sdkAppId: number, groupId: string, userIds: readonly string[]): Promise<string[]> {
    const rows = this.rows(sdkAppId, groupId);
    return checkUsers(userIds, MAX_MEMBERS_PER_CALL).filter((u) => rows?.delete(u));
  }

  async getMembers(sdkAppId: number, groupId: string, userIds: readonly string[]): Promise<Map<string, MemberRecord>> {
    const rows = this.rows(sdkAppId, groupId);
    const out = new Map<string, MemberRecord>();
    for (const u of checkUsers(userIds, MAX_MEMBERS_PER_CALL)) {
      const m = rows?.get(u);
      if (m) out.set(u, copyMember(m));
    }
    return out;
  }

  async updateMembers(sdkAppId: number, groupId: string, updates: readonly MemberUpdate[]): Promise<void> {
    const rows = this.rows(sdkAppId, groupId);
    for (const u of checkBatch(updates, 'updates', MAX_MEMBERS_PER_CALL, memberUpdate)) {
      const cur = rows?.get(u.userId);
      if (cur) rows!.set(u.userId, applyMemberUpdate(cur, u));
    }
  }

  async countMembers(sdkAppId: number, groupId: string): Promise<number> {
    return this.rows(sdkAppId, groupId)?.size ?? 0;
  }

  async listMembers(sdkAppId: number, groupId: string, page: { after?: string; limit: number }): Promise<MemberPage> {
    const rows = this.rows(sdkAppId, groupId);
    const limit = checkLimit(page, MAX_MEMBER_PAGE);
    const from = page.after === undefined ? { bucket: 0, after: '' } : decodeCursor(page.after, memberBucketCount(groupId));
    const sorted = [...(rows?.values() ?? [])]
      .map((m) => ({ bucket: memberBucket(groupId, m.userId), m }))
      .filter((r) => r.bucket > from.bucket || (r.bucket === from.bucket && compareCodePoints(r.m.userId, from.after) > 0))
      .sort((a, b) => a.bucket - b.bucket || compareCodePoints(a.m.userId, b.m.userId));
    const members = sorted.slice(0, limit).map((r) => copyMember(r.m));
    const last = sorted[limit - 1];
    return sorted.length > limit && last ? { members, next: encodeCursor({ bucket: last.bucket, after: last.m.userId }) } : { members };
  }

  async listPrivileged(sdkAppId: number, groupId: string): Promise<MemberRecord[]> {
    const rows = this.rows(sdkAppId, groupId);
    return [...(rows?.values() ?? [])]
      .filter((m) => m.role !== 'Member')
      .sort((a, b) => compareCodePoints(a.userId, b.userId))
      .map(copyMember);
  }

  async deleteAllMembers(sdkAppId: number, groupId: string): Promise<void> {
    this.rows(sdkAppId, groupId);
    this.groups.delete(groupKey(sdkAppId, groupId));
  }

  private rows(sdkAppId: number, groupId: string): Map<string, MemberRecord> | undefined {
    checkAppId(sdkAppId);
    checkGroupId(groupId);
    return this.groups.get(groupKey(sdkAppId, groupId));
  }
}

export class MemoryJoinedGroupStore implements JoinedGroupStore {
  private readonly users = new Map<string, Map<string, JoinedGroupRecord>>();

  async putJoined(sdkAppId: number, entries: readonly ({ userId: string } & JoinedGroupRecord)[]): Promise<void> {
    checkAppId(sdkAppId);
    for (const e of checkBatch(entries, 'entries', MAX_MEMBERS_PER_CALL, joinedEntry)) {
      const key = ownerKey(sdkAppId, e.userId);
      let rows = this.users.get(key);
      if (!rows) this.users.set(key, (rows = new Map()));
      rows.set(e.groupId, joinedRecord(e));
    }
  }

  async removeJoined(sdkAppId: number, entries: readonly { userId: string; groupId: string }[]): Promise<void> {
    checkAppId(sdkAppId);
    for (const e of checkBatch(entries, 'entries', MAX_MEMBERS_PER_CALL, joinedKey)) {
      const rows = this.users.get(ownerKey(sdkAppId, e.userId));
      rows?.delete(e.groupId);
      if (rows?.size === 0) this.users.delete(ownerKey(sdkAppId, e.userId));
    }
  }

  async getJoined(sdkAppId: number, userId: string, groupIds: readonly string[]): Promise<Map<string, JoinedGroupRecord>> {
    checkOwner(sdkAppId, userId);
    const rows = this.users.get(ownerKey(sdkAppId, userId));
    const out = new Map<string, JoinedGroupRecord>();
    for (const id of checkGroupIdBatch(groupIds, MAX_JOINED_PAGE)) {
      const r = rows?.get(id);
      if (r) out.set(id, joinedRecord(r));
    }
    return out;
  }

  async listJoined(sdkAppId: number, userId: string, page: { after?: string; limit: number; types?: readonly GroupType[] }): Promise<JoinedGroupPage> {
    checkOwner(sdkAppId, userId);
    const limit = checkLimit(page, MAX_JOINED_PAGE);
    const types = checkTypes(page.types);
    const after = page.after;
    if (after !== undefined) checkGroupId(after);
    const rows = [...(this.users.get(ownerKey(sdkAppId, userId))?.values() ?? [])]
      .filter((r) => (!types || types.has(r.type)) && (after === undefined || compareCodePoints(r.groupId, after) > 0))
      .sort((a, b) => compareCodePoints(a.groupId, b.groupId));
    const groups = rows.slice(0, limit).map(joinedRecord);
    return rows.length > limit ? { groups, next: groups[groups.length - 1]!.groupId } : { groups };
  }

  async countJoined(sdkAppId: number, userId: string, types?: readonly GroupType[]): Promise<number> {
    checkOwner(sdkAppId, userId);
    const t = checkTypes(types);
    return [...(this.users.get(ownerKey(sdkAppId, userId))?.values() ?? [])].filter((r) => !t || t.has(r.type)).length;
  }
}

const groupKey = (sdkAppId: number, groupId: string): string => `${sdkAppId}\u0000${groupId}`;
