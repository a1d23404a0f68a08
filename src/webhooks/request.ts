// Builds one webhook call exactly as Tencent sends it (spec §5.1): POST {url}?SdkAppid=
// &CallbackCommand=&contenttype=json[&ClientIP=][&OptPlatform=][&RequestTime=&Sign=], JSON body
// repeating CallbackCommand. Sign = lower-case hex sha256(token + RequestTime), plain SHA-256,
// not HMAC. Shared by every transport so the memory one records the very URL http would call.
import { createHash } from 'node:crypto';
import type { WebhookConfig } from '../config/config.js';
import type { CallbackMeta } from './webhooks.js';

export interface WebhookRequest {
  url: string;
  /** JSON text, serialized when the event is raised (later mutation of the source is not seen). */
  body: string;
  timeoutMs: number;
}

export type SendOutcome =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; timeout: boolean; reason: string };

/** Delivers one built request; never throws (failures are outcomes). */
export interface WebhookTransport {
  send(req: WebhookRequest): Promise<SendOutcome>;
}

export const webhookSign = (token: string, requestTime: number): string =>
  createHash('sha256').update(`${token}${requestTime}`).digest('hex');

/** Throws on a malformed configured URL (a configuration error the caller reports as failed). */
export function buildWebhookRequest(
  cfg: WebhookConfig,
  sdkAppId: number,
  command: string,
  body: Record<string, unknown>,
  meta: CallbackMeta | undefined,
  nowSec: number,
): WebhookRequest {
  const url = new URL(cfg.url);
  const q = url.searchParams;
  q.set('SdkAppid', String(sdkAppId));
  q.set('CallbackCommand', command);
  q.set('contenttype', 'json');
  // Some callbacks (push events, spec §5.1) have no client: the parameters are then omitted.
  if (meta?.clientIp !== undefined) q.set('ClientIP', meta.clientIp);
  if (meta?.optPlatform !== undefined) q.set('OptPlatform', meta.optPlatform);
  if (cfg.token) {
    q.set('RequestTime', String(nowSec));
    q.set('Sign', webhookSign(cfg.token, nowSec));
  }
  return { url: url.toString(), body: JSON.stringify({ CallbackCommand: command, ...body }), timeoutMs: cfg.timeoutMs };
}

/** The answer must be a JSON object (spec §5.1: "body not JSON" is a failure). */
export function parseAnswer(text: string): SendOutcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, timeout: false, reason: 'answer is not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, timeout: false, reason: 'answer is not a JSON object' };
  }
  return { ok: true, body: parsed as Record<string, unknown> };
}
