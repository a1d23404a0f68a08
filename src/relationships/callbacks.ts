// Sns.* webhooks (spec §5.2, §5.3): payload builders with Tencent's wire names, and the reading
// of before-callback answers. Sns.CallbackPrevFriendAdd / PrevFriendResponse answer per item
// (ResultItem [{To_Account, ResultCode}]): 0 or absent allows, 38000..39000 refuses with that code
// passed to the caller, any other non-zero refuses with 30001. An unreachable backend follows the
// app's failOpen policy (closed: every item refused with 30006).
import { Err } from '../protocol/error-codes.js';
import { Callback, type CallbackCommand } from '../webhooks/commands.js';
import type { CallbackMeta, Webhooks } from '../webhooks/webhooks.js';
import type { AddItem, AddType, RespondAction, RespondItem } from './social-messages.js';

export const SNS_CALLBACK_CODE_MIN = 38000;
export const SNS_CALLBACK_CODE_MAX = 39000;

export interface Refusal {
  code: number;
  info: string;
}

const ADD_TYPE: Record<AddType, string> = { both: 'Add_Type_Both', single: 'Add_Type_Single' };
export const RESPONSE_ACTION: Record<RespondAction, string> = {
  agree: 'Response_Action_Agree',
  agreeAndAdd: 'Response_Action_AgreeAndAdd',
  reject: 'Response_Action_Reject',
};

/** Refusals by peer id; peers not in the map may proceed. */
export async function askBefore(
  webhooks: Webhooks,
  sdkAppId: number,
  command: CallbackCommand,
  body: Record<string, unknown>,
  peerIds: readonly string[],
  meta: CallbackMeta,
): Promise<Map<string, Refusal>> {
  const refused = new Map<string, Refusal>();
  if (peerIds.length === 0) return refused;
  const r = await webhooks.before(sdkAppId, command, body, meta);
  if (r.kind === 'skipped') return refused;
  if (r.kind === 'failed') {
    if (!r.failOpen) for (const id of peerIds) refused.set(id, { code: Err.SNS_INTERNAL, info: 'the app backend did not answer the callback' });
    return refused;
  }
  const items = Array.isArray(r.body.ResultItem) ? r.body.ResultItem : [];
  const wanted = new Set(peerIds);
  for (const it of items) {
    if (typeof it !== 'object' || it === null) continue;
    const { To_Account: to, ResultCode: code, ResultInfo: info } = it as Record<string, unknown>;
    if (typeof to !== 'string' || !wanted.has(to) || typeof code !== 'number' || code === 0) continue;
    const custom = Number.isInteger(code) && code >= SNS_CALLBACK_CODE_MIN && code <= SNS_CALLBACK_CODE_MAX;
    refused.set(to, { code: custom ? code : Err.SNS_INVALID_PARAMS, info: typeof info === 'string' && info ? info : 'refused by the app backend' });
  }
  return refused;
}

export function prevFriendAddBody(requester: string, from: string, addType: AddType, force: boolean, items: readonly AddItem[]): Record<string, unknown> {
  return {
    Requester_Account: requester,
    From_Account: from,
    AddType: ADD_TYPE[addType],
    ForceAddFlags: force ? 1 : 0,
    FriendItem: items.map((i) => ({ To_Account: i.peerId, Remark: i.remark, GroupName: i.group, AddSource: i.addSource, AddWording: i.wording })),
  };
}

export function prevFriendResponseBody(requester: string, from: string, items: readonly RespondItem[]): Record<string, unknown> {
  return {
    Requester_Account: requester,
    From_Account: from,
    ResponseFriendItem: items.map((i) => ({ To_Account: i.peerId, Remark: i.remark, TagName: i.group, ResponseAction: RESPONSE_ACTION[i.action] })),
  };
}

export interface Pair {
  from: string;
  to: string;
  initiator?: string;
}

const pairList = (pairs: readonly Pair[]) =>
  pairs.map((p) => (p.initiator === undefined ? { From_Account: p.from, To_Account: p.to } : { From_Account: p.from, To_Account: p.to, Initiator_Account: p.initiator }));

/** ClientCmd: friend_add / friend_response for REST, FriendAdd / FriendResponse for clients. */
export function friendAddBody(clientCmd: string, admin: string | undefined, force: boolean, pairs: readonly Pair[]): Record<string, unknown> {
  return { ClientCmd: clientCmd, ...(admin !== undefined ? { Admin_Account: admin } : {}), ForceFlag: force ? 1 : 0, PairList: pairList(pairs) };
}

export const pairsBody = (pairs: readonly Pair[]): Record<string, unknown> => ({ PairList: pairList(pairs) });

export const SnsCallback = {
  PREV_ADD: Callback.SnsPrevFriendAdd,
  PREV_RESPONSE: Callback.SnsPrevFriendResponse,
  ADD: Callback.SnsFriendAdd,
  DELETE: Callback.SnsFriendDelete,
  BLOCK_ADD: Callback.SnsBlackListAdd,
  BLOCK_DELETE: Callback.SnsBlackListDelete,
} as const;
