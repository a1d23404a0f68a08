// Cassandra GroupStore over <ks>.groups (one partition per group, LWT writes only: see
// group-tables.ts) and <ks>.app_groups (the app's list, plain writes). createGroup is an INSERT IF
// NOT EXISTS and, once applied, the list row; a crash between leaves a group missing from
// listGroups only (get/update/delete still work, and deleteGroup clears both). getGroup is coalesced.
import type { Client, types } from 'cassandra-driver';
import type { GroupType } from '../../groups/group-kinds.js';
import { APP_GROUP_BUCKETS, appGroupBucket, decodeCursor, encodeCursor } from '../group-layout.js';
import { checkGroupId, checkGroupIdBatch, checkTypes, copyGroup, groupPatch, groupRecord } from '../group-records.js';
import { type GroupListPage, type GroupPatch, type GroupRecord, type GroupStore, MAX_GROUP_LIST_PAGE } from '../groups.js';
import { checkAppId } from '../records.js';
import { checkLimit } from '../social-records.js';
import { scanPartition, walkBuckets } from './group-scan.js';
import { ReadCoalescer } from './read-coalescer.js';
import { toNumber } from './values.js';

/** Record field -> column, in INSERT order after (sdkappid, group_id). */
const FIELDS = [
  ['type', 'type'],
  ['name', 'name'],
  ['ownerId', 'owner_id'],
  ['createdAt', 'created_at'],
  ['introduction', 'introduction'],
  ['notification', 'notification'],
  ['faceUrl', 'face_url'],
  ['applyJoinOption', 'apply_join_option'],
  ['inviteJoinOption', 'invite_join_option'],
  ['maxMemberNum', 'max_member_num'],
  ['muteAll', 'mute_all'],
  ['custom', 'custom'],
  ['memberCount', 'member_count'],
  ['lastMsgTime', 'last_msg_time'],
  ['infoSeq', 'info_seq'],
  ['lastInfoTime', 'last_info_time'],
  ['supportTopic', 'support_topic'],
  ['dismissedAt', 'dismissed_at'],
] as const satisfies readonly (readonly [keyof GroupRecord, string])[];
const COLUMN = Object.fromEntries(FIELDS) as Record<string, string>;
const NUMBERS = new Set(['createdAt', 'maxMemberNum', 'memberCount', 'lastMsgTime', 'infoSeq', 'lastInfoTime', 'dismissedAt']);
const COLUMNS = `group_id, ${FIELDS.map(([, c]) => c).join(', ')}`;

export class CassandraGroupStore implements GroupStore {
  private readonly reads = new ReadCoalescer<GroupRecord | undefined>((g) => g && copyGroup(g));
  private readonly t: string;
  private readonly cql: Record<'insert' | 'get' | 'getMany' | 'delete' | 'listPut' | 'listDelete' | 'listFirst' | 'listAfter', string>;

  constructor(
    private readonly client: Client,
    keyspace: string,
  ) {
    const t = (this.t = `${keyspace}.groups`);
    const list = `${keyspace}.app_groups`;
    const key = 'WHERE sdkappid = ? AND group_id = ?';
    this.cql = {
      insert: `INSERT INTO ${t} (sdkappid, ${COLUMNS}) VALUES (?, ?, ${FIELDS.map(() => '?').join(', ')}) IF NOT EXISTS`,
      get: `SELECT ${COLUMNS} FROM ${t} ${key}`,
      getMany: `SELECT ${COLUMNS} FROM ${t} WHERE sdkappid = ? AND group_id IN ?`,
      delete: `DELETE FROM ${t} ${key} IF EXISTS`,
      listPut: `INSERT INTO ${list} (sdkappid, bucket, group_id, type) VALUES (?, ?, ?, ?)`,
      listDelete: `DELETE FROM ${list} WHERE sdkappid = ? AND bucket = ? AND group_id = ?`,
      listFirst: `SELECT group_id, type FROM ${list} WHERE sdkappid = ? AND bucket = ?`,
      listAfter: `SELECT group_id, type FROM ${list} WHERE sdkappid = ? AND bucket = ? AND group_id > ?`,
    };
  }

  async createGroup(sdkAppId: number, group: GroupRecord): Promise<boolean> {
    checkAppId(sdkAppId);
    const g = groupRecord(group);
    try {
      const rs = await this.client.execute(this.cql.insert, [sdkAppId, g.groupId, ...FIELDS.map(([f]) => g[f])]);
      if (!rs.wasApplied()) return false;
      await this.client.execute(this.cql.listPut, [sdkAppId, appGroupBucket(g.groupId), g.groupId, g.type]);
      return true;
    } finally {
      this.reads.wrote();
    }
  }

  async getGroup(sdkAppId: number, groupId: string): Promise<GroupRecord | undefined> {
    checkAppId(sdkAppId);
    checkGroupId(groupId);
    return this.reads.read(`${sdkAppId}\u0000${groupId}`, async () => {
      const row = (await this.client.execute(this.cql.get, [sdkAppId, groupId])).first();
      return row ? fromRow(row) : undefined;
    });
  }

  async getGroups(sdkAppId: number, groupIds: readonly string[]): Promise<Map<string, GroupRecord>> {
    checkAppId(sdkAppId);
    const ids = checkGroupIdBatch(groupIds);
    const out = new Map<string, GroupRecord>();
    if (ids.length === 0) return out;
    for await (const row of await this.client.execute(this.cql.getMany, [sdkAppId, ids])) {
      const g = fromRow(row);
      out.set(g.groupId, g);
    }
    return out;
  }

  async updateGroup(sdkAppId: number, groupId: string, patch: GroupPatch): Promise<boolean> {
    checkAppId(sdkAppId);
    checkGroupId(groupId);
    const p = groupPatch(patch);
    const entries = Object.entries(p);
    if (entries.length === 0) return (await this.getGroup(sdkAppId, groupId)) !== undefined;
    const sets = entries.map(([f]) => `${COLUMN[f]} = ?`).join(', ');
    try {
      const rs = await this.client.execute(`UPDATE ${this.t} SET ${sets} WHERE sdkappid = ? AND group_id = ? IF EXISTS`, [
        ...entries.map(([, v]) => v),
        sdkAppId,
        groupId,
      ]);
      return rs.wasApplied();
    } finally {
      this.reads.wrote();
    }
  }

  async deleteGroup(sdkAppId: number, groupId: string): Promise<boolean> {
    checkAppId(sdkAppId);
    checkGroupId(groupId);
    try {
      const applied = (await this.client.execute(this.cql.delete, [sdkAppId, groupId])).wasApplied();
      if (applied) await this.client.execute(this.cql.listDelete, [sdkAppId, appGroupBucket(groupId), groupId]);
      return applied;
    } finally {
      this.reads.wrote();
    }
  }

  async listGroups(sdkAppId: number, page: { after?: string; limit: number; types?: readonly GroupType[] }): Promise<GroupListPage> {
    checkAppId(sdkAppId);
    const limit = checkLimit(page, MAX_GROUP_LIST_PAGE);
    const types = checkTypes(page.types);
    const from = page.after === undefined ? { bucket: 0, after: '' } : decodeCursor(page.after, APP_GROUP_BUCKETS);
    const walked = await walkBuckets(from, APP_GROUP_BUCKETS, limit + 1, (bucket, after, want) => {
      const [query, params] = after === '' ? [this.cql.listFirst, [sdkAppId, bucket]] : [this.cql.listAfter, [sdkAppId, bucket, after]];
      return scanPartition(this.client, query, params, want, (row) => {
        const type = row.get('type') as GroupType;
        return types && !types.has(type) ? undefined : { groupId: row.get('group_id') as string, type };
      });
    });
    const rows = walked.map(({ bucket, row }) => ({ bucket, ...row }));
    const groups = rows.slice(0, limit).map(({ groupId, type }) => ({ groupId, type }));
    const last = rows[limit - 1];
    return rows.length > limit && last ? { groups, next: encodeCursor({ bucket: last.bucket, after: last.groupId }) } : { groups };
  }
}

function fromRow(row: types.Row): GroupRecord {
  const g: Record<string, unknown> = { groupId: row.get('group_id') };
  for (const [f, c] of FIELDS) {
    const v = row.get(c);
    g[f] = NUMBERS.has(f) ? toNumber(v) : f === 'custom' ? { ...((v as Record<string, string> | null) ?? {}) } : f === 'muteAll' || f === 'supportTopic' ? v === true : (v ?? '');
  }
  return g as unknown as GroupRecord;
}
