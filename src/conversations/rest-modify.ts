// REST openim/modify_c2c_msg (spec §2.1 #14): the admin overwrites the MsgBody and/or
// CloudCustomData of any C2C message by MsgKey, through the pair's conversation actor
// (c2c-modify.ts), which tells both users' devices.
import { parseMsgKey } from '../messaging/msg-key.js';
import type { RestContext } from '../rest/context.js';
import { field, readAccount } from '../rest/validate.js';
import { c2cAddr } from './c2c-messages.js';
import { modifyMessageOf } from './client-ops.js';

export async function modifyC2cMsg(ctx: RestContext, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const from = readAccount(body, ['From_Account']);
  const to = readAccount(body, ['To_Account']);
  const key = field(body, 'MsgKey');
  parseMsgKey(key);
  const msg = modifyMessageOf({ sdkAppId: ctx.sdkAppId, from, to, key: key as string, by: 'admin' }, body, ctx.deps.metrics);
  await ctx.deps.actors.ask(c2cAddr(ctx.sdkAppId, from, to), msg, { timeoutMs: ctx.deps.limits.askTimeoutMs });
  return {};
}
