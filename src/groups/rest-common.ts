// Shared readers of the group_open_http_svc bodies: Tencent's group codes (10004 for a bad field,
// 10005 for too many accounts, 10015 for a malformed GroupId), the GroupId, both spellings of
// renamed fields (MaxMemberCount/MaxMemberNum, MuteAllMember/ShutUpAllMember, MuteTime/ShutUpTime),
// custom data as [{Key, Value}], and the ask to the group actor as the calling App admin.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import { MAX_USER_ID_BYTES } from '../protocol/limits.js';
import type { RestContext } from '../rest/context.js';
import { asBatch, asObject, field, firstField, utf8Bytes, type FieldCodes } from '../rest/validate.js';
import type { GroupRecord } from '../store/groups.js';
import { isGroupIdShape } from './group-ids.js';
import { isApplyJoinOption, isInviteJoinOption, type GroupType } from './group-kinds.js';
import { groupAddr, type GroupBy, type GroupMsg, type GroupProfile } from './group-messages.js';
import { liveGroup as readLiveGroup } from './group-client-reads.js';

export const GROUP_CODES: FieldCodes = { invalid: Err.GROUP_INVALID_PARAMS, accountType: Err.GROUP_INVALID_PARAMS, batch: Err.GROUP_TOO_MANY_ACCOUNTS };

type Body = Record<string, unknown>;

export const bad = (info: string): ImError => new ImError(Err.GROUP_INVALID_PARAMS, info);

/** The calling admin acts (their id is the Operator_Account of callbacks). */
export const restBy = (ctx: RestContext): GroupBy => ({ userId: ctx.identifier });

export function askGroup<R>(ctx: RestContext, msg: GroupMsg): Promise<R> {
  return ctx.deps.actors.ask<R>(groupAddr(msg.sdkAppId, msg.groupId), msg, { timeoutMs: ctx.deps.limits.askTimeoutMs });
}

export function readGroupId(body: Body, name = 'GroupId'): string {
  const v = field(body, name);
  if (v === undefined) throw bad(`${name} is required`);
  if (typeof v !== 'string') throw bad(`${name} must be a string`);
  if (!isGroupIdShape(v)) throw new ImError(Err.GROUP_ID_INVALID, `${name} ${JSON.stringify(v)} is not a group id`);
  return v;
}

/** A user id (1..32 bytes, a string). */
export function asUser(v: unknown, what: string): string {
  if (typeof v !== 'string' || v.length === 0 || utf8Bytes(v) > MAX_USER_ID_BYTES) throw bad(`${what} must be a user id of 1..${MAX_USER_ID_BYTES} bytes`);
  return v;
}

export function readUser(body: Body, names: readonly string[], required = true): string | undefined {
  const f = firstField(body, names);
  if (!f) {
    if (required) throw bad(`${names.join(' or ')} is required`);
    return undefined;
  }
  return asUser(f.value, f.name);
}

export function readUsers(body: Body, name: string, max: number): string[] {
  const v = field(body, name);
  if (v === undefined) throw bad(`${name} is required`);
  return asBatch(v, name, max, GROUP_CODES).map((x, i) => asUser(x, `${name}[${i}]`));
}

/** An optional list of strings (filters: GroupBaseInfoFilter, MemberInfoFilter and the like). */
export function asStrings(v: unknown, what: string): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw bad(`${what} must be an array of strings`);
  return v as string[];
}

export function optString(body: Body, name: string): string | undefined {
  const v = field(body, name);
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw bad(`${name} must be a string`);
  return v;
}

export function optInt(body: Body, names: readonly string[], min: number, max: number): number | undefined {
  const f = firstField(body, names);
  if (!f) return undefined;
  if (typeof f.value !== 'number' || !Number.isSafeInteger(f.value) || f.value < min || f.value > max) throw bad(`${f.name} must be an integer in ${min}..${max}`);
  return f.value;
}

/** 0|1 flags (Silence, SupportTopic, WithHugeGroups). */
export function optFlag(body: Body, name: string): boolean | undefined {
  const v = optInt(body, [name], 0, 1);
  return v === undefined ? undefined : v === 1;
}

/** "On"|"Off" under its current or legacy name. */
export function optOnOff(body: Body, names: readonly string[]): boolean | undefined {
  const f = firstField(body, names);
  if (!f) return undefined;
  if (f.value !== 'On' && f.value !== 'Off') throw bad(`${f.name} must be "On" or "Off"`);
  return f.value === 'On';
}

/** [{Key, Value}] to a map (values must be strings; limits are the actor's). */
export function readCustom(body: Body, name: string): Record<string, string> | undefined {
  const v = field(body, name);
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw bad(`${name} must be an array of {Key, Value}`);
  const out: Record<string, string> = {};
  v.forEach((item, i) => {
    const o = asObject(item, `${name}[${i}]`, GROUP_CODES);
    if (typeof o.Key !== 'string' || typeof o.Value !== 'string') throw bad(`${name}[${i}] needs string Key and Value`);
    out[o.Key] = o.Value;
  });
  return out;
}

export const customList = (m: Readonly<Record<string, string>>, keys?: readonly string[]): Array<{ Key: string; Value: string }> =>
  Object.entries(m)
    .filter(([k]) => !keys || keys.includes(k))
    .map(([Key, Value]) => ({ Key, Value }));

/** The profile fields of create_group / modify_group_base_info (both MaxMember spellings). */
export function readProfile(body: Body): GroupProfile {
  const p: GroupProfile = {};
  const s = (name: string, key: 'name' | 'introduction' | 'notification' | 'faceUrl') => {
    const v = optString(body, name);
    if (v !== undefined) p[key] = v;
  };
  s('Name', 'name');
  s('Introduction', 'introduction');
  s('Notification', 'notification');
  s('FaceUrl', 'faceUrl');
  const max = optInt(body, ['MaxMemberCount', 'MaxMemberNum'], 1, Number.MAX_SAFE_INTEGER);
  if (max !== undefined) p.maxMemberNum = max;
  const apply = field(body, 'ApplyJoinOption');
  if (apply !== undefined) {
    if (!isApplyJoinOption(apply)) throw bad('ApplyJoinOption must be FreeAccess, NeedPermission or DisableApply');
    p.applyJoinOption = apply;
  }
  const invite = field(body, 'InviteJoinOption');
  if (invite !== undefined) {
    if (!isInviteJoinOption(invite)) throw bad('InviteJoinOption must be FreeAccess, NeedPermission or DisableInvite');
    p.inviteJoinOption = invite;
  }
  const muteAll = optOnOff(body, ['MuteAllMember', 'ShutUpAllMember']);
  if (muteAll !== undefined) p.muteAll = muteAll;
  const custom = readCustom(body, 'AppDefinedData');
  if (custom !== undefined) p.custom = custom;
  return p;
}

/** The group for a read, or 10010. */
export const liveGroup = (ctx: RestContext, groupId: string): Promise<GroupRecord> => readLiveGroup(ctx.deps.store, ctx.sdkAppId, groupId);

export const seconds = (ms: number): number => Math.floor(ms / 1000);

export type { GroupType };
