// The APNs wire format, pure: the JSON payload and request headers for a notification, and the
// mapping from an APNs answer (status + {"reason"}) to a PushResult. Apple documents the reasons
// in "Handling notification responses from APNs". Custom data keys never override `aps`/`ext`.
import type { OutgoingHttpHeaders } from 'node:http2';
import type { PushNotification, PushResult } from './push-provider.js';
import { pushFailure } from './push-provider.js';

/** Apple's limit for a regular remote notification payload. */
export const APNS_MAX_PAYLOAD_BYTES = 4096;
/** Apple's limit for apns-collapse-id. */
export const APNS_MAX_COLLAPSE_ID_BYTES = 64;
/** Device tokens are hex; checking keeps anything else out of the request path. */
const DEVICE_TOKEN = /^[0-9a-fA-F]{16,200}$/;

export const isApnsDeviceToken = (t: string) => DEVICE_TOKEN.test(t);

export function apnsPayload(n: PushNotification): string {
  const alert: Record<string, string> = { body: n.body };
  const title = n.apns?.title ?? n.title;
  if (title !== undefined) alert.title = title;
  if (n.apns?.subtitle !== undefined) alert.subtitle = n.apns.subtitle;
  const aps: Record<string, unknown> = { alert };
  const sound = n.apns?.sound ?? n.sound;
  if (sound !== undefined) aps.sound = sound;
  if (n.badge !== undefined) aps.badge = n.badge;
  // An image is fetched by the app's notification service extension, which only runs for
  // mutable-content notifications.
  if (n.apns?.mutableContent || n.apns?.image !== undefined) aps['mutable-content'] = 1;
  if (n.apns?.interruptionLevel !== undefined) aps['interruption-level'] = n.apns.interruptionLevel;
  const payload: Record<string, unknown> = { ...n.data, aps };
  if (n.ext !== undefined) payload.ext = n.ext;
  if (n.apns?.image !== undefined) payload.image = n.apns.image;
  return JSON.stringify(payload);
}

export function apnsHeaders(token: string, topic: string, jwt: string, n: PushNotification, nowSec: number, bodyBytes: number): OutgoingHttpHeaders {
  const h: OutgoingHttpHeaders = {
    ':method': 'POST',
    ':path': `/3/device/${token}`,
    authorization: `bearer ${jwt}`,
    'apns-topic': topic,
    'apns-push-type': 'alert',
    'apns-priority': n.priority === 'high' ? '10' : '5',
    'content-type': 'application/json',
    'content-length': String(bodyBytes),
  };
  // 0 tells APNs to try once and not store the notification.
  if (n.ttlSec !== undefined) h['apns-expiration'] = String(n.ttlSec === 0 ? 0 : nowSec + n.ttlSec);
  if (n.collapseId !== undefined) h['apns-collapse-id'] = n.collapseId;
  return h;
}

/** Reasons of a 403 that a fresh provider token fixes. */
export const STALE_TOKEN_REASONS = new Set(['ExpiredProviderToken']);

export function apnsReason(body: string): string {
  try {
    const r = (JSON.parse(body) as { reason?: unknown }).reason;
    return typeof r === 'string' ? r : '';
  } catch {
    return '';
  }
}

export function apnsResult(status: number, reason: string): PushResult {
  const detail = `APNs ${status}${reason ? ` ${reason}` : ''}`;
  if (status === 200) return { ok: true };
  if (status === 400 && (reason === 'BadDeviceToken' || reason === 'DeviceTokenNotForTopic')) return pushFailure('invalid-token', false, detail);
  if (status === 410) return pushFailure('unregistered', false, detail);
  if (status === 403) return pushFailure('auth', false, detail);
  if (status === 413) return pushFailure('payload-too-large', false, detail);
  if (status === 429) return pushFailure('rate-limited', true, detail);
  if (status >= 500) return pushFailure('unavailable', true, detail);
  return pushFailure('bad-request', false, detail);
}
