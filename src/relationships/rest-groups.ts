// sns group_add, group_delete, group_get (spec §2.1 #29): Tencent's "groups" of friends, called
// friend lists here (not chat groups). CurrentSequence is the user's social change seq.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { RestContext, RestHandler } from '../rest/context.js';
import { field, readAccountArray, readArray } from '../rest/validate.js';
import { MAX_FRIEND_LISTS, SNS_BATCH_MAX } from './limits.js';
import { askSocial, readFrom, requireAccount, resultItems, SNS_CODES, type Body } from './rest-shared.js';
import { friendLists } from './social-reads.js';
import type { ItemResult } from './social-messages.js';

function names(body: Body, required: boolean): string[] | undefined {
  if (!required && field(body, 'GroupName') === undefined) return undefined;
  return readArray(body, 'GroupName', MAX_FRIEND_LISTS, SNS_CODES).map((n) => {
    if (typeof n !== 'string') throw new ImError(Err.SNS_INVALID_PARAMS, 'GroupName items must be strings');
    return n;
  });
}

const currentSeq = (ctx: RestContext, userId: string) => ctx.deps.store.socialChanges.maxSeq(ctx.sdkAppId, userId);

const groupAdd: RestHandler = async (ctx, body) => {
  const from = readFrom(body);
  const listNames = names(body, true)!;
  const peerIds = field(body, 'To_Account') === undefined ? [] : readAccountArray(body, 'To_Account', SNS_BATCH_MAX, SNS_CODES);
  const results = await askSocial<ItemResult[]>(ctx, from, { c: 'listCreate', names: listNames, peerIds });
  return { ...(peerIds.length ? resultItems(results) : {}), CurrentSequence: await currentSeq(ctx, from) };
};

const groupDelete: RestHandler = async (ctx, body) => {
  const from = readFrom(body);
  await askSocial(ctx, from, { c: 'listDelete', names: names(body, true)! });
  return { CurrentSequence: await currentSeq(ctx, from) };
};

const groupGet: RestHandler = async (ctx, body) => {
  const from = readFrom(body);
  const need = field(body, 'NeedFriend');
  if (need !== undefined && need !== 'Need_Friend_Type_Yes' && need !== 'Need_Friend_Type_No') {
    throw new ImError(Err.SNS_INVALID_PARAMS, 'NeedFriend must be Need_Friend_Type_Yes or Need_Friend_Type_No');
  }
  const wanted = names(body, false);
  await requireAccount(ctx, from);
  const [lists, seq] = await Promise.all([friendLists(ctx.deps.store, ctx.sdkAppId, from, wanted), currentSeq(ctx, from)]);
  return {
    ResultItem: lists.map((l) => ({ GroupName: l.name, FriendNumber: l.members.length, ...(need === 'Need_Friend_Type_Yes' ? { To_Account: l.members } : {}) })),
    CurrentSequence: seq,
  };
};

export const friendListCommands = {
  group_add: groupAdd,
  group_delete: groupDelete,
  group_get: groupGet,
} satisfies Record<string, RestHandler>;
