// The answer of a before-send callback (C2C.CallbackBeforeSendMsg, Group.CallbackBeforeSendMsg,
// spec §5.2) read the same way for both: ErrorCode 0 allows (optionally with a new MsgBody and
// CloudCustomData, checked like a send; an invalid body keeps the original), 1 refuses with the
// domain's refusal code, 2 drops silently, a code in the app's range refuses with that code. No
// answer: the app's failOpen decides.
import { ImError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import type { JsonValue } from '../store/relationships.js';
import type { CallbackCommand } from '../webhooks/commands.js';
import type { CallbackMeta, Webhooks } from '../webhooks/webhooks.js';
import { parseMsgBody, toWire } from './msg-body.js';

export type BeforeSendVerdict = { kind: 'allow'; body?: JsonValue[]; cloudCustomData?: string } | { kind: 'drop' };

export interface BeforeSendRules {
  command: CallbackCommand;
  /** The code of a refusal (ErrorCode 1, or no answer when the app fails closed). */
  refusedCode: number;
  /** The app-defined refusal codes passed through to the sender. */
  appCodes: { min: number; max: number };
}

export async function askBeforeSend(
  webhooks: Webhooks,
  log: Logger,
  sdkAppId: number,
  rules: BeforeSendRules,
  body: Record<string, unknown>,
  cloudCustomData: string | undefined,
  meta: CallbackMeta,
): Promise<BeforeSendVerdict> {
  const r = await webhooks.before(sdkAppId, rules.command, body, meta);
  if (r.kind === 'skipped') return { kind: 'allow' };
  if (r.kind === 'failed') {
    if (r.failOpen) return { kind: 'allow' };
    throw new ImError(rules.refusedCode, 'the app backend did not answer the send callback');
  }
  const code = r.body.ErrorCode;
  const info = typeof r.body.ErrorInfo === 'string' && r.body.ErrorInfo ? r.body.ErrorInfo : 'refused by the app backend';
  if (code === 2) return { kind: 'drop' };
  if (code === 1) throw new ImError(rules.refusedCode, info);
  if (typeof code === 'number' && Number.isInteger(code) && code >= rules.appCodes.min && code <= rules.appCodes.max) throw new ImError(code, info);
  const out: BeforeSendVerdict = { kind: 'allow' };
  const ccd = typeof r.body.CloudCustomData === 'string' ? r.body.CloudCustomData : undefined;
  if (ccd !== undefined) out.cloudCustomData = ccd;
  if (r.body.MsgBody !== undefined) {
    try {
      out.body = toWire(parseMsgBody(r.body.MsgBody, { cloudCustomData: ccd ?? cloudCustomData ?? '' }));
    } catch (e) {
      log.warn(`${rules.command} answered an invalid MsgBody: kept the original`, { err: e });
      delete out.cloudCustomData;
    }
  }
  return out;
}
