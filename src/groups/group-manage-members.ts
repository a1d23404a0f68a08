// Changes to members: modifyMember (role Admin/Member by the owner or App admin only, NameCard,
// MsgFlag and custom fields by the member themselves or whoever may manage them, mute time),
// forbid_send_msg over several members, and the owner transfer (old owner becomes a Member).
// A role lives in two rows (member and joined group): writeRole changes both.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { MemberUpdate } from '../store/groups.js';
import { Callback } from '../webhooks/commands.js';
import type { GroupContext } from './group-context.js';
import { checkCustomWrite } from './custom-field-rules.js';
import { customFieldsProblem, MAX_MUTE_MEMBERS_PER_CALL, nameCardProblem } from './group-limits.js';
import type { GroupModifyMember, GroupMute, GroupTransfer } from './group-messages.js';
import { announceChange, callbackBase, metaOf, tellAfter } from './group-manage-notify.js';
import { check, membersOf, saveGroup, writeRole } from './group-manage-rows.js';
import { can } from './group-permissions.js';
import { muteUntilFrom } from './group-state-rules.js';

export async function modifyMember(ctx: GroupContext, m: GroupModifyMember): Promise<Record<string, never>> {
  const g = await ctx.group();
  const acting = await ctx.acting(m.by);
  const target = (await membersOf(ctx, [m.userId])).get(m.userId);
  if (!target) {
    check(can(g.type, acting.actor, 'editMember', 'Member'), `${acting.actor} may not change members`);
    throw new ImError(Err.GROUP_INVALID_PARAMS, `${m.userId} is not a member of ${g.groupId}`);
  }
  const self = acting.member !== undefined && acting.userId === target.userId;
  const update: MemberUpdate = { userId: target.userId };
  if (m.role === undefined && m.nameCard === undefined && m.msgFlag === undefined && m.custom === undefined && m.muteTimeSec === undefined) {
    throw new ImError(Err.GROUP_INVALID_PARAMS, 'nothing to change');
  }
  if (m.role !== undefined) check(can(g.type, acting.actor, 'setAdmin', target.role), `${acting.actor} may not change the role of ${target.userId} (${target.role})`);
  if ((m.nameCard !== undefined || m.msgFlag !== undefined || m.custom !== undefined) && !self) {
    check(can(g.type, acting.actor, 'editMember', target.role), `${acting.actor} may not edit ${target.userId} (${target.role})`);
  }
  if (m.muteTimeSec !== undefined) check(can(g.type, acting.actor, 'mute', target.role), `${acting.actor} may not mute ${target.userId} (${target.role})`);
  if (m.nameCard !== undefined) {
    const p = nameCardProblem(m.nameCard);
    if (p) throw new ImError(p.code, p.info);
    update.nameCard = m.nameCard;
  }
  if (m.msgFlag !== undefined) update.msgFlag = m.msgFlag;
  if (m.custom !== undefined) {
    const p = customFieldsProblem(m.custom, 'member', Object.keys(target.custom));
    if (p) throw new ImError(p.code, p.info);
    checkCustomWrite(ctx.deps.apps?.get(ctx.sdkAppId)?.memberCustomFields, g.type, acting.actor, Object.keys(m.custom), 'member', self);
    const merged = { ...target.custom, ...m.custom };
    update.custom = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== ''));
  }
  const now = ctx.deps.clock.nowMs();
  if (m.muteTimeSec !== undefined) update.muteUntil = muteUntilFrom(m.muteTimeSec, now);
  if (Object.keys(update).length > 1) await ctx.deps.store.groupMembers.updateMembers(ctx.sdkAppId, g.groupId, [update]);
  const roleChanged = m.role !== undefined && m.role !== target.role;
  if (roleChanged) await writeRole(ctx, g, target, m.role!);

  const meta = metaOf(m);
  if (roleChanged) await announceChange(ctx, g, m.role === 'Admin' ? 'setAdmin' : 'unsetAdmin', acting.userId, [target.userId]);
  if (m.muteTimeSec !== undefined) await announceChange(ctx, g, m.muteTimeSec > 0 ? 'mute' : 'unmute', acting.userId, [target.userId], { seconds: m.muteTimeSec });
  if (roleChanged || m.nameCard !== undefined) {
    const body = { ...callbackBase(g), Operator_Account: acting.userId, Modified_Account: target.userId, ...(roleChanged ? { Role: m.role } : {}), ...(m.nameCard !== undefined ? { NameCard: m.nameCard } : {}) };
    tellAfter(ctx, Callback.GroupAfterMemberFieldChanged, body, meta);
  }
  return {};
}

export async function muteMembers(ctx: GroupContext, m: GroupMute): Promise<{ muted: string[] }> {
  const g = await ctx.group();
  const acting = await ctx.acting(m.by);
  const ids = [...new Set(m.userIds)];
  if (ids.length === 0) throw new ImError(Err.GROUP_INVALID_PARAMS, 'no members to mute');
  if (ids.length > MAX_MUTE_MEMBERS_PER_CALL) {
    ctx.deps.metrics?.groupLimitHits.inc({ limit: 'batch' });
    throw new ImError(Err.GROUP_TOO_MANY_ACCOUNTS, `at most ${MAX_MUTE_MEMBERS_PER_CALL} members per call`);
  }
  if (!Number.isSafeInteger(m.muteTimeSec) || m.muteTimeSec < 0) throw new ImError(Err.GROUP_INVALID_PARAMS, 'MuteTime must be a non-negative integer');
  const rows = await membersOf(ctx, ids);
  if (rows.size === 0) check(can(g.type, acting.actor, 'mute', 'Member'), `${acting.actor} may not mute members`);
  for (const row of rows.values()) check(can(g.type, acting.actor, 'mute', row.role), `${acting.actor} may not mute ${row.userId} (${row.role})`);
  const muteUntil = muteUntilFrom(m.muteTimeSec, ctx.deps.clock.nowMs());
  const muted = [...rows.keys()];
  if (muted.length > 0) await ctx.deps.store.groupMembers.updateMembers(ctx.sdkAppId, g.groupId, muted.map((userId) => ({ userId, muteUntil })));
  await announceChange(ctx, g, m.muteTimeSec > 0 ? 'mute' : 'unmute', acting.userId, muted, { seconds: m.muteTimeSec });
  return { muted };
}

export async function transferOwner(ctx: GroupContext, m: GroupTransfer): Promise<Record<string, never>> {
  let g = await ctx.group();
  const acting = await ctx.acting(m.by);
  check(can(g.type, acting.actor, 'transferOwner'), `${acting.actor} may not transfer this ${g.type} group`);
  const rows = await membersOf(ctx, [m.newOwner, ...(g.ownerId ? [g.ownerId] : [])]);
  const next = rows.get(m.newOwner);
  if (!next) throw new ImError(Err.GROUP_INVALID_PARAMS, `the new owner ${m.newOwner} is not a member`);
  if (g.ownerId === m.newOwner) return {};
  const old = g.ownerId ? rows.get(g.ownerId) : undefined;
  const oldOwner = g.ownerId;
  if (old) await writeRole(ctx, g, old, 'Member');
  await writeRole(ctx, g, next, 'Owner');
  g = await saveGroup(ctx, g, { ownerId: m.newOwner });
  await announceChange(ctx, g, 'transfer', acting.userId, [m.newOwner]);
  tellAfter(ctx, Callback.GroupAfterChangeGroupOwner, { ...callbackBase(g), Operator_Account: acting.userId, OldOwner_Account: oldOwner, NewOwner_Account: m.newOwner }, metaOf(m));
  return {};
}
