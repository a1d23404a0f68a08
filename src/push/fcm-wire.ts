// The FCM HTTP v1 wire format, pure: the messages:send body for a notification, and the mapping
// from a v1 error ({error:{code,status,message,details:[{errorCode}]}}) to a PushResult. The
// FcmError errorCode in details is more precise than the canonical status, so it wins.
import type { PushNotification, PushResult } from './push-provider.js';
import { pushFailure } from './push-provider.js';

/** FCM's limit on notification + data payload. */
export const FCM_MAX_PAYLOAD_BYTES = 4096;
const FCM_TOKEN = /^[\x21-\x7e]{1,4096}$/;

export const isFcmToken = (t: string) => FCM_TOKEN.test(t);

export interface FcmMessage {
  message: {
    token: string;
    notification: { title?: string; body: string; image?: string };
    android: { priority: 'HIGH' | 'NORMAL'; ttl?: string; collapse_key?: string; notification?: Record<string, string | number> };
    data?: Record<string, string>;
  };
}

export function fcmMessage(token: string, n: PushNotification): FcmMessage {
  const notification: FcmMessage['message']['notification'] = { body: n.body };
  if (n.title !== undefined) notification.title = n.title;
  if (n.android?.image !== undefined) notification.image = n.android.image;
  const android: FcmMessage['message']['android'] = { priority: n.priority === 'high' ? 'HIGH' : 'NORMAL' };
  if (n.ttlSec !== undefined) android.ttl = `${n.ttlSec}s`;
  if (n.collapseId !== undefined) android.collapse_key = n.collapseId;
  const an: Record<string, string | number> = {};
  if (n.android?.channelId !== undefined) an.channel_id = n.android.channelId;
  const sound = n.android?.sound ?? n.sound;
  if (sound !== undefined) an.sound = sound;
  if (n.android?.image !== undefined) an.image = n.android.image;
  if (n.badge !== undefined) an.notification_count = n.badge;
  if (Object.keys(an).length) android.notification = an;
  const message: FcmMessage['message'] = { token, notification, android };
  // FCM data values must be strings; Ext travels as data.ext, like APNs' top-level ext.
  const data: Record<string, string> = { ...n.data };
  if (n.ext !== undefined) data.ext = n.ext;
  if (Object.keys(data).length) message.data = data;
  return { message };
}

/** The part of a message FCM counts against its payload limit. */
export const fcmPayloadBytes = (m: FcmMessage) =>
  Buffer.byteLength(JSON.stringify([m.message.notification, m.message.data ?? {}, m.message.android.notification ?? {}]));

export interface FcmError {
  status: string;
  code: string;
  message: string;
}

export function fcmError(body: string): FcmError {
  try {
    const e = (JSON.parse(body) as { error?: { status?: unknown; message?: unknown; details?: unknown } }).error ?? {};
    const details = Array.isArray(e.details) ? (e.details as Array<{ errorCode?: unknown }>) : [];
    const code = details.map((d) => d?.errorCode).find((c): c is string => typeof c === 'string');
    const status = typeof e.status === 'string' ? e.status : '';
    return { status, code: code ?? status, message: typeof e.message === 'string' ? e.message : '' };
  } catch {
    return { status: '', code: '', message: body.slice(0, 200) };
  }
}

export const isAuthFailure = (httpStatus: number) => httpStatus === 401 || httpStatus === 403;

export function fcmResult(httpStatus: number, e: FcmError): PushResult {
  if (httpStatus === 200) return { ok: true };
  const detail = `FCM ${httpStatus} ${e.code}${e.message ? `: ${e.message}` : ''}`;
  switch (e.code) {
    case 'UNREGISTERED':
    case 'NOT_FOUND':
      return pushFailure('unregistered', false, detail);
    case 'SENDER_ID_MISMATCH':
      return pushFailure('invalid-token', false, detail);
    case 'INVALID_ARGUMENT':
      if (/too big|too large/i.test(e.message)) return pushFailure('payload-too-large', false, detail);
      return pushFailure(/token/i.test(e.message) ? 'invalid-token' : 'bad-request', false, detail);
    case 'QUOTA_EXCEEDED':
    case 'RESOURCE_EXHAUSTED':
      return pushFailure('rate-limited', true, detail);
    case 'UNAVAILABLE':
    case 'INTERNAL':
      return pushFailure('unavailable', true, detail);
    case 'THIRD_PARTY_AUTH_ERROR':
    case 'UNAUTHENTICATED':
    case 'PERMISSION_DENIED':
      return pushFailure('auth', false, detail);
  }
  if (httpStatus === 404) return pushFailure('unregistered', false, detail);
  if (isAuthFailure(httpStatus)) return pushFailure('auth', false, detail);
  if (httpStatus === 429) return pushFailure('rate-limited', true, detail);
  if (httpStatus >= 500) return pushFailure('unavailable', true, detail);
  return pushFailure('bad-request', false, detail);
}
