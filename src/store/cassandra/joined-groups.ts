// Cassandra JoinedGroupStore over <ks>.joined_groups: one partition per user, clustered by
// group_id, so a user's joined list is one partition read (type filtering happens while paging).
// Plain writes; putJoined/removeJoined touch many users' partitions via batches.ts.
import type { Client, types } from 'cassandra-driver';
import type { GroupType, MemberRole } from '../../groups/group-kinds.js';
import { type JoinedGroupPage, type JoinedGroupRecord, type JoinedGroupStore, MAX_JOINED_PAGE, MAX_MEMBERS_PER_CALL } from '../group-members.js';
import { checkBatch, checkGroupId, checkGroupIdBatch, checkTypes, joinedEntry, joinedKey } from '../group-records.js';
import { checkAppId } from '../records.js';
import { checkLimit, checkOwner } from '../social-records.js';
import { writeAll } from './batches.js';
import { scanPartition } from './group-scan.js';
import { toNumber } from './values.js';

const COLUMNS = 'group_id, type, role, join_time';

export class CassandraJoinedGroupStore implements JoinedGroupStore {
  private readonly cql: Record<'put' | 'delete' | 'getIn' | 'first' | 'after' | 'count' | 'types', string>;

  constructor(
    private readonly client: Client,
    keyspace: string,
  ) {
    const t = `${keyspace}.joined_groups`;
    const user = 'WHERE sdkappid = ? AND user_id = ?';
    this.cql = {
      put: `INSERT INTO ${t} (sdkappid, user_id, ${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`,
      delete: `DELETE FROM ${t} ${user} AND group_id = ?`,
      getIn: `SELECT ${COLUMNS} FROM ${t} ${user} AND group_id IN ?`,
      first: `SELECT ${COLUMNS} FROM ${t} ${user}`,
      after: `SELECT ${COLUMNS} FROM ${t} ${user} AND group_id > ?`,
      count: `SELECT count(*) AS n FROM ${t} ${user}`,
      types: `SELECT type FROM ${t} ${user}`,
    };
  }

  async putJoined(sdkAppId: number, entries: readonly ({ userId: string } & JoinedGroupRecord)[]): Promise<void> {
    checkAppId(sdkAppId);
    const es = checkBatch(entries, 'entries', MAX_MEMBERS_PER_CALL, joinedEntry);
    await writeAll(
      this.client,
      es.map((e) => ({ query: this.cql.put, params: [sdkAppId, e.userId, e.groupId, e.type, e.role, e.joinTime] })),
    );
  }

  async removeJoined(sdkAppId: number, entries: readonly { userId: string; groupId: string }[]): Promise<void> {
    checkAppId(sdkAppId);
    const es = checkBatch(entries, 'entries', MAX_MEMBERS_PER_CALL, joinedKey);
    await writeAll(this.client, es.map((e) => ({ query: this.cql.delete, params: [sdkAppId, e.userId, e.groupId] })));
  }

  async getJoined(sdkAppId: number, userId: string, groupIds: readonly string[]): Promise<Map<string, JoinedGroupRecord>> {
    checkOwner(sdkAppId, userId);
    const ids = checkGroupIdBatch(groupIds, MAX_JOINED_PAGE);
    const out = new Map<string, JoinedGroupRecord>();
    if (ids.length === 0) return out;
    for await (const row of await this.client.execute(this.cql.getIn, [sdkAppId, userId, ids])) {
      const r = fromRow(row);
      out.set(r.groupId, r);
    }
    return out;
  }

  async listJoined(sdkAppId: number, userId: string, page: { after?: string; limit: number; types?: readonly GroupType[] }): Promise<JoinedGroupPage> {
    checkOwner(sdkAppId, userId);
    const limit = checkLimit(page, MAX_JOINED_PAGE);
    const types = checkTypes(page.types);
    if (page.after !== undefined) checkGroupId(page.after);
    const [query, params] = page.after === undefined ? [this.cql.first, [sdkAppId, userId]] : [this.cql.after, [sdkAppId, userId, page.after]];
    const rows = await scanPartition(this.client, query, params, limit + 1, (row) => {
      const r = fromRow(row);
      return types && !types.has(r.type) ? undefined : r;
    });
    const groups = rows.slice(0, limit);
    return rows.length > limit ? { groups, next: groups[limit - 1]!.groupId } : { groups };
  }

  async countJoined(sdkAppId: number, userId: string, types?: readonly GroupType[]): Promise<number> {
    checkOwner(sdkAppId, userId);
    const t = checkTypes(types);
    if (!t) return toNumber((await this.client.execute(this.cql.count, [sdkAppId, userId])).first()?.get('n'));
    let n = 0;
    for await (const row of await this.client.execute(this.cql.types, [sdkAppId, userId], { fetchSize: 1000 })) if (t.has(row.get('type') as GroupType)) n++;
    return n;
  }
}

function fromRow(row: types.Row): JoinedGroupRecord {
  return {
    groupId: row.get('group_id') as string,
    type: row.get('type') as GroupType,
    role: row.get('role') as MemberRole,
    joinTime: toNumber(row.get('join_time')),
  };
}
