// REST openim/admin_msgwithdraw (spec §2.1 #11): the admin recalls a C2C message by MsgKey, with
// no time limit, through the pair's conversation actor (c2c-recall.ts). Codes: 90054 malformed
// MsgKey, 20022 no such message, 20023 already recalled.
import { parseMsgKey } from '../messaging/msg-key.js';
import type { RestContext } from '../rest/context.js';
import { field, readAccount } from '../rest/validate.js';
import { c2cAddr, type C2cRecall } from './c2c-messages.js';

export async function msgWithdraw(ctx: RestContext, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const from = readAccount(body, ['From_Account']);
  const to = readAccount(body, ['To_Account']);
  const key = field(body, 'MsgKey');
  parseMsgKey(key);
  const msg: C2cRecall = { t: 'recall', sdkAppId: ctx.sdkAppId, from, to, key: key as string, by: 'admin' };
  await ctx.deps.actors.ask(c2cAddr(ctx.sdkAppId, from, to), msg, { timeoutMs: ctx.deps.limits.askTimeoutMs });
  return {};
}
