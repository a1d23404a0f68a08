// The C2C webhooks (spec §5): C2C.CallbackBeforeSendMsg decides a send before it takes a seq
// (ErrorCode 0 allow, 1 refuse with 20006, 2 drop silently, 120001-130000 refuse with that code;
// an answered MsgBody / CloudCustomData replaces the message's, checked like a send, ignored when
// invalid); the after-callbacks (send, withdraw, read report) are queued and never block.
// ForbidCallbackControl is honoured by the caller; batchsendmsg fires none (spec #8).
import { ImError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import { parseMsgBody, toWire } from '../messaging/msg-body.js';
import { Err } from '../protocol/error-codes.js';
import type { JsonValue } from '../store/relationships.js';
import { Callback } from '../webhooks/commands.js';
import type { CallbackMeta, Webhooks } from '../webhooks/webhooks.js';

/** Codes an app may pass through to the sender (spec §5.2). */
export const C2C_CALLBACK_CODE_MIN = 120_001;
export const C2C_CALLBACK_CODE_MAX = 130_000;

export type BeforeVerdict = { kind: 'allow'; body?: JsonValue[]; cloudCustomData?: string } | { kind: 'drop' };

export interface SendFacts {
  from: string;
  to: string;
  clientSeq?: number;
  random: number;
  time: number;
  key: string;
  onlineOnly: boolean;
  body: JsonValue[];
  cloudCustomData?: string;
}

export const sendBody = (f: SendFacts): Record<string, unknown> => ({
  From_Account: f.from,
  To_Account: f.to,
  MsgSeq: f.clientSeq ?? 0,
  MsgRandom: f.random,
  MsgTime: f.time,
  MsgKey: f.key,
  OnlineOnlyFlag: f.onlineOnly ? 1 : 0,
  MsgBody: f.body,
  CloudCustomData: f.cloudCustomData ?? '',
});

export async function beforeSend(webhooks: Webhooks, log: Logger, sdkAppId: number, f: SendFacts, meta: CallbackMeta): Promise<BeforeVerdict> {
  const r = await webhooks.before(sdkAppId, Callback.C2CBeforeSendMsg, sendBody(f), meta);
  if (r.kind === 'skipped') return { kind: 'allow' };
  if (r.kind === 'failed') {
    if (r.failOpen) return { kind: 'allow' };
    throw new ImError(Err.C2C_CALLBACK_REFUSED, 'the app backend did not answer the send callback');
  }
  const code = r.body.ErrorCode;
  const info = typeof r.body.ErrorInfo === 'string' && r.body.ErrorInfo ? r.body.ErrorInfo : 'refused by the app backend';
  if (code === 2) return { kind: 'drop' };
  if (code === 1) throw new ImError(Err.C2C_CALLBACK_REFUSED, info);
  if (typeof code === 'number' && Number.isInteger(code) && code >= C2C_CALLBACK_CODE_MIN && code <= C2C_CALLBACK_CODE_MAX) throw new ImError(code, info);
  const out: BeforeVerdict = { kind: 'allow' };
  const ccd = typeof r.body.CloudCustomData === 'string' ? r.body.CloudCustomData : undefined;
  if (ccd !== undefined) out.cloudCustomData = ccd;
  if (r.body.MsgBody !== undefined) {
    try {
      out.body = toWire(parseMsgBody(r.body.MsgBody, { cloudCustomData: ccd ?? f.cloudCustomData ?? '' }));
    } catch (e) {
      log.warn('C2C.CallbackBeforeSendMsg answered an invalid MsgBody: kept the original', { err: e });
      delete out.cloudCustomData;
    }
  }
  return out;
}
