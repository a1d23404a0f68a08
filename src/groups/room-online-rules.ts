// Input checks shared by the RoomOnline implementations, so both refuse the same bad calls with
// the same clear errors (TypeError/RangeError: these are programming errors, not client input).
import type { RoomCount } from './room-online.js';

/** Rooms one report may name (an edge reports its rooms in chunks of this size). */
export const MAX_ROOM_COUNTS_PER_REPORT = 5_000;
export const MAX_ROOM_ONLINE_TTL_MS = 24 * 3600 * 1000;

export class RoomOnlineClosedError extends Error {
  override readonly name = 'RoomOnlineClosedError';
  constructor() {
    super('room online: closed');
  }
}

export const isValidGroupIdShape = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 256;

export function assertEdgeId(edgeId: unknown): asserts edgeId is string {
  if (typeof edgeId !== 'string' || edgeId.length === 0 || edgeId.length > 256) throw new TypeError(`room online: edgeId must be a non-empty string, got ${JSON.stringify(edgeId)}`);
}

export function assertRoom(sdkAppId: unknown, groupId: unknown): void {
  if (typeof sdkAppId !== 'number' || !Number.isSafeInteger(sdkAppId) || sdkAppId <= 0) throw new TypeError(`room online: sdkAppId must be a positive integer, got ${JSON.stringify(sdkAppId)}`);
  if (!isValidGroupIdShape(groupId)) throw new TypeError(`room online: groupId must be a non-empty string, got ${JSON.stringify(groupId)}`);
}

export function assertReport(edgeId: unknown, counts: unknown, ttlMs: unknown): asserts counts is readonly RoomCount[] {
  assertEdgeId(edgeId);
  if (!Array.isArray(counts)) throw new TypeError('room online: counts must be an array');
  if (counts.length > MAX_ROOM_COUNTS_PER_REPORT) throw new RangeError(`room online: ${counts.length} counts in one report, at most ${MAX_ROOM_COUNTS_PER_REPORT}`);
  for (const c of counts as RoomCount[]) {
    assertRoom(c?.sdkAppId, c?.groupId);
    if (!Number.isSafeInteger(c.count) || c.count < 0) throw new TypeError(`room online: count must be a non-negative integer, got ${JSON.stringify(c.count)}`);
  }
  if (typeof ttlMs !== 'number' || !Number.isInteger(ttlMs) || ttlMs <= 0 || ttlMs > MAX_ROOM_ONLINE_TTL_MS) throw new RangeError(`room online: ttlMs must be 1..${MAX_ROOM_ONLINE_TTL_MS}, got ${JSON.stringify(ttlMs)}`);
}
