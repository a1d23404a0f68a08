// LMDB GroupMemberStore and JoinedGroupStore. Members: "group_members" keyed by [sdkAppId,
// groupId, bucket, userId] (the shared bucket order of group-layout.ts) plus "group_privileged"
// keyed by [sdkAppId, groupId, userId] -> role for owner and admins, kept in the same transaction.
// Joined groups: "joined_groups" keyed by [sdkAppId, userId, groupId]. See the interfaces.
import type { Database, Key } from 'lmdb';
import type { GroupType, MemberRole } from '../../groups/group-kinds.js';
import { decodeCursor, encodeCursor, memberBucket, memberBucketCount } from '../group-layout.js';
import {
  type GroupMemberStore,
  type JoinedGroupPage,
  type JoinedGroupRecord,
  type JoinedGroupStore,
  MAX_JOINED_PAGE,
  MAX_MEMBER_PAGE,
  MAX_MEMBERS_PER_CALL,
  type MemberPage,
  type MemberRecord,
  type MemberUpdate,
} from '../group-members.js';
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
import { checkLimit, checkOwner } from '../social-records.js';
import { walkFrom } from './group-ranges.js';
import { under } from './key-range.js';

export class LmdbGroupMemberStore implements GroupMemberStore {
  constructor(
    private readonly db: Database<MemberRecord, Key>,
    private readonly privileged: Database<MemberRole, Key>,
  ) {}

  async addMembers(sdkAppId: number, groupId: string, members: readonly MemberRecord[]): Promise<string[]> {
    const recs = checkNewMembers(sdkAppId, groupId, members);
    if (recs.length === 0) return [];
    return this.db.transaction(() => {
      const already: string[] = [];
      for (const m of recs) {
        const key = this.key(sdkAppId, groupId, m.userId);
        if (this.db.get(key) !== undefined) {
          already.push(m.userId);
          continue;
        }
        void this.db.put(key, m);
        if (m.role !== 'Member') void this.privileged.put([sdkAppId, groupId, m.userId], m.role);
      }
      return already;
    });
  }

  async removeMembers(sdkAppId: number, groupId: string, userIds: readonly string[]): Promise<string[]> {
    checkGroupOf(sdkAppId, groupId);
    const ids = checkUsers(userIds, MAX_MEMBERS_PER_CALL);
    if (ids.length === 0) return [];
    return this.db.transaction(() =>
      ids.filter((u) => {
        const key = this.key(sdkAppId, groupId, u);
        if (this.db.get(key) === undefined) return false;
        void this.db.remove(key);
        void this.privileged.remove([sdkAppId, groupId, u]);
        return true;
      }),
    );
  }

  async getMembers(sdkAppId: number, groupId: string, userIds: readonly string[]): Promise<Map<string, MemberRecord>> {
    checkGroupOf(sdkAppId, groupId);
    const out = new Map<string, MemberRecord>();
    for (const u of checkUsers(userIds, MAX_MEMBERS_PER_CALL)) {
      const m = this.db.get(this.key(sdkAppId, groupId, u));
      if (m) out.set(u, copyMember(m));
    }
    return out;
  }

  async updateMembers(sdkAppId: number, groupId: string, updates: readonly MemberUpdate[]): Promise<void> {
    checkGroupOf(sdkAppId, groupId);
    const ups = checkBatch(updates, 'updates', MAX_MEMBERS_PER_CALL, memberUpdate);
    if (ups.length === 0) return;
    await this.db.transaction(() => {
      for (const u of ups) {
        const key = this.key(sdkAppId, groupId, u.userId);
        const cur = this.db.get(key);
        if (!cur) continue;
        const next = applyMemberUpdate(cur, u);
        void this.db.put(key, next);
        if (next.role === 'Member') void this.privileged.remove([sdkAppId, groupId, u.userId]);
        else void this.privileged.put([sdkAppId, groupId, u.userId], next.role);
      }
    });
  }

  async countMembers(sdkAppId: number, groupId: string): Promise<number> {
    checkGroupOf(sdkAppId, groupId);
    return this.db.getCount(under([sdkAppId, groupId]));
  }

  async listMembers(sdkAppId: number, groupId: string, page: { after?: string; limit: number }): Promise<MemberPage> {
    checkGroupOf(sdkAppId, groupId);
    const limit = checkLimit(page, MAX_MEMBER_PAGE);
    const from = page.after === undefined ? { bucket: 0, after: '' } : decodeCursor(page.after, memberBucketCount(groupId));
    const rows = [...this.db.getRange({ ...walkFrom([sdkAppId, groupId], from), limit: limit + 1 }).map(({ value }) => copyMember(value))];
    const members = rows.slice(0, limit);
    const last = members[limit - 1];
    return rows.length > limit && last ? { members, next: encodeCursor({ bucket: memberBucket(groupId, last.userId), after: last.userId }) } : { members };
  }

  async listPrivileged(sdkAppId: number, groupId: string): Promise<MemberRecord[]> {
    checkGroupOf(sdkAppId, groupId);
    const out: MemberRecord[] = [];
    for (const key of this.privileged.getKeys(under([sdkAppId, groupId]))) {
      const userId = (key as [number, string, string])[2];
      const m = this.db.get(this.key(sdkAppId, groupId, userId));
      if (m) out.push(copyMember(m));
    }
    return out;
  }

  async deleteAllMembers(sdkAppId: number, groupId: string): Promise<void> {
    checkGroupOf(sdkAppId, groupId);
    await this.db.transaction(() => {
      for (const key of [...this.db.getKeys(under([sdkAppId, groupId]))]) void this.db.remove(key);
      for (const key of [...this.privileged.getKeys(under([sdkAppId, groupId]))]) void this.privileged.remove(key);
    });
  }

  private key(sdkAppId: number, groupId: string, userId: string): Key {
    return [sdkAppId, groupId, memberBucket(groupId, userId), userId];
  }
}

function checkGroupOf(sdkAppId: number, groupId: string): void {
  checkAppId(sdkAppId);
  checkGroupId(groupId);
}

export class LmdbJoinedGroupStore implements JoinedGroupStore {
  constructor(private readonly db: Database<JoinedGroupRecord, Key>) {}

  async putJoined(sdkAppId: number, entries: readonly ({ userId: string } & JoinedGroupRecord)[]): Promise<void> {
    checkAppId(sdkAppId);
    const es = checkBatch(entries, 'entries', MAX_MEMBERS_PER_CALL, joinedEntry);
    if (es.length === 0) return;
    await this.db.transaction(() => {
      for (const e of es) void this.db.put([sdkAppId, e.userId, e.groupId], joinedRecord(e));
    });
  }

  async removeJoined(sdkAppId: number, entries: readonly { userId: string; groupId: string }[]): Promise<void> {
    checkAppId(sdkAppId);
    const es = checkBatch(entries, 'entries', MAX_MEMBERS_PER_CALL, joinedKey);
    if (es.length === 0) return;
    await this.db.transaction(() => {
      for (const e of es) void this.db.remove([sdkAppId, e.userId, e.groupId]);
    });
  }

  async getJoined(sdkAppId: number, userId: string, groupIds: readonly string[]): Promise<Map<string, JoinedGroupRecord>> {
    checkOwner(sdkAppId, userId);
    const out = new Map<string, JoinedGroupRecord>();
    for (const id of checkGroupIdBatch(groupIds, MAX_JOINED_PAGE)) {
      const r = this.db.get([sdkAppId, userId, id]);
      if (r) out.set(id, joinedRecord(r));
    }
    return out;
  }

  async listJoined(sdkAppId: number, userId: string, page: { after?: string; limit: number; types?: readonly GroupType[] }): Promise<JoinedGroupPage> {
    checkOwner(sdkAppId, userId);
    const limit = checkLimit(page, MAX_JOINED_PAGE);
    const types = checkTypes(page.types);
    if (page.after !== undefined) checkGroupId(page.after);
    const rows: JoinedGroupRecord[] = [];
    for (const { value } of this.db.getRange(under([sdkAppId, userId], page.after))) {
      if (types && !types.has(value.type)) continue;
      rows.push(joinedRecord(value));
      if (rows.length > limit) break;
    }
    const groups = rows.slice(0, limit);
    return rows.length > limit ? { groups, next: groups[groups.length - 1]!.groupId } : { groups };
  }

  async countJoined(sdkAppId: number, userId: string, types?: readonly GroupType[]): Promise<number> {
    checkOwner(sdkAppId, userId);
    const t = checkTypes(types);
    if (!t) return this.db.getCount(under([sdkAppId, userId]));
    let n = 0;
    for (const { value } of this.db.getRange(under([sdkAppId, userId]))) if (t.has(value.type)) n++;
    return n;
  }
}
