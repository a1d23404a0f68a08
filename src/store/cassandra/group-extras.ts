// Cassandra GroupJoinRequestStore (<ks>.group_join_requests, rows expire by a TTL computed from
// expiresAt; reads also drop rows past expiresAt, TTL being whole seconds) and GroupTopicStore
// (<ks>.group_topics, LWT writes only, one at a time per group: see group-tables.ts).
import type { Client, types } from 'cassandra-driver';
import type { Clock } from '../../lib/clock.js';
import {
  type GroupJoinRequestStore,
  type GroupTopicStore,
  type JoinRequestPage,
  type JoinRequestRecord,
  MAX_JOIN_REQUESTS_PER_CALL,
  MAX_TOPICS_PER_CALL,
  type TopicPage,
  type TopicPatch,
  type TopicRecord,
} from '../group-extras.js';
import { checkBatch, checkGroupId, checkTopicId, checkTopicIds, checkUsers, joinRequestRecord, topicPatch, topicRecord } from '../group-records.js';
import { checkAppId, checkUserId } from '../records.js';
import { checkLimit } from '../social-records.js';
import { writeAll } from './batches.js';
import { scanPartition } from './group-scan.js';
import { toNumber } from './values.js';

const REQUEST_COLUMNS = 'user_id, inviter_id, wording, time, expires_at';
const TOPIC_FIELDS = [
  ['name', 'name'],
  ['faceUrl', 'face_url'],
  ['introduction', 'introduction'],
  ['notification', 'notification'],
  ['muteAll', 'mute_all'],
  ['customString', 'custom_string'],
  ['createdAt', 'created_at'],
  ['lastMsgTime', 'last_msg_time'],
] as const satisfies readonly (readonly [keyof TopicRecord, string])[];
const TOPIC_COLUMN = Object.fromEntries(TOPIC_FIELDS) as Record<string, string>;
const TOPIC_COLUMNS = `topic_id, ${TOPIC_FIELDS.map(([, c]) => c).join(', ')}`;

function checkGroup(sdkAppId: number, groupId: string): void {
  checkAppId(sdkAppId);
  checkGroupId(groupId);
}

export class CassandraGroupJoinRequestStore implements GroupJoinRequestStore {
  private readonly cql: Record<'put' | 'delete' | 'getIn' | 'first' | 'after' | 'deleteIn' | 'deleteAll', string>;

  constructor(
    private readonly client: Client,
    keyspace: string,
    private readonly clock: Clock,
  ) {
    const t = `${keyspace}.group_join_requests`;
    const g = 'WHERE sdkappid = ? AND group_id = ?';
    this.cql = {
      put: `INSERT INTO ${t} (sdkappid, group_id, ${REQUEST_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) USING TTL ?`,
      delete: `DELETE FROM ${t} ${g} AND user_id = ?`,
      getIn: `SELECT ${REQUEST_COLUMNS} FROM ${t} ${g} AND user_id IN ?`,
      first: `SELECT ${REQUEST_COLUMNS} FROM ${t} ${g}`,
      after: `SELECT ${REQUEST_COLUMNS} FROM ${t} ${g} AND user_id > ?`,
      deleteIn: `DELETE FROM ${t} ${g} AND user_id IN ?`,
      deleteAll: `DELETE FROM ${t} ${g}`,
    };
  }

  async putRequests(sdkAppId: number, groupId: string, requests: readonly JoinRequestRecord[]): Promise<void> {
    checkGroup(sdkAppId, groupId);
    const recs = checkBatch(requests, 'requests', MAX_JOIN_REQUESTS_PER_CALL, joinRequestRecord);
    const now = this.clock.nowMs();
    await writeAll(
      this.client,
      recs.map((r) => {
        const ttl = Math.ceil((r.expiresAt - now) / 1000);
        // Already lapsed: no row at all (it would be invisible anyway), and an older one goes too.
        return ttl <= 0
          ? { query: this.cql.delete, params: [sdkAppId, groupId, r.userId] }
          : { query: this.cql.put, params: [sdkAppId, groupId, r.userId, r.inviterId, r.wording, r.time, r.expiresAt, ttl] };
      }),
    );
  }

  async getRequests(sdkAppId: number, groupId: string, userIds: readonly string[]): Promise<Map<string, JoinRequestRecord>> {
    checkGroup(sdkAppId, groupId);
    const ids = checkUsers(userIds, MAX_JOIN_REQUESTS_PER_CALL);
    const out = new Map<string, JoinRequestRecord>();
    if (ids.length === 0) return out;
    const now = this.clock.nowMs();
    for (const row of (await this.client.execute(this.cql.getIn, [sdkAppId, groupId, ids])).rows) {
      const r = requestFromRow(row, now);
      if (r) out.set(r.userId, r);
    }
    return out;
  }

  async listRequests(sdkAppId: number, groupId: string, page: { after?: string; limit: number }): Promise<JoinRequestPage> {
    checkGroup(sdkAppId, groupId);
    const limit = checkLimit(page, MAX_JOIN_REQUESTS_PER_CALL);
    if (page.after !== undefined) checkUserId(page.after);
    const now = this.clock.nowMs();
    const [query, params] = page.after === undefined ? [this.cql.first, [sdkAppId, groupId]] : [this.cql.after, [sdkAppId, groupId, page.after]];
    const rows = await scanPartition(this.client, query, params, limit + 1, (row) => requestFromRow(row, now));
    const requests = rows.slice(0, limit);
    return rows.length > limit ? { requests, next: requests[limit - 1]!.userId } : { requests };
  }

  async deleteRequests(sdkAppId: number, groupId: string, userIds: readonly string[]): Promise<void> {
    checkGroup(sdkAppId, groupId);
    const ids = checkUsers(userIds, MAX_JOIN_REQUESTS_PER_CALL);
    if (ids.length > 0) await this.client.execute(this.cql.deleteIn, [sdkAppId, groupId, ids]);
  }

  async deleteAllRequests(sdkAppId: number, groupId: string): Promise<void> {
    checkGroup(sdkAppId, groupId);
    await this.client.execute(this.cql.deleteAll, [sdkAppId, groupId]);
  }
}

function requestFromRow(row: types.Row, now: number): JoinRequestRecord | undefined {
  const expiresAt = toNumber(row.get('expires_at'));
  if (expiresAt <= now) return undefined;
  return {
    userId: row.get('user_id') as string,
    inviterId: (row.get('inviter_id') as string | null) ?? '',
    wording: (row.get('wording') as string | null) ?? '',
    time: toNumber(row.get('time')),
    expiresAt,
  };
}

export class CassandraGroupTopicStore implements GroupTopicStore {
  private readonly t: string;
  private readonly cql: Record<'insert' | 'getIn' | 'first' | 'after' | 'delete' | 'ids', string>;

  constructor(
    private readonly client: Client,
    keyspace: string,
  ) {
    const t = (this.t = `${keyspace}.group_topics`);
    const g = 'WHERE sdkappid = ? AND group_id = ?';
    this.cql = {
      insert: `INSERT INTO ${t} (sdkappid, group_id, ${TOPIC_COLUMNS}) VALUES (?, ?, ?, ${TOPIC_FIELDS.map(() => '?').join(', ')}) IF NOT EXISTS`,
      getIn: `SELECT ${TOPIC_COLUMNS} FROM ${t} ${g} AND topic_id IN ?`,
      first: `SELECT ${TOPIC_COLUMNS} FROM ${t} ${g}`,
      after: `SELECT ${TOPIC_COLUMNS} FROM ${t} ${g} AND topic_id > ?`,
      delete: `DELETE FROM ${t} ${g} AND topic_id = ? IF EXISTS`,
      ids: `SELECT topic_id FROM ${t} ${g}`,
    };
  }

  async createTopic(sdkAppId: number, groupId: string, topic: TopicRecord): Promise<boolean> {
    checkGroup(sdkAppId, groupId);
    const t = topicRecord(groupId, topic);
    return (await this.client.execute(this.cql.insert, [sdkAppId, groupId, t.topicId, ...TOPIC_FIELDS.map(([f]) => t[f])])).wasApplied();
  }

  async getTopics(sdkAppId: number, groupId: string, topicIds: readonly string[]): Promise<Map<string, TopicRecord>> {
    checkGroup(sdkAppId, groupId);
    const ids = checkTopicIds(groupId, topicIds);
    const out = new Map<string, TopicRecord>();
    if (ids.length === 0) return out;
    for (const row of (await this.client.execute(this.cql.getIn, [sdkAppId, groupId, ids])).rows) {
      const t = topicFromRow(row);
      out.set(t.topicId, t);
    }
    return out;
  }

  async listTopics(sdkAppId: number, groupId: string, page: { after?: string; limit: number }): Promise<TopicPage> {
    checkGroup(sdkAppId, groupId);
    const limit = checkLimit(page, MAX_TOPICS_PER_CALL);
    if (page.after !== undefined) checkTopicId(groupId, page.after);
    const [query, params] = page.after === undefined ? [this.cql.first, [sdkAppId, groupId]] : [this.cql.after, [sdkAppId, groupId, page.after]];
    const rows = await scanPartition(this.client, query, params, limit + 1, topicFromRow);
    const topics = rows.slice(0, limit);
    return rows.length > limit ? { topics, next: topics[limit - 1]!.topicId } : { topics };
  }

  async updateTopic(sdkAppId: number, groupId: string, topicId: string, patch: TopicPatch): Promise<boolean> {
    checkGroup(sdkAppId, groupId);
    checkTopicId(groupId, topicId);
    const entries = Object.entries(topicPatch(patch));
    if (entries.length === 0) return (await this.getTopics(sdkAppId, groupId, [topicId])).size > 0;
    const sets = entries.map(([f]) => `${TOPIC_COLUMN[f]} = ?`).join(', ');
    const rs = await this.client.execute(`UPDATE ${this.t} SET ${sets} WHERE sdkappid = ? AND group_id = ? AND topic_id = ? IF EXISTS`, [
      ...entries.map(([, v]) => v),
      sdkAppId,
      groupId,
      topicId,
    ]);
    return rs.wasApplied();
  }

  async deleteTopics(sdkAppId: number, groupId: string, topicIds: readonly string[]): Promise<string[]> {
    checkGroup(sdkAppId, groupId);
    const gone: string[] = [];
    // One conditional delete at a time: concurrent Paxos rounds on one partition only contend.
    for (const id of checkTopicIds(groupId, topicIds)) {
      if ((await this.client.execute(this.cql.delete, [sdkAppId, groupId, id])).wasApplied()) gone.push(id);
    }
    return gone;
  }

  async deleteAllTopics(sdkAppId: number, groupId: string): Promise<void> {
    checkGroup(sdkAppId, groupId);
    const ids = (await this.client.execute(this.cql.ids, [sdkAppId, groupId])).rows.map((r) => r.get('topic_id') as string);
    for (const id of ids) await this.client.execute(this.cql.delete, [sdkAppId, groupId, id]);
  }
}

function topicFromRow(row: types.Row): TopicRecord {
  return {
    topicId: row.get('topic_id') as string,
    name: (row.get('name') as string | null) ?? '',
    faceUrl: (row.get('face_url') as string | null) ?? '',
    introduction: (row.get('introduction') as string | null) ?? '',
    notification: (row.get('notification') as string | null) ?? '',
    muteAll: row.get('mute_all') === true,
    customString: (row.get('custom_string') as string | null) ?? '',
    createdAt: toNumber(row.get('created_at')),
    lastMsgTime: toNumber(row.get('last_msg_time')),
  };
}
