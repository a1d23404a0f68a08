// The row writes every membership flow shares, in the order src/store/groups.ts prescribes: join =
// joined rows then member rows, leave = member rows then joined rows, each in chunks the store
// takes, and GroupRecord.memberCount kept by the same turn. Also: which accounts exist, the newest
// seq of the group's timeline (joinSeq/readSeq of joiners), and the write-then-cache of the record.
import { ImError } from '../lib/errors.js';
import { chunks as split } from '../lib/waves.js';
import { Err } from '../protocol/error-codes.js';
import type { GroupPatch, GroupRecord, MemberRecord } from '../store/groups.js';
import { MAX_MEMBERS_PER_CALL } from '../store/group-members.js';
import { MAX_ACCOUNTS_PER_GET } from '../store/records.js';
import type { GroupContext } from './group-context.js';
import { groupConvId } from './group-ids.js';
import { customFieldsProblem, nameCardProblem } from './group-limits.js';
import type { NewMember } from './group-messages.js';

/** Parts of `items` of at most `size`, by default what one member-store call takes. */
export const chunks = <T>(items: readonly T[], size: number = MAX_MEMBERS_PER_CALL): T[][] => split(items, size);

/** Writes `patch` and caches the result. */
export async function saveGroup(ctx: GroupContext, g: GroupRecord, patch: GroupPatch): Promise<GroupRecord> {
  const ok = await ctx.deps.store.groups.updateGroup(ctx.sdkAppId, ctx.groupId, patch);
  if (!ok) throw new ImError(Err.GROUP_NOT_FOUND, `group ${ctx.groupId} does not exist`);
  const next = { ...g, ...patch };
  ctx.setGroup(next);
  return next;
}

/** The newest seq of the group's timeline (0 when none). */
export const newestSeq = (ctx: GroupContext): Promise<number> => ctx.deps.store.messages.maxSeq(ctx.sdkAppId, groupConvId(ctx.groupId));

/** The ids among `userIds` that are neither an existing account nor an app admin. */
export async function missingAccounts(ctx: GroupContext, userIds: readonly string[]): Promise<string[]> {
  const candidates = userIds.filter((u) => !ctx.deps.apps?.isAdmin(ctx.sdkAppId, u));
  const found = new Map<string, unknown>();
  for (const part of chunks(candidates, MAX_ACCOUNTS_PER_GET)) for (const [k, v] of await ctx.deps.store.accounts.getAccounts(ctx.sdkAppId, part)) found.set(k, v);
  return candidates.filter((u) => !found.has(u));
}

export function memberRecord(m: NewMember, nowMs: number, joinSeq: number): MemberRecord {
  return {
    userId: m.userId,
    role: m.role ?? 'Member',
    joinTime: m.joinTimeSec !== undefined ? m.joinTimeSec * 1000 : nowMs,
    joinSeq,
    muteUntil: 0,
    nameCard: m.nameCard ?? '',
    msgFlag: 'AcceptAndNotify',
    custom: { ...(m.custom ?? {}) },
    // An imported UnreadMsgNum leaves that many messages unread.
    readSeq: Math.max(0, joinSeq - (m.unread ?? 0)),
    lastSendTime: 0,
  };
}

/** Adds members that are not members yet (the caller filtered them) and raises memberCount. */
export async function writeJoins(ctx: GroupContext, g: GroupRecord, rows: readonly MemberRecord[]): Promise<GroupRecord> {
  if (rows.length === 0) return g;
  const { joinedGroups, groupMembers } = ctx.deps.store;
  for (const part of chunks(rows)) {
    await joinedGroups.putJoined(
      ctx.sdkAppId,
      part.map((r) => ({ userId: r.userId, groupId: g.groupId, type: g.type, role: r.role, joinTime: r.joinTime })),
    );
    await groupMembers.addMembers(ctx.sdkAppId, g.groupId, part);
  }
  return saveGroup(ctx, g, { memberCount: g.memberCount + rows.length });
}

/** Removes members (member rows first), lowers memberCount; returns those that were members. */
export async function writeLeaves(ctx: GroupContext, g: GroupRecord, userIds: readonly string[]): Promise<{ g: GroupRecord; removed: string[] }> {
  const { joinedGroups, groupMembers } = ctx.deps.store;
  const removed: string[] = [];
  for (const part of chunks(userIds)) {
    removed.push(...(await groupMembers.removeMembers(ctx.sdkAppId, g.groupId, part)));
    await joinedGroups.removeJoined(ctx.sdkAppId, part.map((userId) => ({ userId, groupId: g.groupId })));
  }
  if (removed.length === 0) return { g, removed };
  return { g: await saveGroup(ctx, g, { memberCount: Math.max(0, g.memberCount - removed.length) }), removed };
}

/** Changes a member's role in both rows (member row and their joined-group row). */
export async function writeRole(ctx: GroupContext, g: GroupRecord, m: MemberRecord, role: MemberRecord['role']): Promise<void> {
  await ctx.deps.store.groupMembers.updateMembers(ctx.sdkAppId, g.groupId, [{ userId: m.userId, role }]);
  await ctx.deps.store.joinedGroups.putJoined(ctx.sdkAppId, [{ userId: m.userId, groupId: g.groupId, type: g.type, role, joinTime: m.joinTime }]);
}

export async function membersOf(ctx: GroupContext, userIds: readonly string[]): Promise<Map<string, MemberRecord>> {
  const out = new Map<string, MemberRecord>();
  for (const part of chunks(userIds)) for (const [k, v] of await ctx.deps.store.groupMembers.getMembers(ctx.sdkAppId, ctx.groupId, part)) out.set(k, v);
  return out;
}

/** A new member's NameCard and custom fields within the member limits (10004). */
export function checkNewMember(m: NewMember): void {
  const p = (m.nameCard !== undefined ? nameCardProblem(m.nameCard) : undefined) ?? (m.custom ? customFieldsProblem(m.custom, 'member') : undefined);
  if (p) throw new ImError(p.code, `${m.userId}: ${p.info}`);
}

/** Throws a verdict code as an ImError (0 passes). */
export function check(code: number, info: string): void {
  if (code !== 0) throw new ImError(code, info);
}
