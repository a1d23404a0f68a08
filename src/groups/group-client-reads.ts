// Reads of the group client ops, straight from the store (no actor): group info with the caller's
// own membership, sync (after a seq, ascending) and history (newest first, group-msg-history.ts,
// the REST reader), the joined list with unread counts, and member pages. Only members read a
// group's messages and members (10007 otherwise); what a member sees of the timeline starts at
// visibleFrom (their joinSeq where the type hides history before joining). Deleted messages are
// skipped; recalled ones stay as placeholders. maxSeq is read BEFORE the page so a message stored
// meanwhile is never skipped by the next sync.
import { ImError } from '../lib/errors.js';
import { inWaves } from '../lib/waves.js';
import { Err } from '../protocol/error-codes.js';
import type { GroupInfoView, GroupRequestParams, GroupRequestResults, GroupSelfView, JoinedGroupView } from '../protocol/group-requests.js';
import type { Op } from '../protocol/ops.js';
import type { GroupRecord, MemberRecord } from '../store/groups.js';
import type { Store } from '../store/index.js';
import { groupConvId, isGroupIdShape, parseTopicId } from './group-ids.js';
import { GROUP_TYPES, type GroupType } from './group-kinds.js';
import { historyPage, visibleFrom } from './group-msg-history.js';
import { groupMessageInfo, isDeleted } from './group-msg-view.js';
import { convIdOf } from './group-msg-where.js';
import { wireMuteUntil } from './group-state-rules.js';
import { groupUnreadCount } from './group-msg-unread.js';
import { rulesOf } from './group-type-rules.js';

/** Default page of GROUP_SYNC / GROUP_HISTORY and of GROUP_JOINED / GROUP_MEMBERS. */
export const DEFAULT_GROUP_MSG_PAGE = 20;
export const DEFAULT_GROUP_LIST_PAGE = 100;
/** Joined groups whose rows are read at once (one member read and one maxSeq each). */
export const JOINED_READ_CONCURRENCY = 16;

type ReadStore = Pick<Store, 'messages' | 'groups' | 'groupMembers' | 'joinedGroups' | 'groupTopics'>;
type R = GroupRequestResults;
type P = GroupRequestParams;

const sec = (ms: number): number => Math.floor(ms / 1000);

/** The group for a read, or 10010 (REST's reads use it too, rest-common.ts). */
export async function liveGroup(store: Pick<Store, 'groups'>, sdkAppId: number, groupId: string): Promise<GroupRecord> {
  const g = await store.groups.getGroup(sdkAppId, groupId);
  if (!g || g.dismissedAt > 0) throw new ImError(Err.GROUP_NOT_FOUND, `group ${groupId} does not exist or was dismissed`);
  return g;
}

/** The group, the caller's member row (10007 for a non-member) and the timeline's conversation. */
async function memberView(store: ReadStore, sdkAppId: number, userId: string, groupId: string, topicId?: string, known?: GroupRecord): Promise<{ g: GroupRecord; m: MemberRecord; convId: string }> {
  const g = known ?? (await liveGroup(store, sdkAppId, groupId));
  const m = (await store.groupMembers.getMembers(sdkAppId, groupId, [userId])).get(userId);
  if (!m) throw new ImError(Err.GROUP_PERMISSION_DENIED, `${userId} is not a member of ${groupId}`);
  if (topicId !== undefined) {
    if (!rulesOf(g.type).topics || parseTopicId(topicId)?.groupId !== groupId) throw new ImError(Err.GROUP_INVALID_PARAMS, `topicId ${topicId} is not a topic of ${groupId}`);
    if (!(await store.groupTopics.getTopics(sdkAppId, groupId, [topicId])).has(topicId)) throw new ImError(Err.GROUP_NOT_FOUND, `topic ${topicId} does not exist`);
  }
  return { g, m, convId: convIdOf(groupId, topicId) };
}

/** A live room keeps no history: its viewers (who have no member rows) read an empty timeline. */
const keepsNoHistory = (g: GroupRecord): boolean => !rulesOf(g.type).storesHistory;

function infoView(g: GroupRecord, maxSeq: number): GroupInfoView {
  return {
    groupId: g.groupId,
    type: g.type,
    name: g.name,
    introduction: g.introduction,
    notification: g.notification,
    faceUrl: g.faceUrl,
    ownerId: g.ownerId,
    createTime: sec(g.createdAt),
    memberCount: g.memberCount,
    maxMemberNum: g.maxMemberNum,
    applyJoinOption: g.applyJoinOption,
    inviteJoinOption: g.inviteJoinOption,
    muteAll: g.muteAll,
    maxSeq,
    custom: { ...g.custom },
    ...(g.type === 'Community' ? { supportTopic: g.supportTopic } : {}),
  };
}

const selfView = async (store: ReadStore, sdkAppId: number, g: GroupRecord, m: MemberRecord, maxSeq: number): Promise<GroupSelfView> => ({
  role: m.role,
  joinTime: sec(m.joinTime),
  readSeq: m.readSeq,
  // The same count as REST's UnreadMsgNum, so every device and the backend agree.
  unread: await groupUnreadCount(store, sdkAppId, g, m.readSeq, maxSeq),
  msgFlag: m.msgFlag,
});

export async function groupInfo(store: ReadStore, sdkAppId: number, userId: string, ids: readonly string[]): Promise<R[typeof Op.GROUP_INFO]> {
  const valid = [...new Set(ids.filter((id) => isGroupIdShape(id)))];
  const found = await store.groups.getGroups(sdkAppId, valid);
  const groups = await Promise.all(
    ids.map(async (groupId) => {
      if (!isGroupIdShape(groupId)) return { groupId, code: Err.GROUP_ID_INVALID };
      const g = found.get(groupId);
      if (!g || g.dismissedAt > 0) return { groupId, code: Err.GROUP_NOT_FOUND };
      const [maxSeq, members] = await Promise.all([store.messages.maxSeq(sdkAppId, groupConvId(groupId)), store.groupMembers.getMembers(sdkAppId, groupId, [userId])]);
      const m = members.get(userId);
      return { groupId, code: 0, group: infoView(g, maxSeq), ...(m ? { self: await selfView(store, sdkAppId, g, m, maxSeq) } : {}) };
    }),
  );
  return { groups };
}

export async function groupSync(store: ReadStore, sdkAppId: number, userId: string, d: P[typeof Op.GROUP_SYNC]): Promise<R[typeof Op.GROUP_SYNC]> {
  const known = await liveGroup(store, sdkAppId, d.groupId);
  if (keepsNoHistory(known)) return { messages: [], afterSeq: d.afterSeq, maxSeq: 0, complete: true };
  const { g, m, convId } = await memberView(store, sdkAppId, userId, d.groupId, d.topicId, known);
  const maxSeq = await store.messages.maxSeq(sdkAppId, convId);
  const from = Math.max(d.afterSeq + 1, visibleFrom(g, m));
  if (from > maxSeq) return { messages: [], afterSeq: Math.max(d.afterSeq, maxSeq), maxSeq, complete: true };
  const page = await store.messages.range(sdkAppId, convId, { fromSeq: from, toSeq: maxSeq, limit: d.limit ?? DEFAULT_GROUP_MSG_PAGE, order: 'asc' });
  const last = page.messages[page.messages.length - 1];
  // Nothing below `from` is visible: an empty, finished scan has seen everything up to maxSeq.
  const afterSeq = page.next !== undefined ? page.next - 1 : last && page.messages.length >= (d.limit ?? DEFAULT_GROUP_MSG_PAGE) ? last.seq : maxSeq;
  return { messages: page.messages.filter((x) => !isDeleted(x)).map(groupMessageInfo), afterSeq, maxSeq, complete: afterSeq >= maxSeq };
}

export async function groupHistory(store: ReadStore, sdkAppId: number, userId: string, d: P[typeof Op.GROUP_HISTORY]): Promise<R[typeof Op.GROUP_HISTORY]> {
  const known = await liveGroup(store, sdkAppId, d.groupId);
  if (keepsNoHistory(known)) return { messages: [], beforeSeq: 1, complete: true };
  const { g, m, convId } = await memberView(store, sdkAppId, userId, d.groupId, d.topicId, known);
  if (d.beforeSeq === 1) return { messages: [], beforeSeq: 1, complete: true };
  const page = await historyPage(store, sdkAppId, g, convId, {
    limit: d.limit ?? DEFAULT_GROUP_MSG_PAGE,
    withRecalled: true,
    viewer: m,
    ...(d.beforeSeq !== undefined ? { fromSeq: d.beforeSeq - 1 } : {}),
  });
  return { messages: page.messages.map(groupMessageInfo), beforeSeq: page.nextSeq + 1, complete: page.finished };
}

export async function joinedGroups(store: ReadStore, sdkAppId: number, userId: string, d: P[typeof Op.GROUP_JOINED]): Promise<R[typeof Op.GROUP_JOINED]> {
  const types = GROUP_TYPES.filter((t) => d.withLive === true || t !== 'AVChatRoom');
  const page = await store.joinedGroups.listJoined(sdkAppId, userId, { limit: d.limit ?? DEFAULT_GROUP_LIST_PAGE, types, ...(d.after ? { after: d.after } : {}) });
  const recs = page.groups.length > 0 ? await store.groups.getGroups(sdkAppId, page.groups.map((r) => r.groupId)) : new Map<string, GroupRecord>();
  const out = await inWaves(page.groups, JOINED_READ_CONCURRENCY, async (row): Promise<JoinedGroupView | undefined> => {
    const g = recs.get(row.groupId);
    if (!g || g.dismissedAt > 0) return undefined;
    const [members, maxSeq] = await Promise.all([store.groupMembers.getMembers(sdkAppId, row.groupId, [userId]), store.messages.maxSeq(sdkAppId, groupConvId(row.groupId))]);
    const m = members.get(userId);
    // A joined row without its member row is a join still landing or a crash leftover
    // (src/store/groups.ts): left out here; REST's joined list repairs it.
    if (!m) return undefined;
    return { groupId: g.groupId, type: g.type, name: g.name, faceUrl: g.faceUrl, role: m.role, msgFlag: m.msgFlag, maxSeq, readSeq: m.readSeq, unread: await groupUnreadCount(store, sdkAppId, g, m.readSeq, maxSeq) };
  });
  return { groups: out.filter((x): x is JoinedGroupView => x !== undefined), ...(page.next ? { next: page.next } : {}) };
}

export async function memberPage(store: ReadStore, sdkAppId: number, userId: string, d: P[typeof Op.GROUP_MEMBERS], nowMs: number): Promise<R[typeof Op.GROUP_MEMBERS]> {
  const { g } = await memberView(store, sdkAppId, userId, d.groupId);
  const page = await store.groupMembers.listMembers(sdkAppId, d.groupId, { limit: d.limit ?? DEFAULT_GROUP_LIST_PAGE, ...(d.after ? { after: d.after } : {}) });
  return {
    members: page.members.map((x) => ({ userId: x.userId, role: x.role, joinTime: sec(x.joinTime), nameCard: x.nameCard, muteUntil: wireMuteUntil(x.muteUntil, nowMs), custom: { ...x.custom } })),
    memberCount: g.memberCount,
    ...(page.next ? { next: page.next } : {}),
  };
}
