// Management writes of group_open_http_svc (spec §2.1 #35-#40, #43, #48): each reads the wire,
// then asks the group actor as the calling App admin; rules and codes are the actor's.
// add_group_member / import_group_member answer Result per member (0 fail, 1 ok, 2 already a
// member, 3 pending approval). MuteTime and MuteAllMember accept their legacy ShutUp* names.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { RestContext } from '../rest/context.js';
import { asBatch, asObject, field, firstField } from '../rest/validate.js';
import { isMsgFlag } from './group-kinds.js';
import { MAX_ADD_MEMBERS_PER_CALL, MAX_MUTE_MEMBERS_PER_CALL } from './group-limits.js';
import type { AddMembersResult } from './group-manage-join.js';
import { MAX_KICK_PER_CALL } from './group-manage-leave.js';
import type { GroupModifyMember } from './group-messages.js';
import { MUTE_TIME_PERMANENT_SEC } from './group-state-rules.js';
import { GROUP_CODES, askGroup, asUser, optFlag, optInt, optString, readCustom, readGroupId, readProfile, readUser, readUsers, restBy } from './rest-common.js';
import { readNewMembers } from './rest-create.js';

type Body = Record<string, unknown>;

const req = (ctx: RestContext, groupId: string) => ({ sdkAppId: ctx.sdkAppId, groupId, by: restBy(ctx) });

function memberResults(r: AddMembersResult): Record<string, unknown> {
  return { MemberList: r.results.map((x) => ({ Member_Account: x.userId, Result: x.result })) };
}

export async function modifyGroupBaseInfo(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = readGroupId(body);
  await askGroup(ctx, { t: 'modify', ...req(ctx, groupId), profile: readProfile(body) });
  return {};
}

export async function addGroupMember(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = readGroupId(body);
  const list = asBatch(field(body, 'MemberList'), 'MemberList', MAX_ADD_MEMBERS_PER_CALL, GROUP_CODES);
  const members = list.map((item, i) => ({ userId: asUser(asObject(item, `MemberList[${i}]`, GROUP_CODES).Member_Account, `MemberList[${i}].Member_Account`) }));
  const silence = optFlag(body, 'Silence');
  const r = await askGroup<AddMembersResult>(ctx, { t: 'addMembers', ...req(ctx, groupId), members, ...(silence ? { silence } : {}) });
  return memberResults(r);
}

export async function importGroupMember(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = readGroupId(body);
  const members = readNewMembers(body, MAX_ADD_MEMBERS_PER_CALL, true, true);
  const r = await askGroup<AddMembersResult>(ctx, { t: 'addMembers', ...req(ctx, groupId), members, imported: true });
  return memberResults(r);
}

export async function deleteGroupMember(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = readGroupId(body);
  const userIds = readUsers(body, 'MemberToDel_Account', MAX_KICK_PER_CALL);
  const silence = optFlag(body, 'Silence');
  const reason = optString(body, 'Reason');
  await askGroup(ctx, { t: 'kick', ...req(ctx, groupId), userIds, ...(silence ? { silence } : {}), ...(reason ? { reason } : {}) });
  return {};
}

export async function modifyGroupMemberInfo(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = readGroupId(body);
  const userId = readUser(body, ['Member_Account'])!;
  const msg: GroupModifyMember = { t: 'modifyMember', ...req(ctx, groupId), userId };
  const role = field(body, 'Role');
  if (role !== undefined) {
    if (role !== 'Admin' && role !== 'Member') throw new ImError(Err.GROUP_INVALID_PARAMS, 'Role must be Admin or Member');
    msg.role = role;
  }
  const card = optString(body, 'NameCard');
  if (card !== undefined) msg.nameCard = card;
  const flag = field(body, 'MsgFlag');
  if (flag !== undefined) {
    if (!isMsgFlag(flag)) throw new ImError(Err.GROUP_INVALID_PARAMS, 'MsgFlag must be AcceptAndNotify, AcceptNotNotify or Discard');
    msg.msgFlag = flag;
  }
  const mute = optInt(body, ['MuteTime', 'ShutUpTime'], 0, MUTE_TIME_PERMANENT_SEC);
  if (mute !== undefined) msg.muteTimeSec = mute;
  const custom = readCustom(body, 'AppMemberDefinedData');
  if (custom !== undefined) msg.custom = custom;
  await askGroup(ctx, msg);
  return {};
}

export async function forbidSendMsg(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = readGroupId(body);
  const userIds = readUsers(body, 'Members_Account', MAX_MUTE_MEMBERS_PER_CALL);
  if (!firstField(body, ['MuteTime', 'ShutUpTime'])) throw new ImError(Err.GROUP_INVALID_PARAMS, 'MuteTime is required');
  const muteTimeSec = optInt(body, ['MuteTime', 'ShutUpTime'], 0, MUTE_TIME_PERMANENT_SEC)!;
  await askGroup(ctx, { t: 'mute', ...req(ctx, groupId), userIds, muteTimeSec });
  return {};
}

export async function changeGroupOwner(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = readGroupId(body);
  const newOwner = readUser(body, ['NewOwner_Account'])!;
  await askGroup(ctx, { t: 'transfer', ...req(ctx, groupId), newOwner });
  return {};
}

export async function destroyGroup(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = readGroupId(body);
  await askGroup(ctx, { t: 'dismiss', ...req(ctx, groupId) });
  return {};
}
