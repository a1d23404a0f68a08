// REST openim/importmsg (spec §2.1 #9): brings one message of an older system into the pair's
// timeline through its conversation actor, keeping MsgTimeStamp as MsgTime. SyncFromOldSystem 2
// (history) counts no unread and pushes nothing; 5 (realtime) counts and pushes. Duplicates by
// (MsgSeq, MsgRandom, MsgTimeStamp) within the conversation, either direction, are answered with
// the first import and never overwrite it. No callbacks, no relationship checks.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { RestContext } from '../rest/context.js';
import { field, readAccount } from '../rest/validate.js';
import { c2cAddr, type SendResult } from './c2c-messages.js';
import { sendMessageOf } from './client-ops.js';

const MODES: Readonly<Record<number, 'history' | 'realtime'>> = { 2: 'history', 5: 'realtime' };

export async function importMsg(ctx: RestContext, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { actors, limits, metrics, store } = ctx.deps;
  const mode = MODES[field(body, 'SyncFromOldSystem') as number];
  if (!mode) throw new ImError(Err.INVALID_PARAMS, 'SyncFromOldSystem must be 2 (history) or 5 (realtime)');
  const from = readAccount(body, ['From_Account']);
  const to = readAccount(body, ['To_Account']);
  if (field(body, 'MsgTimeStamp') === undefined) throw new ImError(Err.MSG_TIMESTAMP_INVALID, 'MsgTimeStamp is required');
  if (!(await store.accounts.getAccount(ctx.sdkAppId, from))) throw new ImError(Err.MSG_ACCOUNT_NOT_FOUND, `From_Account ${from} does not exist`);
  const msg = { ...sendMessageOf({ sdkAppId: ctx.sdkAppId, from, to, raw: body }, metrics), imported: mode, callbacks: false };
  await actors.ask<SendResult>(c2cAddr(ctx.sdkAppId, from, to), msg, { timeoutMs: limits.askTimeoutMs });
  return {};
}
