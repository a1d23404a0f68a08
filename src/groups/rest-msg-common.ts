// Readers shared by the group message REST commands: Tencent's group codes (10004 bad field, 10015
// malformed GroupId, 10005 too many accounts), MsgSeqList [{MsgSeq}], the optional TopicId, the
// shared send parser with group codes, and the ask to the group actor as the calling App admin.
import { ImError } from '../lib/errors.js';
import { parseSendRequest, type SendRequest } from '../messaging/send-request.js';
import { uniformCodes } from '../messaging/send-options.js';
import { Err } from '../protocol/error-codes.js';
import { MAX_USER_ID_BYTES } from '../protocol/limits.js';
import type { RestContext } from '../rest/context.js';
import { asObject, field, utf8Bytes, type FieldCodes } from '../rest/validate.js';
import type { GroupRecord } from '../store/groups.js';
import { isGroupIdShape, parseTopicId } from './group-ids.js';
import { groupAddr, type GroupBy, type GroupMsg } from './group-messages.js';

type Body = Record<string, unknown>;

export const MSG_CODES: FieldCodes = { invalid: Err.GROUP_INVALID_PARAMS, accountType: Err.GROUP_INVALID_PARAMS, batch: Err.GROUP_TOO_MANY_ACCOUNTS };

export const bad = (info: string): ImError => new ImError(Err.GROUP_INVALID_PARAMS, info);

/** The calling admin acts (their id is the Operator_Account of callbacks). */
export const adminBy = (ctx: RestContext): GroupBy => (ctx.identifier ? { userId: ctx.identifier } : { admin: true });

export function ask<R>(ctx: RestContext, msg: GroupMsg): Promise<R> {
  return ctx.deps.actors.ask<R>(groupAddr(msg.sdkAppId, msg.groupId), msg, { timeoutMs: ctx.deps.limits.askTimeoutMs });
}

export function groupIdOf(body: Body): string {
  const v = field(body, 'GroupId');
  if (v === undefined) throw bad('GroupId is required');
  if (typeof v !== 'string') throw bad('GroupId must be a string');
  if (!isGroupIdShape(v)) throw new ImError(Err.GROUP_ID_INVALID, `GroupId ${JSON.stringify(v)} is not a group id`);
  return v;
}

export function topicIdOf(body: Body, groupId: string): string | undefined {
  const v = field(body, 'TopicId');
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string' || parseTopicId(v)?.groupId !== groupId) throw bad(`TopicId must be a topic id of group ${groupId}`);
  return v;
}

export function userOf(v: unknown, what: string): string {
  if (typeof v !== 'string' || v.length === 0 || utf8Bytes(v) > MAX_USER_ID_BYTES) throw bad(`${what} must be a user id of 1..${MAX_USER_ID_BYTES} bytes`);
  return v;
}

export function optUser(body: Body, name: string): string | undefined {
  const v = field(body, name);
  return v === undefined ? undefined : userOf(v, name);
}

export function usersOf(body: Body, name: string, max: number, required: boolean): string[] | undefined {
  const v = field(body, name);
  if (v === undefined) {
    if (required) throw bad(`${name} is required`);
    return undefined;
  }
  if (!Array.isArray(v) || v.length === 0) throw bad(`${name} must be a non-empty array of user ids`);
  if (v.length > max) throw new ImError(Err.GROUP_TOO_MANY_ACCOUNTS, `${name} has ${v.length} accounts, at most ${max}`);
  return [...new Set(v.map((u, i) => userOf(u, `${name}[${i}]`)))];
}

export function intOf(body: Body, name: string, min: number, max: number, required: boolean): number | undefined {
  const v = field(body, name);
  if (v === undefined) {
    if (required) throw bad(`${name} is required`);
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) throw bad(`${name} must be an integer in ${min}..${max}`);
  return v;
}

/** MsgSeqList: [{MsgSeq}] (1..max entries). */
export function seqListOf(body: Body, max: number): number[] {
  const v = field(body, 'MsgSeqList');
  if (!Array.isArray(v) || v.length === 0) throw bad('MsgSeqList must be a non-empty array of {MsgSeq}');
  if (v.length > max) throw bad(`MsgSeqList has ${v.length} entries, at most ${max}`);
  return v.map((item, i) => {
    const seq = field(asObject(item, `MsgSeqList[${i}]`, MSG_CODES), 'MsgSeq');
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq <= 0) throw bad(`MsgSeqList[${i}].MsgSeq must be a positive integer`);
    return seq;
  });
}

/** Random, MsgBody and the send options under the group codes. */
export const groupSendRequest = (ctx: RestContext, body: Body): SendRequest =>
  parseSendRequest(body, { kind: 'group', codes: uniformCodes(Err.GROUP_INVALID_PARAMS), metrics: ctx.deps.metrics });

/** A live group read straight from the store (REST reads), or 10010. */
export async function liveGroup(ctx: RestContext, groupId: string): Promise<GroupRecord> {
  const g = await ctx.deps.store.groups.getGroup(ctx.sdkAppId, groupId);
  if (!g || g.dismissedAt > 0) throw new ImError(Err.GROUP_NOT_FOUND, `group ${groupId} does not exist or was dismissed`);
  return g;
}
