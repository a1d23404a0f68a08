// REST openim/c2c_msg_read_receipt (spec §2.1 #16): Operator_Account sends read receipts for the
// peer's messages named in C2CMsgInfo, through the pair's conversation actor (c2c-receipts.ts).
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { RestContext } from '../rest/context.js';
import { asObject, readAccount, readArray } from '../rest/validate.js';
import { c2cAddr, type C2cReceipt } from './c2c-messages.js';

/** Messages one call names at most. */
export const MAX_RECEIPT_MSGS = 100;

export async function c2cMsgReadReceipt(ctx: RestContext, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const reader = readAccount(body, ['Operator_Account']);
  const peer = readAccount(body, ['Peer_Account']);
  const keys = readArray(body, 'C2CMsgInfo', MAX_RECEIPT_MSGS).map((v, i) => {
    const item = asObject(v, `C2CMsgInfo[${i}]`);
    if (typeof item.MsgKey !== 'string') throw new ImError(Err.INVALID_PARAMS, `C2CMsgInfo[${i}].MsgKey must be a string`);
    return item.MsgKey;
  });
  const msg: C2cReceipt = { t: 'receipt', sdkAppId: ctx.sdkAppId, reader, peer, keys };
  await ctx.deps.actors.ask(c2cAddr(ctx.sdkAppId, reader, peer), msg, { timeoutMs: ctx.deps.limits.askTimeoutMs });
  return {};
}
