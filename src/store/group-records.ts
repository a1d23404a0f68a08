// Validated copies of the group records at the store boundary, shared by the memory, LMDB and
// Cassandra implementations so all three refuse the same inputs (TypeError/RangeError) and keep
// the same shapes. Only storage guards: Tencent's limits and codes are src/groups/ (the domain).
// Copies pick the known fields, so an extra property on an input is ignored.
import {
  type GroupType,
  isApplyJoinOption,
  isGroupType,
  isInviteJoinOption,
  isMemberRole,
  isMsgFlag,
} from '../groups/group-kinds.js';
import { isGroupIdShape, parseTopicId } from '../groups/group-ids.js';
import type { GroupRecord, GroupPatch } from './groups.js';
import { MAX_GROUP_TEXT_BYTES, MAX_GROUPS_PER_GET, MAX_STORED_CUSTOM_KEYS } from './groups.js';
import { type JoinedGroupRecord, MAX_MEMBERS_PER_CALL, type MemberRecord, type MemberUpdate } from './group-members.js';
import { type JoinRequestRecord, MAX_TOPICS_PER_CALL, type TopicPatch, type TopicRecord } from './group-extras.js';
import { checkAppId, checkUserId } from './records.js';
import { checkText, checkTime, describe } from './social-records.js';

function object(v: unknown, what: string): asserts v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new TypeError(`${what} must be an object, got ${describe(v)}`);
}

const text = (v: unknown, what: string): string => {
  checkText(v, what);
  if ((v as string).length > MAX_GROUP_TEXT_BYTES) throw new RangeError(`${what} must be at most ${MAX_GROUP_TEXT_BYTES} bytes`);
  return v as string;
};
const time = (v: unknown, what: string): number => (checkTime(v, what), v as number);
const flag = (v: unknown, what: string): boolean => {
  if (typeof v !== 'boolean') throw new TypeError(`${what} must be a boolean, got ${describe(v)}`);
  return v;
};
function oneOf<T>(v: unknown, ok: (v: unknown) => v is T, what: string): T {
  if (!ok(v)) throw new RangeError(`${what} is not a known value: ${describe(v)}`);
  return v;
}

export function checkGroupId(groupId: unknown): asserts groupId is string {
  if (!isGroupIdShape(groupId)) throw new RangeError(`groupId must be 1..48 printable ASCII characters without @TOPIC#_, got ${describe(groupId)}`);
}

/** Distinct group ids in first-seen order, at most `max`. */
export function checkGroupIdBatch(ids: unknown, max = MAX_GROUPS_PER_GET): string[] {
  if (!Array.isArray(ids)) throw new TypeError(`groupIds must be an array, got ${describe(ids)}`);
  const distinct = [...new Set<unknown>(ids)];
  if (distinct.length > max) throw new RangeError(`groupIds takes at most ${max} distinct ids, got ${distinct.length}`);
  distinct.forEach(checkGroupId);
  return distinct as string[];
}

/** A type filter: undefined = all types; otherwise a non-empty list of known types. */
export function checkTypes(types: unknown): ReadonlySet<GroupType> | undefined {
  if (types === undefined) return undefined;
  if (!Array.isArray(types) || types.length === 0) throw new TypeError(`types must be a non-empty array of group types, got ${describe(types)}`);
  return new Set(types.map((t) => oneOf(t, isGroupType, 'types[]')));
}

export function customMap(v: unknown, what: string): Record<string, string> {
  object(v, what);
  const entries = Object.entries(v);
  if (entries.length > MAX_STORED_CUSTOM_KEYS) throw new RangeError(`${what} holds at most ${MAX_STORED_CUSTOM_KEYS} keys, got ${entries.length}`);
  return Object.fromEntries(
    entries.map(([k, x]) => {
      checkText(k, `${what} key`, false);
      return [k, text(x, `${what}.${k}`)];
    }),
  );
}

const count = (v: unknown, what: string): number => time(v, what);

export function groupRecord(g: GroupRecord): GroupRecord {
  object(g, 'group');
  checkGroupId(g.groupId);
  if (g.ownerId !== '') checkUserId(g.ownerId);
  return {
    groupId: g.groupId,
    type: oneOf(g.type, isGroupType, 'group.type'),
    name: text(g.name, 'group.name'),
    ownerId: g.ownerId,
    createdAt: time(g.createdAt, 'group.createdAt'),
    introduction: text(g.introduction, 'group.introduction'),
    notification: text(g.notification, 'group.notification'),
    faceUrl: text(g.faceUrl, 'group.faceUrl'),
    applyJoinOption: oneOf(g.applyJoinOption, isApplyJoinOption, 'group.applyJoinOption'),
    inviteJoinOption: oneOf(g.inviteJoinOption, isInviteJoinOption, 'group.inviteJoinOption'),
    maxMemberNum: count(g.maxMemberNum, 'group.maxMemberNum'),
    muteAll: flag(g.muteAll, 'group.muteAll'),
    custom: customMap(g.custom, 'group.custom'),
    memberCount: count(g.memberCount, 'group.memberCount'),
    lastMsgTime: time(g.lastMsgTime, 'group.lastMsgTime'),
    infoSeq: count(g.infoSeq, 'group.infoSeq'),
    lastInfoTime: time(g.lastInfoTime, 'group.lastInfoTime'),
    supportTopic: flag(g.supportTopic, 'group.supportTopic'),
    dismissedAt: time(g.dismissedAt, 'group.dismissedAt'),
  };
}

/** Validated copy of a patch: only the fields present, each checked like groupRecord's. */
export function groupPatch(p: GroupPatch): GroupPatch {
  object(p, 'group patch');
  const out: GroupPatch = {};
  const texts = ['name', 'introduction', 'notification', 'faceUrl'] as const;
  for (const k of texts) if (p[k] !== undefined) out[k] = text(p[k], `patch.${k}`);
  const numbers = ['maxMemberNum', 'memberCount', 'lastMsgTime', 'infoSeq', 'lastInfoTime', 'dismissedAt'] as const;
  for (const k of numbers) if (p[k] !== undefined) out[k] = time(p[k], `patch.${k}`);
  if (p.ownerId !== undefined) {
    if (p.ownerId !== '') checkUserId(p.ownerId);
    out.ownerId = p.ownerId;
  }
  if (p.applyJoinOption !== undefined) out.applyJoinOption = oneOf(p.applyJoinOption, isApplyJoinOption, 'patch.applyJoinOption');
  if (p.inviteJoinOption !== undefined) out.inviteJoinOption = oneOf(p.inviteJoinOption, isInviteJoinOption, 'patch.inviteJoinOption');
  if (p.muteAll !== undefined) out.muteAll = flag(p.muteAll, 'patch.muteAll');
  if (p.supportTopic !== undefined) out.supportTopic = flag(p.supportTopic, 'patch.supportTopic');
  if (p.custom !== undefined) out.custom = customMap(p.custom, 'patch.custom');
  return out;
}

export const copyGroup = (g: GroupRecord): GroupRecord => ({ ...g, custom: { ...g.custom } });
export const applyGroupPatch = (g: GroupRecord, p: GroupPatch): GroupRecord => copyGroup({ ...g, ...p });

export function memberRecord(m: MemberRecord): MemberRecord {
  object(m, 'member');
  checkUserId(m.userId);
  return {
    userId: m.userId,
    role: oneOf(m.role, isMemberRole, 'member.role'),
    joinTime: time(m.joinTime, 'member.joinTime'),
    joinSeq: count(m.joinSeq, 'member.joinSeq'),
    muteUntil: time(m.muteUntil, 'member.muteUntil'),
    nameCard: text(m.nameCard, 'member.nameCard'),
    msgFlag: oneOf(m.msgFlag, isMsgFlag, 'member.msgFlag'),
    custom: customMap(m.custom, 'member.custom'),
    readSeq: count(m.readSeq, 'member.readSeq'),
    lastSendTime: time(m.lastSendTime, 'member.lastSendTime'),
  };
}

export function memberUpdate(u: MemberUpdate): MemberUpdate {
  object(u, 'member update');
  checkUserId(u.userId);
  const out: MemberUpdate = { userId: u.userId };
  if (u.role !== undefined) out.role = oneOf(u.role, isMemberRole, 'update.role');
  for (const k of ['muteUntil', 'readSeq', 'lastSendTime'] as const) if (u[k] !== undefined) out[k] = time(u[k], `update.${k}`);
  if (u.nameCard !== undefined) out.nameCard = text(u.nameCard, 'update.nameCard');
  if (u.msgFlag !== undefined) out.msgFlag = oneOf(u.msgFlag, isMsgFlag, 'update.msgFlag');
  if (u.custom !== undefined) out.custom = customMap(u.custom, 'update.custom');
  return out;
}

export const copyMember = (m: MemberRecord): MemberRecord => ({ ...m, custom: { ...m.custom } });
export const applyMemberUpdate = (m: MemberRecord, u: MemberUpdate): MemberRecord => copyMember({ ...m, ...u });

export function joinedEntry(e: { userId: string } & JoinedGroupRecord): { userId: string } & JoinedGroupRecord {
  object(e, 'joined group');
  checkUserId(e.userId);
  checkGroupId(e.groupId);
  return {
    userId: e.userId,
    groupId: e.groupId,
    type: oneOf(e.type, isGroupType, 'joined.type'),
    role: oneOf(e.role, isMemberRole, 'joined.role'),
    joinTime: time(e.joinTime, 'joined.joinTime'),
  };
}

export function joinedKey(e: { userId: string; groupId: string }): { userId: string; groupId: string } {
  object(e, 'joined group key');
  checkUserId(e.userId);
  checkGroupId(e.groupId);
  return { userId: e.userId, groupId: e.groupId };
}

export const joinedRecord = (e: JoinedGroupRecord): JoinedGroupRecord => ({ groupId: e.groupId, type: e.type, role: e.role, joinTime: e.joinTime });

export function joinRequestRecord(r: JoinRequestRecord): JoinRequestRecord {
  object(r, 'join request');
  checkUserId(r.userId);
  if (r.inviterId !== '') checkUserId(r.inviterId);
  const t = time(r.time, 'request.time');
  const expiresAt = time(r.expiresAt, 'request.expiresAt');
  if (expiresAt <= t) throw new RangeError(`request.expiresAt must be after request.time, got ${expiresAt} <= ${t}`);
  return { userId: r.userId, inviterId: r.inviterId, wording: text(r.wording, 'request.wording'), time: t, expiresAt };
}

/** A topic id of this group (its prefix is the group id), else RangeError. */
export function checkTopicId(groupId: string, topicId: unknown): asserts topicId is string {
  if (parseTopicId(topicId)?.groupId !== groupId) throw new RangeError(`topicId must be "${groupId}@TOPIC#_<suffix>", got ${describe(topicId)}`);
}

export function topicRecord(groupId: string, t: TopicRecord): TopicRecord {
  object(t, 'topic');
  checkTopicId(groupId, t.topicId);
  return {
    topicId: t.topicId,
    name: text(t.name, 'topic.name'),
    faceUrl: text(t.faceUrl, 'topic.faceUrl'),
    introduction: text(t.introduction, 'topic.introduction'),
    notification: text(t.notification, 'topic.notification'),
    muteAll: flag(t.muteAll, 'topic.muteAll'),
    customString: text(t.customString, 'topic.customString'),
    createdAt: time(t.createdAt, 'topic.createdAt'),
    lastMsgTime: time(t.lastMsgTime, 'topic.lastMsgTime'),
  };
}

export function topicPatch(p: TopicPatch): TopicPatch {
  object(p, 'topic patch');
  const out: TopicPatch = {};
  for (const k of ['name', 'faceUrl', 'introduction', 'notification', 'customString'] as const) if (p[k] !== undefined) out[k] = text(p[k], `patch.${k}`);
  if (p.muteAll !== undefined) out.muteAll = flag(p.muteAll, 'patch.muteAll');
  if (p.lastMsgTime !== undefined) out.lastMsgTime = time(p.lastMsgTime, 'patch.lastMsgTime');
  return out;
}

/** A batch of records: an array of at most `max`, each checked and copied by `one`. */
export function checkBatch<T>(items: unknown, what: string, max: number, one: (item: T) => T): T[] {
  if (!Array.isArray(items)) throw new TypeError(`${what} must be an array, got ${describe(items)}`);
  if (items.length > max) throw new RangeError(`${what} takes at most ${max} items, got ${items.length}`);
  return items.map((item: T) => one(item));
}

/** Distinct user ids in first-seen order, at most `max`. */
export function checkUsers(ids: unknown, max: number, what = 'userIds'): string[] {
  if (!Array.isArray(ids)) throw new TypeError(`${what} must be an array, got ${describe(ids)}`);
  const distinct = [...new Set<unknown>(ids)];
  if (distinct.length > max) throw new RangeError(`${what} takes at most ${max} distinct ids, got ${distinct.length}`);
  distinct.forEach(checkUserId);
  return distinct as string[];
}

/** Validated new members, refusing a user listed twice (which "already a member" could not report). */
export function checkNewMembers(sdkAppId: number, groupId: string, members: readonly MemberRecord[]): MemberRecord[] {
  checkAppId(sdkAppId);
  checkGroupId(groupId);
  const recs = checkBatch(members, 'members', MAX_MEMBERS_PER_CALL, memberRecord);
  if (new Set(recs.map((m) => m.userId)).size !== recs.length) throw new RangeError('members lists a user more than once');
  return recs;
}

/** Distinct topic ids of this group, in first-seen order, at most MAX_TOPICS_PER_CALL. */
export function checkTopicIds(groupId: string, topicIds: unknown): string[] {
  if (!Array.isArray(topicIds)) throw new TypeError(`topicIds must be an array, got ${describe(topicIds)}`);
  const distinct = [...new Set<unknown>(topicIds)];
  if (distinct.length > MAX_TOPICS_PER_CALL) throw new RangeError(`topicIds takes at most ${MAX_TOPICS_PER_CALL} ids, got ${distinct.length}`);
  for (const id of distinct) checkTopicId(groupId, id);
  return distinct as string[];
}
