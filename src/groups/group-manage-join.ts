// Joining: invitations / add_group_member / import_group_member (inviteOutcome under the group's
// InviteJoinOption), applications (applyOutcome under ApplyJoinOption) and the owner's or an
// admin's decision on pending requests. Joins over MaxMemberNum are refused whole (10014); pending
// requests expire after JOIN_REQUEST_TTL_MS. Per-member results use add_group_member's codes.
// A live-room member's further sockets join again (apply with connId): answered 'joined', no write.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { GroupRecord, JoinRequestRecord, MemberRecord } from '../store/groups.js';
import { MAX_JOIN_REQUESTS_PER_CALL } from '../store/group-extras.js';
import { Callback } from '../webhooks/commands.js';
import type { CallbackMeta } from '../webhooks/webhooks.js';
import type { GroupContext } from './group-context.js';
import { wireGroupType } from './group-kinds.js';
import { MAX_ADD_MEMBERS_PER_CALL } from './group-limits.js';
import type { GroupAddMembers, GroupApply, GroupDecide, NewMember } from './group-messages.js';
import { accountList, announceJoin, askBefore, metaOf } from './group-manage-notify.js';
import { check, checkNewMember, chunks, memberRecord, membersOf, missingAccounts, newestSeq, writeJoins } from './group-manage-rows.js';
import { can } from './group-permissions.js';
import { applyOutcome, inviteOutcome, memberLimitVerdict } from './group-state-rules.js';
import { rulesOf } from './group-type-rules.js';

/** How long an application or invitation waits for a decision. */
export const JOIN_REQUEST_TTL_MS = 7 * 24 * 3600_000;
/** Most pending requests one decision takes (what one store call takes). */
export const MAX_DECIDE_PER_CALL = MAX_JOIN_REQUESTS_PER_CALL;
/** Longest ApplyMsg / invitation text kept. */
export const MAX_JOIN_WORDING_BYTES = 300;

/** add_group_member's Result values. */
export const AddResult = { FAILED: 0, ADDED: 1, ALREADY: 2, PENDING: 3 } as const;
export type AddResultCode = (typeof AddResult)[keyof typeof AddResult];

export interface AddMembersResult {
  results: Array<{ userId: string; result: AddResultCode }>;
}

function full(ctx: GroupContext, g: GroupRecord, adding: number): void {
  if (memberLimitVerdict(g.memberCount, adding, g.maxMemberNum) !== 0) {
    ctx.deps.metrics?.groupLimitHits.inc({ limit: 'members' });
    throw new ImError(Err.GROUP_FULL, `group ${g.groupId} is full (${g.memberCount} of ${g.maxMemberNum})`);
  }
}

export async function addMembers(ctx: GroupContext, m: GroupAddMembers): Promise<AddMembersResult> {
  let g = await ctx.group();
  const acting = await ctx.acting(m.by);
  const outcome = m.imported ? (acting.actor === 'AppAdmin' ? 'join' : Err.GROUP_PERMISSION_DENIED) : inviteOutcome(g.type, acting.actor, g.inviteJoinOption);
  if (typeof outcome === 'number') throw new ImError(outcome, `${acting.actor} may not add members to this ${g.type} group`);
  const wanted = dedupe(m.members);
  if (wanted.length === 0) throw new ImError(Err.GROUP_INVALID_PARAMS, 'no members to add');
  if (wanted.length > MAX_ADD_MEMBERS_PER_CALL) {
    ctx.deps.metrics?.groupLimitHits.inc({ limit: 'batch' });
    throw new ImError(Err.GROUP_TOO_MANY_ACCOUNTS, `at most ${MAX_ADD_MEMBERS_PER_CALL} members per call`);
  }
  const rules = rulesOf(g.type);
  for (const x of wanted) {
    const role = x.role ?? 'Member';
    if (role === 'Owner' || !rules.roles.includes(role) || (!m.imported && role !== 'Member')) {
      throw new ImError(Err.GROUP_INVALID_PARAMS, `role ${role} cannot be given to ${x.userId} here`);
    }
    checkNewMember(x);
  }
  const result = new Map<string, AddResultCode>();
  const existing = await membersOf(ctx, wanted.map((x) => x.userId));
  for (const id of existing.keys()) result.set(id, AddResult.ALREADY);
  for (const id of await missingAccounts(ctx, wanted.filter((x) => !existing.has(x.userId)).map((x) => x.userId))) result.set(id, AddResult.FAILED);
  let todo = wanted.filter((x) => !result.has(x.userId));

  const meta = metaOf(m);
  if (!m.imported && todo.length > 0) {
    const answer = await askBefore(ctx, Callback.GroupBeforeInviteJoinGroup, { GroupId: g.groupId, Type: wireGroupType(g.type), Operator_Account: acting.userId, DestinationMembers: accountList(todo.map((x) => x.userId)) }, meta);
    const refused = new Set(Array.isArray(answer.RefusedMembers_Account) ? answer.RefusedMembers_Account.filter((x): x is string => typeof x === 'string') : []);
    for (const x of todo) if (refused.has(x.userId)) result.set(x.userId, AddResult.FAILED);
    todo = todo.filter((x) => !refused.has(x.userId));
  }

  const now = ctx.deps.clock.nowMs();
  if (outcome === 'approval') {
    const requests: JoinRequestRecord[] = todo.map((x) => ({ userId: x.userId, inviterId: acting.userId, wording: '', time: now, expiresAt: now + JOIN_REQUEST_TTL_MS }));
    for (const part of chunks(requests)) await ctx.deps.store.groupJoinRequests.putRequests(ctx.sdkAppId, g.groupId, part);
    for (const x of todo) result.set(x.userId, AddResult.PENDING);
  } else if (todo.length > 0) {
    full(ctx, g, todo.length);
    const seq = await newestSeq(ctx);
    g = await writeJoins(ctx, g, todo.map((x) => memberRecord(x, now, seq)));
    // An application or invitation still waiting for them is answered by the join itself.
    for (const part of chunks(todo.map((x) => x.userId))) await ctx.deps.store.groupJoinRequests.deleteRequests(ctx.sdkAppId, g.groupId, part);
    for (const x of todo) result.set(x.userId, AddResult.ADDED);
    const news = { operator: acting.userId, users: todo.map((x) => x.userId), joinType: 'Invited' as const, meta };
    await announceJoin(ctx, g, { ...news, ...(m.silence ? { silence: true } : {}), ...(m.imported ? { imported: true } : {}) });
  }
  return { results: wanted.map((x) => ({ userId: x.userId, result: result.get(x.userId) ?? AddResult.FAILED })) };
}

export interface ApplyResult {
  /** 'joined' now, or 'pending' until an owner or admin decides. */
  outcome: 'joined' | 'pending';
}

export async function applyToJoin(ctx: GroupContext, m: GroupApply): Promise<ApplyResult> {
  let g = await ctx.group();
  if (m.by.admin === true) throw new ImError(Err.GROUP_INVALID_PARAMS, 'an application names the user who applies');
  const acting = await ctx.acting(m.by);
  const userId = acting.userId;
  if ((await membersOf(ctx, [userId])).has(userId)) {
    // Another socket of a live-room member joining the room (ROOM_JOIN): the edge subscribes it.
    if (g.type === 'AVChatRoom' && m.connId !== undefined) return { outcome: 'joined' };
    throw new ImError(Err.GROUP_ALREADY_MEMBER, `${userId} is already a member`);
  }
  check(can(g.type, acting.actor === 'AppAdmin' ? 'AppAdmin' : 'NonMember', 'apply'), `${g.type} groups take no applications`);
  const outcome = applyOutcome(g.type, g.applyJoinOption);
  if (typeof outcome === 'number') throw new ImError(outcome, `group ${g.groupId} takes no applications (${g.applyJoinOption})`);
  const wording = m.wording ?? '';
  if (Buffer.byteLength(wording) > MAX_JOIN_WORDING_BYTES) throw new ImError(Err.GROUP_INVALID_PARAMS, `ApplyMsg is longer than ${MAX_JOIN_WORDING_BYTES} bytes`);
  const meta = metaOf(m);
  await askBeforeApply(ctx, g, userId, meta);
  const now = ctx.deps.clock.nowMs();
  if (outcome === 'approval') {
    await ctx.deps.store.groupJoinRequests.putRequests(ctx.sdkAppId, g.groupId, [{ userId, inviterId: '', wording, time: now, expiresAt: now + JOIN_REQUEST_TTL_MS }]);
    return { outcome: 'pending' };
  }
  full(ctx, g, 1);
  g = await writeJoins(ctx, g, [memberRecord({ userId }, now, await newestSeq(ctx))]);
  await announceJoin(ctx, g, { operator: userId, users: [userId], joinType: 'Apply', meta });
  return { outcome: 'joined' };
}

/** GroupBeforeApplyJoinGroup for one applicant: throws the app backend's refusal. */
export async function askBeforeApply(ctx: GroupContext, g: GroupRecord, userId: string, meta: CallbackMeta): Promise<void> {
  await askBefore(ctx, Callback.GroupBeforeApplyJoinGroup, { GroupId: g.groupId, Type: wireGroupType(g.type), Requestor_Account: userId }, meta);
}

export interface DecideResult {
  /** The users whose pending request was decided (others had none: already processed or expired). */
  decided: string[];
}

export async function decideRequests(ctx: GroupContext, m: GroupDecide): Promise<DecideResult> {
  let g = await ctx.group();
  const acting = await ctx.acting(m.by);
  check(can(g.type, acting.actor, 'approveApply'), `${acting.actor} may not decide applications in this ${g.type} group`);
  const ids = [...new Set(m.userIds)];
  if (ids.length === 0) throw new ImError(Err.GROUP_INVALID_PARAMS, 'no users to decide on');
  if (ids.length > MAX_DECIDE_PER_CALL) {
    ctx.deps.metrics?.groupLimitHits.inc({ limit: 'batch' });
    throw new ImError(Err.GROUP_TOO_MANY_ACCOUNTS, `at most ${MAX_DECIDE_PER_CALL} users per decision`);
  }
  const pending = new Map<string, JoinRequestRecord>();
  for (const part of chunks(ids)) for (const [k, v] of await ctx.deps.store.groupJoinRequests.getRequests(ctx.sdkAppId, g.groupId, part)) pending.set(k, v);
  if (pending.size === 0) throw new ImError(Err.GROUP_ALREADY_PROCESSED, 'no pending request for these users (already processed or expired)');
  const decided = ids.filter((u) => pending.has(u));
  if (m.approve) {
    const already = await membersOf(ctx, decided);
    const joining = decided.filter((u) => !already.has(u));
    full(ctx, g, joining.length);
    const now = ctx.deps.clock.nowMs();
    const seq = await newestSeq(ctx);
    g = await writeJoins(ctx, g, joining.map((u): MemberRecord => memberRecord({ userId: u }, now, seq)));
    await ctx.deps.store.groupJoinRequests.deleteRequests(ctx.sdkAppId, g.groupId, decided);
    const meta = metaOf(m);
    const applied = joining.filter((u) => pending.get(u)!.inviterId === '');
    const invited = joining.filter((u) => pending.get(u)!.inviterId !== '');
    await announceJoin(ctx, g, { operator: acting.userId, users: applied, joinType: 'Apply', meta });
    await announceJoin(ctx, g, { operator: acting.userId, users: invited, joinType: 'Invited', meta });
  } else {
    await ctx.deps.store.groupJoinRequests.deleteRequests(ctx.sdkAppId, g.groupId, decided);
  }
  return { decided };
}

/** The first entry of each user, in order (a user named twice in one call counts once). */
export function dedupe<T extends { userId: string }>(entries: readonly T[]): T[] {
  const seen = new Set<string>();
  return entries.filter((x) => !seen.has(x.userId) && (seen.add(x.userId), true));
}
