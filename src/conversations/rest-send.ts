// REST openim/sendmsg (spec §2.1 #7): the admin sends one C2C message, From_Account defaulting to
// the calling admin; the body, MsgRandom and options are read by the shared send parser and the
// message goes through the pair's conversation actor like a device's send (same dedup, seq and
// pushes). SyncOtherMachine 1 also pushes to the sender's devices, 2 does not (nor updates its
// conversation row). Answer {MsgTime, MsgKey}.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import { MAX_USER_ID_BYTES } from '../protocol/limits.js';
import type { RestContext } from '../rest/context.js';
import { asAccount, field, utf8Bytes } from '../rest/validate.js';
import { sendC2c } from './client-ops.js';

/** An account string (60015 when not one) of 1..MAX_USER_ID_BYTES bytes (`code` otherwise). */
function account(v: unknown, name: string, code: number): string {
  const id = asAccount(v, name);
  if (id.length === 0 || utf8Bytes(id) > MAX_USER_ID_BYTES) throw new ImError(code, `${name} must be 1..${MAX_USER_ID_BYTES} bytes`);
  return id;
}

export async function sendmsg(ctx: RestContext, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { store, actors, limits, metrics } = ctx.deps;
  const rawFrom = field(body, 'From_Account');
  const from = rawFrom === undefined ? ctx.identifier : account(rawFrom, 'From_Account', Err.MSG_FROM_ACCOUNT_INVALID);
  if (field(body, 'To_Account') === undefined) throw new ImError(Err.MSG_TO_ACCOUNT_INVALID, 'To_Account is required');
  const to = account(field(body, 'To_Account'), 'To_Account', Err.MSG_TO_ACCOUNT_INVALID);
  if (rawFrom !== undefined && !ctx.app.admins.includes(from) && !(await store.accounts.getAccount(ctx.sdkAppId, from))) {
    throw new ImError(Err.MSG_ACCOUNT_NOT_FOUND, `From_Account ${from} does not exist`);
  }
  const r = await sendC2c({ actors, timeoutMs: limits.askTimeoutMs, metrics }, { sdkAppId: ctx.sdkAppId, from, to, raw: body, optPlatform: 'RESTAPI', clientIp: ctx.clientIp });
  return { MsgTime: r.time, MsgKey: r.key };
}
