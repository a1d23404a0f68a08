// Cassandra GroupMemberStore over <ks>.group_members (partition per (group, bucket), see
// store/group-layout.ts) and <ks>.group_privileged (owner/admin index, one partition per group).
// Plain writes; an owner/admin row and its index row go in one logged batch, so they land together.
// An UPDATE of a non-member leaves a residue without join_time (and maybe an index row): every read
// skips rows without join_time and listPrivileged trusts the member row's role, not the index.
// addMembers/removeMembers read then write: safe under the single-writer rule of groups.ts.
import type { Client, types } from 'cassandra-driver';
import type { MemberRole, MsgFlag } from '../../groups/group-kinds.js';
import { decodeCursor, encodeCursor, memberBucket, memberBucketCount } from '../group-layout.js';
import { type GroupMemberStore, MAX_MEMBER_PAGE, MAX_MEMBERS_PER_CALL, type MemberPage, type MemberRecord, type MemberUpdate } from '../group-members.js';
import { checkBatch, checkGroupId, checkNewMembers, checkUsers, memberUpdate } from '../group-records.js';
import { checkAppId } from '../records.js';
import { checkLimit, compareCodePoints } from '../social-records.js';
import { type Statement, writeAll } from './batches.js';
import { scanPartition, walkBuckets } from './group-scan.js';
import { toNumber } from './values.js';

const COLUMNS = 'user_id, role, join_time, join_seq, mute_until, name_card, msg_flag, custom, read_seq, last_send_time';
const UPDATE_COLUMNS: Record<string, string> = {
  role: 'role',
  muteUntil: 'mute_until',
  nameCard: 'name_card',
  msgFlag: 'msg_flag',
  custom: 'custom',
  readSeq: 'read_seq',
  lastSendTime: 'last_send_time',
};

export class CassandraGroupMemberStore implements GroupMemberStore {
  private readonly t: string;
  private readonly cql: Record<'getIn' | 'insert' | 'deleteIn' | 'count' | 'first' | 'after' | 'privPut' | 'privDelete' | 'privList' | 'dropBucket' | 'dropPriv', string>;

  constructor(
    private readonly client: Client,
    keyspace: string,
  ) {
    const t = (this.t = `${keyspace}.group_members`);
    const p = `${keyspace}.group_privileged`;
    const part = 'WHERE sdkappid = ? AND group_id = ? AND bucket = ?';
    this.cql = {
      getIn: `SELECT ${COLUMNS} FROM ${t} ${part} AND user_id IN ?`,
      insert: `INSERT INTO ${t} (sdkappid, group_id, bucket, ${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      deleteIn: `DELETE FROM ${t} ${part} AND user_id IN ?`,
      count: `SELECT count(join_time) AS n FROM ${t} ${part}`,
      first: `SELECT ${COLUMNS} FROM ${t} ${part}`,
      after: `SELECT ${COLUMNS} FROM ${t} ${part} AND user_id > ?`,
      privPut: `INSERT INTO ${p} (sdkappid, group_id, user_id, role) VALUES (?, ?, ?, ?)`,
      privDelete: `DELETE FROM ${p} WHERE sdkappid = ? AND group_id = ? AND user_id = ?`,
      privList: `SELECT user_id FROM ${p} WHERE sdkappid = ? AND group_id = ?`,
      dropBucket: `DELETE FROM ${t} ${part}`,
      dropPriv: `DELETE FROM ${p} WHERE sdkappid = ? AND group_id = ?`,
    };
  }

  async addMembers(sdkAppId: number, groupId: string, members: readonly MemberRecord[]): Promise<string[]> {
    const recs = checkNewMembers(sdkAppId, groupId, members);
    if (recs.length === 0) return [];
    const existing = await this.read(sdkAppId, groupId, recs.map((m) => m.userId));
    const fresh = recs.filter((m) => !existing.has(m.userId));
    const insert = (m: MemberRecord): Statement => ({
      query: this.cql.insert,
      params: [sdkAppId, groupId, memberBucket(groupId, m.userId), m.userId, m.role, m.joinTime, m.joinSeq, m.muteUntil, m.nameCard, m.msgFlag, m.custom, m.readSeq, m.lastSendTime],
    });
    await Promise.all([
      writeAll(this.client, fresh.filter((m) => m.role === 'Member').map(insert)),
      ...fresh
        .filter((m) => m.role !== 'Member')
        .map((m) => this.client.batch([insert(m), { query: this.cql.privPut, params: [sdkAppId, groupId, m.userId, m.role] }], { prepare: true, logged: true })),
    ]);
    return recs.filter((m) => existing.has(m.userId)).map((m) => m.userId);
  }

  async removeMembers(sdkAppId: number, groupId: string, userIds: readonly string[]): Promise<string[]> {
    checkGroupOf(sdkAppId, groupId);
    const ids = checkUsers(userIds, MAX_MEMBERS_PER_CALL);
    if (ids.length === 0) return [];
    const existing = await this.read(sdkAppId, groupId, ids);
    const gone = ids.filter((u) => existing.has(u));
    // Member rows first: a crash before the index rows are gone leaves only index residue.
    await Promise.all([...byBucket(groupId, gone)].map(([b, us]) => this.client.execute(this.cql.deleteIn, [sdkAppId, groupId, b, us])));
    const privileged = gone.filter((u) => existing.get(u)!.role !== 'Member');
    await writeAll(this.client, privileged.map((u) => ({ query: this.cql.privDelete, params: [sdkAppId, groupId, u] })));
    return gone;
  }

  async getMembers(sdkAppId: number, groupId: string, userIds: readonly string[]): Promise<Map<string, MemberRecord>> {
    checkGroupOf(sdkAppId, groupId);
    return this.read(sdkAppId, groupId, checkUsers(userIds, MAX_MEMBERS_PER_CALL));
  }

  async updateMembers(sdkAppId: number, groupId: string, updates: readonly MemberUpdate[]): Promise<void> {
    checkGroupOf(sdkAppId, groupId);
    const ups = checkBatch(updates, 'updates', MAX_MEMBERS_PER_CALL, memberUpdate);
    const plain: Statement[] = [];
    const withRole: Statement[][] = [];
    for (const u of ups) {
      const entries = Object.entries(u).filter(([k]) => k !== 'userId');
      if (entries.length === 0) continue;
      const update: Statement = {
        query: `UPDATE ${this.t} SET ${entries.map(([k]) => `${UPDATE_COLUMNS[k]} = ?`).join(', ')} WHERE sdkappid = ? AND group_id = ? AND bucket = ? AND user_id = ?`,
        params: [...entries.map(([, v]) => v), sdkAppId, groupId, memberBucket(groupId, u.userId), u.userId],
      };
      if (u.role === undefined) plain.push(update);
      else {
        const index: Statement =
          u.role === 'Member'
            ? { query: this.cql.privDelete, params: [sdkAppId, groupId, u.userId] }
            : { query: this.cql.privPut, params: [sdkAppId, groupId, u.userId, u.role] };
        withRole.push([update, index]);
      }
    }
    await Promise.all([writeAll(this.client, plain), ...withRole.map((b) => this.client.batch(b, { prepare: true, logged: true }))]);
  }

  async countMembers(sdkAppId: number, groupId: string): Promise<number> {
    checkGroupOf(sdkAppId, groupId);
    const counts = await Promise.all(
      buckets(groupId).map(async (b) => toNumber((await this.client.execute(this.cql.count, [sdkAppId, groupId, b])).first()?.get('n'))),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  async listMembers(sdkAppId: number, groupId: string, page: { after?: string; limit: number }): Promise<MemberPage> {
    checkGroupOf(sdkAppId, groupId);
    const limit = checkLimit(page, MAX_MEMBER_PAGE);
    const n = memberBucketCount(groupId);
    const from = page.after === undefined ? { bucket: 0, after: '' } : decodeCursor(page.after, n);
    const rows = (
      await walkBuckets(from, n, limit + 1, (bucket, after, want) => {
        const [query, params] = after === '' ? [this.cql.first, [sdkAppId, groupId, bucket]] : [this.cql.after, [sdkAppId, groupId, bucket, after]];
        return scanPartition(this.client, query, params, want, fromRow);
      })
    ).map(({ bucket, row }) => ({ bucket, m: row }));
    const members = rows.slice(0, limit).map((r) => r.m);
    const last = rows[limit - 1];
    return rows.length > limit && last ? { members, next: encodeCursor({ bucket: last.bucket, after: last.m.userId }) } : { members };
  }

  async listPrivileged(sdkAppId: number, groupId: string): Promise<MemberRecord[]> {
    checkGroupOf(sdkAppId, groupId);
    const ids = (await this.client.execute(this.cql.privList, [sdkAppId, groupId])).rows.map((r) => r.get('user_id') as string);
    const found = new Map<string, MemberRecord>();
    for (let i = 0; i < ids.length; i += MAX_MEMBERS_PER_CALL) {
      for (const [u, m] of await this.read(sdkAppId, groupId, ids.slice(i, i + MAX_MEMBERS_PER_CALL))) found.set(u, m);
    }
    return [...found.values()].filter((m) => m.role !== 'Member').sort((a, b) => compareCodePoints(a.userId, b.userId));
  }

  async deleteAllMembers(sdkAppId: number, groupId: string): Promise<void> {
    checkGroupOf(sdkAppId, groupId);
    await Promise.all(buckets(groupId).map((b) => this.client.execute(this.cql.dropBucket, [sdkAppId, groupId, b])));
    await this.client.execute(this.cql.dropPriv, [sdkAppId, groupId]);
  }

  /** Members among `ids` (validated), one query per bucket touched. */
  private async read(sdkAppId: number, groupId: string, ids: readonly string[]): Promise<Map<string, MemberRecord>> {
    const out = new Map<string, MemberRecord>();
    await Promise.all(
      [...byBucket(groupId, ids)].map(async ([b, us]) => {
        for (const row of (await this.client.execute(this.cql.getIn, [sdkAppId, groupId, b, us])).rows) {
          const m = fromRow(row);
          if (m) out.set(m.userId, m);
        }
      }),
    );
    return out;
  }
}

function checkGroupOf(sdkAppId: number, groupId: string): void {
  checkAppId(sdkAppId);
  checkGroupId(groupId);
}

const buckets = (groupId: string): number[] => Array.from({ length: memberBucketCount(groupId) }, (_, i) => i);

function byBucket(groupId: string, ids: readonly string[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const u of ids) {
    const b = memberBucket(groupId, u);
    const list = out.get(b);
    if (list) list.push(u);
    else out.set(b, [u]);
  }
  return out;
}

/** A member, or undefined for an update residue (no join_time). */
function fromRow(row: types.Row): MemberRecord | undefined {
  if (row.get('join_time') === null) return undefined;
  return {
    userId: row.get('user_id') as string,
    role: row.get('role') as MemberRole,
    joinTime: toNumber(row.get('join_time')),
    joinSeq: toNumber(row.get('join_seq')),
    muteUntil: toNumber(row.get('mute_until')),
    nameCard: (row.get('name_card') as string | null) ?? '',
    msgFlag: row.get('msg_flag') as MsgFlag,
    custom: { ...((row.get('custom') as Record<string, string> | null) ?? {}) },
    readSeq: toNumber(row.get('read_seq')),
    lastSendTime: toNumber(row.get('last_send_time')),
  };
}
