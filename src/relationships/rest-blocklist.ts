// sns black_list_add, black_list_delete, black_list_get, black_list_check (spec §2.1 #28).
// black_list_get pages by StartIndex (0 in the answer = done) and answers the sequence under
// Tencent's misspelled CurruentSequence and the correct CurrentSequence alike.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { RestHandler } from '../rest/context.js';
import { readAccountArray, readOptionalInt } from '../rest/validate.js';
import { BLOCK_PAGE_MAX, SNS_BATCH_MAX } from './limits.js';
import { askSocial, BLOCK_RELATION, readEnum, readFrom, requireAccount, resultItems, seconds, SNS_CODES } from './rest-shared.js';
import { blocksPage, checkBlocks } from './social-reads.js';
import type { CheckMode, ItemResult } from './social-messages.js';

const CHECK_TYPES: Record<string, CheckMode> = { BlackCheckResult_Type_Both: 'both', BlackCheckResult_Type_Single: 'single' };

const blackListAdd: RestHandler = async (ctx, body) => {
  const from = readFrom(body);
  const peerIds = readAccountArray(body, 'To_Account', SNS_BATCH_MAX, SNS_CODES);
  return resultItems(await askSocial<ItemResult[]>(ctx, from, { c: 'blockAdd', peerIds }));
};

const blackListDelete: RestHandler = async (ctx, body) => {
  const from = readFrom(body);
  const peerIds = readAccountArray(body, 'To_Account', SNS_BATCH_MAX, SNS_CODES);
  return resultItems(await askSocial<ItemResult[]>(ctx, from, { c: 'blockRemove', peerIds }));
};

const blackListGet: RestHandler = async (ctx, body) => {
  const from = readFrom(body);
  const start = readOptionalInt(body, 'StartIndex', 0, Number.MAX_SAFE_INTEGER, SNS_CODES);
  const max = readOptionalInt(body, 'MaxLimited', 1, Number.MAX_SAFE_INTEGER, SNS_CODES);
  if (start === undefined || max === undefined) throw new ImError(Err.SNS_INVALID_PARAMS, 'StartIndex and MaxLimited are required');
  readOptionalInt(body, 'LastSequence', 0, Number.MAX_SAFE_INTEGER, SNS_CODES);
  await requireAccount(ctx, from);
  const { store } = ctx.deps;
  const [page, seq] = await Promise.all([blocksPage(store, ctx.sdkAppId, from, start, Math.min(max, BLOCK_PAGE_MAX)), store.socialChanges.maxSeq(ctx.sdkAppId, from)]);
  return {
    BlackListItem: page.items.map((b) => ({ To_Account: b.peerId, AddBlackTimeStamp: seconds(b.addTime) })),
    StartIndex: page.next,
    CurruentSequence: seq,
    CurrentSequence: seq,
  };
};

const blackListCheck: RestHandler = async (ctx, body) => {
  const from = readFrom(body);
  const peers = readAccountArray(body, 'To_Account', SNS_BATCH_MAX, SNS_CODES);
  const mode = readEnum(body, 'CheckType', CHECK_TYPES);
  await requireAccount(ctx, from);
  const rel = await checkBlocks(ctx.deps.store, ctx.sdkAppId, from, peers, mode);
  return { BlackListCheckItem: rel.map((r) => ({ To_Account: r.peerId, Relation: BLOCK_RELATION[r.relation], ResultCode: 0, ResultInfo: '' })), Fail_Account: [] };
};

export const blocklistCommands = {
  black_list_add: blackListAdd,
  black_list_delete: blackListDelete,
  black_list_get: blackListGet,
  black_list_check: blackListCheck,
} satisfies Record<string, RestHandler>;
