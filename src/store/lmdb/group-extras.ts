// LMDB GroupJoinRequestStore ("group_requests" keyed by [sdkAppId, groupId, userId]) and
// GroupTopicStore ("group_topics" keyed by [sdkAppId, groupId, topicId]). Expired requests are
// filtered on read with the injected clock and removed when their group is next written.
// Read-modify-write runs in one transaction. See the interfaces for the contract.
import type { Database, Key } from 'lmdb';
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
import { under } from './key-range.js';

function checkGroup(sdkAppId: number, groupId: string): void {
  checkAppId(sdkAppId);
  checkGroupId(groupId);
}

export class LmdbGroupJoinRequestStore implements GroupJoinRequestStore {
  constructor(
    private readonly db: Database<JoinRequestRecord, Key>,
    private readonly clock: Clock,
  ) {}

  async putRequests(sdkAppId: number, groupId: string, requests: readonly JoinRequestRecord[]): Promise<void> {
    checkGroup(sdkAppId, groupId);
    const recs = checkBatch(requests, 'requests', MAX_JOIN_REQUESTS_PER_CALL, joinRequestRecord);
    const now = this.clock.nowMs();
    await this.db.transaction(() => {
      for (const { key, value } of [...this.db.getRange(under([sdkAppId, groupId]))]) if (value.expiresAt <= now) void this.db.remove(key);
      for (const r of recs) void this.db.put([sdkAppId, groupId, r.userId], r);
    });
  }

  async getRequests(sdkAppId: number, groupId: string, userIds: readonly string[]): Promise<Map<string, JoinRequestRecord>> {
    checkGroup(sdkAppId, groupId);
    const now = this.clock.nowMs();
    const out = new Map<string, JoinRequestRecord>();
    for (const u of checkUsers(userIds, MAX_JOIN_REQUESTS_PER_CALL)) {
      const r = this.db.get([sdkAppId, groupId, u]);
      if (r && r.expiresAt > now) out.set(u, { ...r });
    }
    return out;
  }

  async listRequests(sdkAppId: number, groupId: string, page: { after?: string; limit: number }): Promise<JoinRequestPage> {
    checkGroup(sdkAppId, groupId);
    const limit = checkLimit(page, MAX_JOIN_REQUESTS_PER_CALL);
    if (page.after !== undefined) checkUserId(page.after);
    const now = this.clock.nowMs();
    const rows: JoinRequestRecord[] = [];
    for (const { value } of this.db.getRange(under([sdkAppId, groupId], page.after))) {
      if (value.expiresAt <= now) continue;
      rows.push({ ...value });
      if (rows.length > limit) break;
    }
    const requests = rows.slice(0, limit);
    return rows.length > limit ? { requests, next: requests[limit - 1]!.userId } : { requests };
  }

  async deleteRequests(sdkAppId: number, groupId: string, userIds: readonly string[]): Promise<void> {
    checkGroup(sdkAppId, groupId);
    const ids = checkUsers(userIds, MAX_JOIN_REQUESTS_PER_CALL);
    if (ids.length === 0) return;
    await this.db.transaction(() => {
      for (const u of ids) void this.db.remove([sdkAppId, groupId, u]);
    });
  }

  async deleteAllRequests(sdkAppId: number, groupId: string): Promise<void> {
    checkGroup(sdkAppId, groupId);
    await this.db.transaction(() => {
      for (const key of [...this.db.getKeys(under([sdkAppId, groupId]))]) void this.db.remove(key);
    });
  }
}

export class LmdbGroupTopicStore implements GroupTopicStore {
  constructor(private readonly db: Database<TopicRecord, Key>) {}

  async createTopic(sdkAppId: number, groupId: string, topic: TopicRecord): Promise<boolean> {
    checkGroup(sdkAppId, groupId);
    const t = topicRecord(groupId, topic);
    return this.db.transaction(() => {
      if (this.db.get([sdkAppId, groupId, t.topicId]) !== undefined) return false;
      void this.db.put([sdkAppId, groupId, t.topicId], t);
      return true;
    });
  }

  async getTopics(sdkAppId: number, groupId: string, topicIds: readonly string[]): Promise<Map<string, TopicRecord>> {
    checkGroup(sdkAppId, groupId);
    const out = new Map<string, TopicRecord>();
    for (const id of checkTopicIds(groupId, topicIds)) {
      const t = this.db.get([sdkAppId, groupId, id]);
      if (t) out.set(id, { ...t });
    }
    return out;
  }

  async listTopics(sdkAppId: number, groupId: string, page: { after?: string; limit: number }): Promise<TopicPage> {
    checkGroup(sdkAppId, groupId);
    const limit = checkLimit(page, MAX_TOPICS_PER_CALL);
    if (page.after !== undefined) checkTopicId(groupId, page.after);
    const rows = [...this.db.getRange({ ...under([sdkAppId, groupId], page.after), limit: limit + 1 }).map(({ value }) => ({ ...value }))];
    const topics = rows.slice(0, limit);
    return rows.length > limit ? { topics, next: topics[limit - 1]!.topicId } : { topics };
  }

  async updateTopic(sdkAppId: number, groupId: string, topicId: string, patch: TopicPatch): Promise<boolean> {
    checkGroup(sdkAppId, groupId);
    checkTopicId(groupId, topicId);
    const p = topicPatch(patch);
    return this.db.transaction(() => {
      const cur = this.db.get([sdkAppId, groupId, topicId]);
      if (!cur) return false;
      void this.db.put([sdkAppId, groupId, topicId], { ...cur, ...p });
      return true;
    });
  }

  async deleteTopics(sdkAppId: number, groupId: string, topicIds: readonly string[]): Promise<string[]> {
    checkGroup(sdkAppId, groupId);
    const ids = checkTopicIds(groupId, topicIds);
    if (ids.length === 0) return [];
    return this.db.transaction(() =>
      ids.filter((id) => {
        if (this.db.get([sdkAppId, groupId, id]) === undefined) return false;
        void this.db.remove([sdkAppId, groupId, id]);
        return true;
      }),
    );
  }

  async deleteAllTopics(sdkAppId: number, groupId: string): Promise<void> {
    checkGroup(sdkAppId, groupId);
    await this.db.transaction(() => {
      for (const key of [...this.db.getKeys(under([sdkAppId, groupId]))]) void this.db.remove(key);
    });
  }
}
