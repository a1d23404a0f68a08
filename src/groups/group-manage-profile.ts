// modify_group_base_info / client profile edit: who may edit comes from can() (MuteAllMember is
// the 'muteAll' action, everything else 'editProfile'); every change raises InfoSeq and sets
// LastInfoTime; AppDefinedData merges key by key ('' deletes). AfterGroupInfoChanged fires when
// one of the four text fields it reports changed.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { GroupPatch } from '../store/groups.js';
import { Callback } from '../webhooks/commands.js';
import type { GroupContext } from './group-context.js';
import { checkCustomWrite } from './custom-field-rules.js';
import { customFieldsProblem, groupProfileProblem } from './group-limits.js';
import type { GroupModify } from './group-messages.js';
import { announceChange, callbackBase, metaOf, tellAfter } from './group-manage-notify.js';
import { check, saveGroup } from './group-manage-rows.js';
import { can } from './group-permissions.js';
import { maxMembersVerdict } from './group-state-rules.js';
import { rulesOf } from './group-type-rules.js';

export async function modifyProfile(ctx: GroupContext, m: GroupModify): Promise<Record<string, never>> {
  let g = await ctx.group();
  const acting = await ctx.acting(m.by);
  const { muteAll, ...rest } = m.profile;
  const edits = Object.entries(rest).filter(([, v]) => v !== undefined);
  if (edits.length === 0 && muteAll === undefined) throw new ImError(Err.GROUP_INVALID_PARAMS, 'nothing to change');
  if (edits.length > 0) check(can(g.type, acting.actor, 'editProfile'), `${acting.actor} may not edit this ${g.type} group`);
  if (muteAll !== undefined) check(can(g.type, acting.actor, 'muteAll'), `${acting.actor} may not mute this ${g.type} group`);

  const p = m.profile;
  const problem = groupProfileProblem(p, false) ?? (p.custom ? customFieldsProblem(p.custom, 'group', Object.keys(g.custom)) : undefined);
  if (problem) throw new ImError(problem.code, problem.info);
  if (p.custom) checkCustomWrite(ctx.deps.apps?.get(ctx.sdkAppId)?.groupCustomFields, g.type, acting.actor, Object.keys(p.custom), 'group');
  if (p.maxMemberNum !== undefined) {
    check(maxMembersVerdict(g.type, p.maxMemberNum), `MaxMemberNum ${p.maxMemberNum} is out of range for ${g.type}`);
    if (p.maxMemberNum < g.memberCount) throw new ImError(Err.GROUP_INVALID_PARAMS, `MaxMemberNum ${p.maxMemberNum} is below the ${g.memberCount} members`);
  }
  if (p.applyJoinOption !== undefined && !rulesOf(g.type).applyOptions.includes(p.applyJoinOption)) {
    throw new ImError(Err.GROUP_INVALID_PARAMS, `ApplyJoinOption ${p.applyJoinOption} is not available for ${g.type} groups`);
  }

  const patch: GroupPatch = { infoSeq: g.infoSeq + 1, lastInfoTime: ctx.deps.clock.nowMs() };
  if (p.name !== undefined) patch.name = p.name;
  if (p.introduction !== undefined) patch.introduction = p.introduction;
  if (p.notification !== undefined) patch.notification = p.notification;
  if (p.faceUrl !== undefined) patch.faceUrl = p.faceUrl;
  if (p.maxMemberNum !== undefined) patch.maxMemberNum = p.maxMemberNum;
  if (p.applyJoinOption !== undefined) patch.applyJoinOption = p.applyJoinOption;
  if (p.inviteJoinOption !== undefined) patch.inviteJoinOption = p.inviteJoinOption;
  if (muteAll !== undefined) patch.muteAll = muteAll;
  if (p.custom !== undefined) patch.custom = Object.fromEntries(Object.entries({ ...g.custom, ...p.custom }).filter(([, v]) => v !== ''));
  g = await saveGroup(ctx, g, patch);

  const texts = { Name: p.name, Introduction: p.introduction, Notification: p.notification, FaceUrl: p.faceUrl };
  const changed = Object.fromEntries(Object.entries(texts).filter(([, v]) => v !== undefined));
  await announceChange(ctx, g, 'profile', acting.userId, [], { ...changed, ...(muteAll !== undefined ? { MuteAllMember: muteAll } : {}) });
  if (Object.keys(changed).length > 0) tellAfter(ctx, Callback.GroupAfterGroupInfoChanged, { ...callbackBase(g), Operator_Account: acting.userId, ...changed }, metaOf(m));
  return {};
}
