// Validates the limits the edge hands to uWS before creating the App: uWS does not throw a
// catchable error for an out-of-range idleTimeout, it aborts the whole process.
import type { Limits } from '../config/config.js';

/** uWS accepts idleTimeout 0 (off) or 8..960 seconds. */
export const UWS_MIN_IDLE_TIMEOUT_SEC = 8;
export const UWS_MAX_IDLE_TIMEOUT_SEC = 960;

export function checkEdgeLimits(l: Limits): void {
  const positive = (name: keyof Limits) => {
    if (!Number.isInteger(l[name]) || l[name] <= 0) throw new Error(`limits.${name} must be a positive integer, got ${l[name]}`);
  };
  positive('maxFrameBytes');
  positive('maxBackpressureBytes');
  positive('restBodyBytes');
  positive('loginTimeoutMs');
  positive('askTimeoutMs');
  if (!Number.isInteger(l.drainMs) || l.drainMs < 0) throw new Error(`limits.drainMs must be a non-negative integer, got ${l.drainMs}`);
  const idle = l.idleTimeoutSec;
  if (!Number.isInteger(idle) || (idle !== 0 && (idle < UWS_MIN_IDLE_TIMEOUT_SEC || idle > UWS_MAX_IDLE_TIMEOUT_SEC))) {
    throw new Error(`limits.idleTimeoutSec must be 0 (off) or ${UWS_MIN_IDLE_TIMEOUT_SEC}..${UWS_MAX_IDLE_TIMEOUT_SEC}, got ${idle}`);
  }
}
