// Readers shared by the group message REST commands: Tencent's group codes (10004 bad field, 10015
// malformed GroupId, 10005 too many accounts), MsgSeqList [{MsgSeq}], the optional TopicId, the
// shared send parser with group codes; the GroupId, user ids, the ask to the group actor as the
// calling App admin and the live-group read are the management side's (rest-common.ts).
import { ImError } from '../lib/errors.js';
import { parseSendRequest, type SendRequest } from '../messaging/send-request.js';
import { uniformCodes } from '../messaging/send-options.js';
import { Err } from '../protocol/error-codes.js';
import type { RestContext } from '../rest/context.js';
import { asObject, field } from '../rest/validate.js';
import { parseTopicId } from './group-ids.js';
import { asUser as userOf, bad, GROUP_CODES as MSG_CODES, optInt, readUser } from './rest-common.js';

type Body = Record<string, unknown>;

// The readers the management commands use too (rest-common.ts), under the names this side uses.
export { bad, GROUP_CODES as MSG_CODES, askGroup as ask, asUser as userOf, liveGroup, readGroupId as groupIdOf, restBy as adminBy } from './rest-common.js';

export function topicIdOf(body: Body, groupId: string): string | undefined {
  const v = field(body, 'TopicId');
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string' || parseTopicId(v)?.groupId !== groupId) throw bad(`TopicId must be a topic id of group ${groupId}`);
  return v;
}

export const optUser = (body: Body, name: string): string | undefined => readUser(body, [name], false);

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
  const v = optInt(body, [name], min, max);
  if (v === undefined && required) throw bad(`${name} is required`);
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
