// The answer of a before-send callback (C2C.CallbackBeforeSendMsg, Group.CallbackBeforeSendMsg,
// spec §5.2) read the same way for both: ErrorCode 0 allows (optionally with a new MsgBody and
// CloudCustomData, checked like a send; an invalid body keeps the original), 1 refuses with the
// domain's refusal code, 2 drops silently, a code in the app's range refuses with that code. No
// answer: the app's failOpen decides. askBeforeAnswer is the part every before-callback shares
// (group management callbacks read it too): refusals thrown, the answered body returned.
import { ImError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import type { JsonValue } from '../store/relationships.js';
import type { CallbackCommand } from '../webhooks/commands.js';
import type { CallbackMeta, Webhooks } from '../webhooks/webhooks.js';
import { parseMsgBody, toWire } from './msg-body.js';

export type BeforeSendVerdict = { kind: 'allow'; body?: JsonValue[]; cloudCustomData?: string } | { kind: 'drop' };

export interface BeforeRules {
  command: CallbackCommand;
  /** The code of a refusal (ErrorCode 1, or no answer when the app fails closed). */
  refusedCode: number;
  /** The app-defined refusal codes passed through to the caller. */
  appCodes: { min: number; max: number };
}

/** A before-callback's answered body; undefined when not configured or unanswered with failOpen.
 *  Throws the refusal: ErrorCode 1, a code in the app's range, no answer when failing closed. */
export async function askBeforeAnswer(webhooks: Webhooks, sdkAppId: number, rules: BeforeRules, body: Record<string, unknown>, meta: CallbackMeta, noAnswer: string): Promise<Record<string, unknown> | undefined> {
  const r = await webhooks.before(sdkAppId, rules.command, body, meta);
  if (r.kind === 'skipped') return undefined;
  if (r.kind === 'failed') {
    if (r.failOpen) return undefined;
    throw new ImError(rules.refusedCode, noAnswer);
  }
  const code = r.body.ErrorCode;
  const info = typeof r.body.ErrorInfo === 'string' && r.body.ErrorInfo ? r.body.ErrorInfo : 'refused by the app backend';
  if (code === 1) throw new ImError(rules.refusedCode, info);
  if (typeof code === 'number' && Number.isInteger(code) && code >= rules.appCodes.min && code <= rules.appCodes.max) throw new ImError(code, info);
  return r.body;
}

export async function askBeforeSend(
  webhooks: Webhooks,
  log: Logger,
  sdkAppId: number,
  rules: BeforeRules,
  body: Record<string, unknown>,
  cloudCustomData: string | undefined,
  meta: CallbackMeta,
): Promise<BeforeSendVerdict> {
  const answer = await askBeforeAnswer(webhooks, sdkAppId, rules, body, meta, 'the app backend did not answer the send callback');
  if (!answer) return { kind: 'allow' };
  if (answer.ErrorCode === 2) return { kind: 'drop' };
  const out: BeforeSendVerdict = { kind: 'allow' };
  const ccd = typeof answer.CloudCustomData === 'string' ? answer.CloudCustomData : undefined;
  if (ccd !== undefined) out.cloudCustomData = ccd;
  if (answer.MsgBody !== undefined) {
    try {
      out.body = toWire(parseMsgBody(answer.MsgBody, { cloudCustomData: ccd ?? cloudCustomData ?? '' }));
    } catch (e) {
      log.warn(`${rules.command} answered an invalid MsgBody: kept the original`, { err: e });
      delete out.cloudCustomData;
    }
  }
  return out;
}
