// The C2C webhooks (spec §5): C2C.CallbackBeforeSendMsg decides a send before it takes a seq
// (ErrorCode 0 allow, 1 refuse with 20006, 2 drop silently, 120001-130000 refuse with that code;
// an answered MsgBody / CloudCustomData replaces the message's, checked like a send, ignored when
// invalid); the after-callbacks (send, withdraw, read report) are queued and never block.
// ForbidCallbackControl is honoured by the caller; batchsendmsg fires none (spec #8).
import type { Logger } from '../lib/log.js';
import { askBeforeSend, type BeforeRules, type BeforeSendVerdict } from '../messaging/send-callback.js';
import { Err } from '../protocol/error-codes.js';
import type { JsonValue } from '../store/relationships.js';
import { Callback } from '../webhooks/commands.js';
import type { CallbackMeta, Webhooks } from '../webhooks/webhooks.js';

/** Codes an app may pass through to the sender (spec §5.2). */
export const C2C_CALLBACK_CODE_MIN = 120_001;
export const C2C_CALLBACK_CODE_MAX = 130_000;

const C2C_BEFORE_SEND: BeforeRules = { command: Callback.C2CBeforeSendMsg, refusedCode: Err.C2C_CALLBACK_REFUSED, appCodes: { min: C2C_CALLBACK_CODE_MIN, max: C2C_CALLBACK_CODE_MAX } };

export type BeforeVerdict = BeforeSendVerdict;

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

export const beforeSend = (webhooks: Webhooks, log: Logger, sdkAppId: number, f: SendFacts, meta: CallbackMeta): Promise<BeforeVerdict> =>
  askBeforeSend(webhooks, log, sdkAppId, C2C_BEFORE_SEND, sendBody(f), f.cloudCustomData, meta);
