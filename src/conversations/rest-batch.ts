// REST openim/batchsendmsg (spec §2.1 #8): one message to up to MAX_BATCH_RECIPIENTS users, each
// through its own pair's conversation actor (so each gets its own seq and MsgKey), at most
// BATCH_CONCURRENCY at a time. The body is checked once up front (one bad field fails the call);
// per-recipient refusals go to ErrorList. MsgKey is the first delivered recipient's key: Tencent
// shares one key, which a per-conversation seq cannot.
import { ImError, isImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { RestContext } from '../rest/context.js';
import { asAccount, field, firstField } from '../rest/validate.js';
import { c2cAddr, type SendResult } from './c2c-messages.js';
import { sendMessageOf } from './client-ops.js';

/** Recipients of one batchsendmsg (spec §2.1 #8). */
export const MAX_BATCH_RECIPIENTS = 500;
/** Conversation actors asked at once by one batch. */
export const BATCH_CONCURRENCY = 32;

export async function batchSendMsg(ctx: RestContext, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { actors, limits, metrics } = ctx.deps;
  const rawTo = field(body, 'To_Account');
  if (!Array.isArray(rawTo) || rawTo.length === 0) throw new ImError(Err.MSG_TO_ACCOUNT_INVALID, 'To_Account must be a non-empty array');
  if (rawTo.length > MAX_BATCH_RECIPIENTS) throw new ImError(Err.MSG_BATCH_TOO_MANY, `To_Account has ${rawTo.length} accounts, at most ${MAX_BATCH_RECIPIENTS}`);
  const to = [...new Set(rawTo.map((v, i) => asAccount(v, `To_Account[${i}]`)))];
  const fromField = firstField(body, ['From_Account']);
  const from = fromField ? asAccount(fromField.value, 'From_Account') : ctx.identifier;
  // Parses once: a bad body fails the whole call with its code.
  const template = sendMessageOf({ sdkAppId: ctx.sdkAppId, from, to: to[0]!, raw: body }, metrics);
  const results: Array<{ user: string; r?: SendResult; code?: number }> = [];
  for (let i = 0; i < to.length; i += BATCH_CONCURRENCY) {
    const slice = to.slice(i, i + BATCH_CONCURRENCY);
    results.push(
      ...(await Promise.all(
        slice.map(async (user) => {
          try {
            const r = await actors.ask<SendResult>(c2cAddr(ctx.sdkAppId, from, user), { ...template, to: user, callbacks: false }, { timeoutMs: limits.askTimeoutMs });
            return { user, r };
          } catch (e) {
            return { user, code: isImError(e) ? e.code : Err.INTERNAL };
          }
        }),
      )),
    );
  }
  const first = results.find((x) => x.r)?.r;
  const errors = results.filter((x) => x.code !== undefined).map((x) => ({ To_Account: x.user, ErrorCode: x.code }));
  return { MsgKey: first?.key ?? '', ...(first ? { MsgTime: first.time } : {}), ...(errors.length > 0 ? { ErrorList: errors } : {}) };
}
