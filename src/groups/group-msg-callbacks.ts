// The group message webhooks (spec §5): Group.CallbackBeforeSendMsg decides a send before it takes
// a seq (ErrorCode 0 allow, 1 refuse with 10016, 2 drop silently, 10100-10200 refuse with that
// code; an answered MsgBody / CloudCustomData replaces the message's, checked like a send and
// ignored when invalid); AfterSendMsg and AfterRecallMsg are queued and never block. The caller
// honours ForbidCallbackControl and skips imports.
import type { Logger } from '../lib/log.js';
import { askBeforeSend, type BeforeRules, type BeforeSendVerdict } from '../messaging/send-callback.js';
import { Err } from '../protocol/error-codes.js';
import type { JsonValue } from '../store/relationships.js';
import { Callback } from '../webhooks/commands.js';
import type { CallbackMeta, Webhooks } from '../webhooks/webhooks.js';
import { wireGroupType, type GroupType } from './group-kinds.js';

/** Codes an app may pass through to the sender (spec §5.2). */
export const GROUP_CALLBACK_CODE_MIN = 10_100;
export const GROUP_CALLBACK_CODE_MAX = 10_200;

const GROUP_BEFORE_SEND: BeforeRules = { command: Callback.GroupBeforeSendMsg, refusedCode: Err.GROUP_CALLBACK_REFUSED, appCodes: { min: GROUP_CALLBACK_CODE_MIN, max: GROUP_CALLBACK_CODE_MAX } };

export type GroupBeforeVerdict = BeforeSendVerdict;

export interface GroupSendFacts {
  groupId: string;
  type: GroupType;
  topicId?: string;
  from: string;
  /** Who asked ('' for the App admin's REST call). */
  operator: string;
  random: number;
  onlineOnly: boolean;
  body: JsonValue[];
  cloudCustomData?: string;
  time: number;
}

export const groupSendBody = (f: GroupSendFacts): Record<string, unknown> => ({
  GroupId: f.groupId,
  Type: wireGroupType(f.type),
  From_Account: f.from,
  Operator_Account: f.operator || f.from,
  Random: f.random,
  OnlineOnlyFlag: f.onlineOnly ? 1 : 0,
  MsgBody: f.body,
  CloudCustomData: f.cloudCustomData ?? '',
  EventTime: f.time * 1000,
  ...(f.topicId ? { TopicId: f.topicId } : {}),
});

export const groupBeforeSend = (webhooks: Webhooks, log: Logger, sdkAppId: number, f: GroupSendFacts, meta: CallbackMeta): Promise<GroupBeforeVerdict> =>
  askBeforeSend(webhooks, log, sdkAppId, GROUP_BEFORE_SEND, groupSendBody(f), f.cloudCustomData, meta);

export function groupAfterSend(webhooks: Webhooks, sdkAppId: number, f: GroupSendFacts & { seq: number; atAll: boolean; atUsers: readonly string[] }, meta: CallbackMeta): void {
  const at = [...(f.atAll ? [{ GroupAtAllFlag: 1 }] : []), ...f.atUsers.map((u) => ({ GroupAtAllFlag: 0, GroupAt_Account: u }))];
  webhooks.after(sdkAppId, Callback.GroupAfterSendMsg, { ...groupSendBody(f), MsgSeq: f.seq, MsgTime: f.time, ...(at.length > 0 ? { GroupAtInfo: at } : {}) }, meta);
}

export function groupAfterRecall(webhooks: Webhooks, sdkAppId: number, f: { groupId: string; type: GroupType; operator: string; seqs: readonly number[]; topicId?: string }, meta: CallbackMeta): void {
  webhooks.after(
    sdkAppId,
    Callback.GroupAfterRecallMsg,
    { GroupId: f.groupId, Type: wireGroupType(f.type), Operator_Account: f.operator, MsgSeqList: f.seqs.map((s) => ({ MsgSeq: s })), ...(f.topicId ? { TopicId: f.topicId } : {}) },
    meta,
  );
}
