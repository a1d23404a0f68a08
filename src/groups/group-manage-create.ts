// The create turn (create_group, import_group, client create): type defaults from group-type-rules,
// the owner (the acting user unless named; '' = none) and initial members joined in one turn,
// Group.CallbackBeforeCreateGroup before anything is written, AfterCreateGroup after. AVChatRoom
// takes no initial members (10007). An id already taken is 10021, or 10025 when the caller owns it.
// Gotcha: the record is created before the member rows, so a crash between leaves a group whose
// memberCount counts rows that never landed; the owner re-adding them repairs it.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { GroupRecord } from '../store/groups.js';
import { Callback } from '../webhooks/commands.js';
import type { GroupContext } from './group-context.js';
import { isCommunityId, isGroupIdShape } from './group-ids.js';
import { checkCustomWrite } from './custom-field-rules.js';
import { customFieldsProblem, groupProfileProblem, MAX_INITIAL_MEMBERS } from './group-limits.js';
import type { GroupCreate, NewMember } from './group-messages.js';
import { accountList, askBefore, metaOf, tellAfter } from './group-manage-notify.js';
import { check, checkNewMember, memberRecord, missingAccounts, saveGroup, writeJoins } from './group-manage-rows.js';
import { can } from './group-permissions.js';
import { maxMembersVerdict } from './group-state-rules.js';
import { rulesOf } from './group-type-rules.js';
import { wireGroupType } from './group-kinds.js';

/** What "unlimited" members is stored as (AVChatRoom): the store keeps safe integers. */
export const UNLIMITED_MEMBERS = Number.MAX_SAFE_INTEGER;

export interface CreateResult {
  groupId: string;
}

export async function createGroup(ctx: GroupContext, m: GroupCreate): Promise<CreateResult> {
  const rules = rulesOf(m.type);
  const acting = await ctx.acting(m.by);
  if (!isGroupIdShape(ctx.groupId) || isCommunityId(ctx.groupId) !== (m.type === 'Community')) {
    throw new ImError(Err.GROUP_ID_INVALID, `${ctx.groupId} is not a valid ${m.type} group id`);
  }
  const p = m.profile;
  const problem = groupProfileProblem(p, true) ?? (p.custom ? customFieldsProblem(p.custom, 'group') : undefined);
  if (problem) throw new ImError(problem.code, problem.info);
  // The creator becomes the owner (or acts as the App admin): declared keys are checked as the owner writes them.
  const fields = ctx.deps.apps?.get(ctx.sdkAppId);
  if (p.custom) checkCustomWrite(fields?.groupCustomFields, m.type, acting.actor === 'AppAdmin' ? 'AppAdmin' : 'Owner', Object.keys(p.custom), 'group');
  for (const nm of m.members) if (nm.custom) checkCustomWrite(fields?.memberCustomFields, m.type, acting.actor === 'AppAdmin' ? 'AppAdmin' : 'Owner', Object.keys(nm.custom), 'member');
  if (p.maxMemberNum !== undefined) check(maxMembersVerdict(m.type, p.maxMemberNum), `MaxMemberCount ${p.maxMemberNum} is out of range for ${m.type}`);
  if (p.applyJoinOption !== undefined && !rules.applyOptions.includes(p.applyJoinOption)) {
    throw new ImError(Err.GROUP_INVALID_PARAMS, `ApplyJoinOption ${p.applyJoinOption} is not available for ${m.type} groups`);
  }
  if (m.supportTopic && m.type !== 'Community') throw new ImError(Err.GROUP_INVALID_PARAMS, 'SupportTopic is only for Community groups');

  const ownerId = m.ownerId ?? acting.userId;
  const members = initialMembers(m, ownerId);
  if (m.members.length > 0) check(can(m.type, acting.actor === 'AppAdmin' ? 'AppAdmin' : 'NonMember', 'createWithMembers'), `${m.type} groups take no initial members`);
  if (members.length > MAX_INITIAL_MEMBERS + 1) throw new ImError(Err.GROUP_INVALID_PARAMS, `at most ${MAX_INITIAL_MEMBERS} initial members`);
  const maxMemberNum = p.maxMemberNum ?? (Number.isFinite(rules.defaultMaxMembers) ? rules.defaultMaxMembers : UNLIMITED_MEMBERS);
  if (members.length > maxMemberNum) {
    ctx.deps.metrics?.groupLimitHits.inc({ limit: 'members' });
    throw new ImError(Err.GROUP_FULL, `${members.length} members exceed MaxMemberCount ${maxMemberNum}`);
  }
  const missing = await missingAccounts(ctx, members.map((x) => x.userId));
  if (missing.length > 0) throw new ImError(Err.GROUP_ACCOUNT_NOT_FOUND, `accounts not found: ${missing.join(', ')}`);

  const meta = metaOf(m);
  const cbBody = { Operator_Account: acting.userId, Owner_Account: ownerId, Type: wireGroupType(m.type), Name: p.name, MemberList: accountList(members.filter((x) => x.userId !== ownerId).map((x) => x.userId)) };
  if (!m.createTimeSec) await askBefore(ctx, Callback.GroupBeforeCreateGroup, cbBody, meta);

  const now = ctx.deps.clock.nowMs();
  const g: GroupRecord = {
    groupId: ctx.groupId,
    type: m.type,
    name: p.name,
    ownerId,
    createdAt: m.createTimeSec !== undefined ? m.createTimeSec * 1000 : now,
    introduction: p.introduction ?? '',
    notification: p.notification ?? '',
    faceUrl: p.faceUrl ?? '',
    applyJoinOption: p.applyJoinOption ?? rules.defaultApplyOption,
    inviteJoinOption: p.inviteJoinOption ?? rules.defaultInviteOption,
    maxMemberNum,
    muteAll: p.muteAll ?? false,
    custom: Object.fromEntries(Object.entries(p.custom ?? {}).filter(([, v]) => v !== '')),
    memberCount: 0,
    lastMsgTime: 0,
    infoSeq: 0,
    lastInfoTime: now,
    supportTopic: m.supportTopic ?? false,
    dismissedAt: 0,
  };
  if (!(await ctx.deps.store.groups.createGroup(ctx.sdkAppId, g))) {
    const existing = await ctx.deps.store.groups.getGroup(ctx.sdkAppId, ctx.groupId);
    const mine = existing !== undefined && existing.ownerId !== '' && existing.ownerId === acting.userId && existing.dismissedAt === 0;
    throw new ImError(mine ? Err.GROUP_ID_IN_USE_BY_OWNER : Err.GROUP_ID_IN_USE, `group id ${ctx.groupId} is already used`);
  }
  ctx.setGroup(g);
  const rows = members.map((x) => memberRecord(x, now, 0));
  const after = rows.length > 0 ? await writeJoins(ctx, g, rows) : await saveGroup(ctx, g, {});
  if (m.type !== 'AVChatRoom') await ctx.fanout.subscribe(rows.map((r) => r.userId), true).catch((e: unknown) => ctx.log.warn('group subscribe failed', { err: e }));
  if (!m.createTimeSec) {
    tellAfter(ctx, Callback.GroupAfterCreateGroup, { ...cbBody, GroupId: after.groupId, UserDefinedDataList: Object.entries(after.custom).map(([Key, Value]) => ({ Key, Value })) }, meta);
  }
  return { groupId: after.groupId };
}

/** The owner first (role Owner), then the listed members once each; roles checked against the type. */
function initialMembers(m: GroupCreate, ownerId: string): NewMember[] {
  const rules = rulesOf(m.type);
  const seen = new Set<string>();
  const out: NewMember[] = [];
  if (ownerId !== '') {
    const listed = m.members.find((x) => x.userId === ownerId);
    out.push({ ...listed, userId: ownerId, role: 'Owner' });
    seen.add(ownerId);
  }
  for (const x of m.members) {
    if (seen.has(x.userId)) continue;
    seen.add(x.userId);
    const role = x.role ?? 'Member';
    if (role === 'Owner' || !rules.roles.includes(role)) throw new ImError(Err.GROUP_INVALID_PARAMS, `role ${role} is not available to ${x.userId} in a ${m.type} group`);
    checkNewMember(x);
    out.push({ ...x, role });
  }
  return out;
}
