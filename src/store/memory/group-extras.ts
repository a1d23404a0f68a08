// In-process GroupJoinRequestStore and GroupTopicStore: per (app, group) a Map keyed by user id /
// topic id, paged in code-point order. Expired requests are filtered on read with the injected
// clock and dropped when their group is next written. See the interfaces for the contract.
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
import { checkLimit, compareCodePoints } from '../social-records.js';

const groupKey = (sdkAppId: number, groupId: string): string => `${sdkAppId}\u0000${groupId}`;

function checkGroup(sdkAppId: number, groupId: string): string {
  checkAppId(sdkAppId);
  checkGroupId(groupId);
  return groupKey(sdkAppId, groupId);
}

/** One page of `rows` sorted by key after `after`, plus the next cursor when more remain. */
function pageOf<T>(rows: Map<string, T>, after: string | undefined, limit: number, keep: (v: T) => boolean): { items: T[]; next?: string } {
  const keys = [...rows.keys()].filter((k) => (after === undefined || compareCodePoints(k, after) > 0) && keep(rows.get(k)!)).sort(compareCodePoints);
  const items = keys.slice(0, limit).map((k) => rows.get(k)!);
  return keys.length > limit ? { items, next: keys[limit - 1]! } : { items };
}

export class MemoryGroupJoinRequestStore implements GroupJoinRequestStore {
  private readonly groups = new Map<string, Map<string, JoinRequestRecord>>();

  constructor(private readonly clock: Clock) {}

  async putRequests(sdkAppId: number, groupId: string, requests: readonly JoinRequestRecord[]): Promise<void> {
    const key = checkGroup(sdkAppId, groupId);
    const recs = checkBatch(requests, 'requests', MAX_JOIN_REQUESTS_PER_CALL, joinRequestRecord);
    let rows = this.groups.get(key);
    if (!rows) this.groups.set(key, (rows = new Map()));
    const now = this.clock.nowMs();
    for (const [u, r] of rows) if (r.expiresAt <= now) rows.delete(u);
    for (const r of recs) rows.set(r.userId, r);
  }

  async getRequests(sdkAppId: number, groupId: string, userIds: readonly string[]): Promise<Map<string, JoinRequestRecord>> {
    const rows = this.groups.get(checkGroup(sdkAppId, groupId));
    const now = this.clock.nowMs();
    const out = new Map<string, JoinRequestRecord>();
    for (const u of checkUsers(userIds, MAX_JOIN_REQUESTS_PER_CALL)) {
      const r = rows?.get(u);
      if (r && r.expiresAt > now) out.set(u, { ...r });
    }
    return out;
  }

  async listRequests(sdkAppId: number, groupId: string, page: { after?: string; limit: number }): Promise<JoinRequestPage> {
    const rows = this.groups.get(checkGroup(sdkAppId, groupId));
    const limit = checkLimit(page, MAX_JOIN_REQUESTS_PER_CALL);
    if (page.after !== undefined) checkUserId(page.after);
    const now = this.clock.nowMs();
    const { items, next } = pageOf(rows ?? new Map(), page.after, limit, (r) => r.expiresAt > now);
    const requests = items.map((r) => ({ ...r }));
    return next === undefined ? { requests } : { requests, next };
  }

  async deleteRequests(sdkAppId: number, groupId: string, userIds: readonly string[]): Promise<void> {
    const rows = this.groups.get(checkGroup(sdkAppId, groupId));
    for (const u of checkUsers(userIds, MAX_JOIN_REQUESTS_PER_CALL)) rows?.delete(u);
  }

  async deleteAllRequests(sdkAppId: number, groupId: string): Promise<void> {
    this.groups.delete(checkGroup(sdkAppId, groupId));
  }
}

export class MemoryGroupTopicStore implements GroupTopicStore {
  private readonly groups = new Map<string, Map<string, TopicRecord>>();

  async createTopic(sdkAppId: number, groupId: string, topic: TopicRecord): Promise<boolean> {
    const key = checkGroup(sdkAppId, groupId);
    const t = topicRecord(groupId, topic);
    let rows = this.groups.get(key);
    if (!rows) this.groups.set(key, (rows = new Map()));
    if (rows.has(t.topicId)) return false;
    rows.set(t.topicId, t);
    return true;
  }

  async getTopics(sdkAppId: number, groupId: string, topicIds: readonly string[]): Promise<Map<string, TopicRecord>> {
    const rows = this.groups.get(checkGroup(sdkAppId, groupId));
    const out = new Map<string, TopicRecord>();
    for (const id of checkTopicIds(groupId, topicIds)) {
      const t = rows?.get(id);
      if (t) out.set(id, { ...t });
    }
    return out;
  }

  async listTopics(sdkAppId: number, groupId: string, page: { after?: string; limit: number }): Promise<TopicPage> {
    const rows = this.groups.get(checkGroup(sdkAppId, groupId));
    const limit = checkLimit(page, MAX_TOPICS_PER_CALL);
    if (page.after !== undefined) checkTopicId(groupId, page.after);
    const { items, next } = pageOf(rows ?? new Map(), page.after, limit, () => true);
    const topics = items.map((t) => ({ ...t }));
    return next === undefined ? { topics } : { topics, next };
  }

  async updateTopic(sdkAppId: number, groupId: string, topicId: string, patch: TopicPatch): Promise<boolean> {
    const rows = this.groups.get(checkGroup(sdkAppId, groupId));
    checkTopicId(groupId, topicId);
    const p = topicPatch(patch);
    const cur = rows?.get(topicId);
    if (!cur) return false;
    rows!.set(topicId, { ...cur, ...p });
    return true;
  }

  async deleteTopics(sdkAppId: number, groupId: string, topicIds: readonly string[]): Promise<string[]> {
    const rows = this.groups.get(checkGroup(sdkAppId, groupId));
    return checkTopicIds(groupId, topicIds).filter((id) => rows?.delete(id));
  }

  async deleteAllTopics(sdkAppId: number, groupId: string): Promise<void> {
    this.groups.delete(checkGroup(sdkAppId, groupId));
  }
}
