// Rules both presence implementations share: input checks (bad input gets a clear error before
// any state changes), the PushOnline default, and how live routes plus push-reachable devices fold
// into one user's online state. Keeping this in one place keeps memory and Redis answers identical.

import { PLATFORMS, type Platform } from '../sessions/login-policy.js';
import type { DeviceState, Route, UserOnlineState } from './presence.js';

/** How long a device detached with pushOnline stays PushOnline unless the caller says otherwise. */
export const PUSH_ONLINE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** A device detached with pushOnline, reachable by offline push until `until` (unix ms). */
export interface PushDevice {
  deviceId: string;
  platform: Platform;
  until: number;
}

export class PresenceClosedError extends Error {
  override readonly name = 'PresenceClosedError';
  constructor() {
    super('presence: used after close()');
  }
}

export function assertAppId(sdkAppId: unknown): asserts sdkAppId is number {
  if (typeof sdkAppId !== 'number' || !Number.isSafeInteger(sdkAppId) || sdkAppId <= 0) {
    throw new TypeError(`presence: sdkAppId must be a positive integer, got ${String(sdkAppId)}`);
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function assertId(what: string, v: unknown): asserts v is string {
  // Ill-formed UTF-16 would not survive the trip through UTF-8 keys and back.
  if (typeof v !== 'string' || v.length === 0 || LONE_SURROGATE.test(v)) {
    throw new TypeError(`presence: ${what} must be a non-empty string, got ${JSON.stringify(v)}`);
  }
}

export function assertTtl(what: string, ms: unknown): asserts ms is number {
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms <= 0) {
    throw new TypeError(`presence: ${what} must be a positive integer of milliseconds, got ${String(ms)}`);
  }
}

export function assertUserIds(userIds: unknown): asserts userIds is readonly string[] {
  if (!Array.isArray(userIds)) throw new TypeError('presence: userIds must be an array');
  for (const u of userIds) assertId('userId', u);
}

export function assertRoute(r: Route): void {
  if (typeof r !== 'object' || r === null) throw new TypeError('presence: route must be an object');
  assertAppId(r.sdkAppId);
  assertId('userId', r.userId);
  assertId('connId', r.connId);
  assertId('edgeId', r.edgeId);
  assertId('deviceId', r.deviceId);
  if (!(PLATFORMS as readonly string[]).includes(r.platform)) {
    throw new TypeError(`presence: platform must be one of ${PLATFORMS.join(', ')}, got ${JSON.stringify(r.platform)}`);
  }
  if (typeof r.since !== 'number' || !Number.isFinite(r.since)) throw new TypeError('presence: since must be a number (unix ms)');
}

/** Only the Route fields, whatever extra properties the caller's object carried. */
export const pickRoute = (r: Route): Route => ({
  sdkAppId: r.sdkAppId,
  userId: r.userId,
  connId: r.connId,
  edgeId: r.edgeId,
  platform: r.platform,
  deviceId: r.deviceId,
  since: r.since,
});

/** Oldest connection first, so every implementation lists routes in the same order. */
export function sortRoutes(routes: Route[]): Route[] {
  return routes.sort((a, b) => a.since - b.since || (a.connId < b.connId ? -1 : a.connId > b.connId ? 1 : 0));
}

/** Online if any live route, else PushOnline if any unexpired push device, else Offline. */
export function composeOnlineState(liveRoutes: readonly Route[], push: readonly PushDevice[], nowMs: number): UserOnlineState {
  const devices: DeviceState[] = [];
  const online = new Set<string>();
  for (const r of sortRoutes([...liveRoutes])) {
    if (online.has(r.deviceId)) continue;
    online.add(r.deviceId);
    devices.push({ platform: r.platform, deviceId: r.deviceId, status: 'Online' });
  }
  const reachable = push.filter((p) => p.until > nowMs && !online.has(p.deviceId)).sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1));
  for (const p of reachable) devices.push({ platform: p.platform, deviceId: p.deviceId, status: 'PushOnline' });
  const status = online.size > 0 ? 'Online' : reachable.length > 0 ? 'PushOnline' : 'Offline';
  return { status, devices };
}

export const unique = (ids: readonly string[]): string[] => [...new Set(ids)];
