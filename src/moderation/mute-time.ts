// Conversions between Tencent's global-mute durations (setnospeaking/getnospeaking: seconds from
// now, 0 = none, 4294967295 = permanent) and the stored deadlines (unix seconds, 0 = none,
// NO_SPEAKING_FOREVER = permanent). A deadline at or before now is over: muted means until > now.
import { NO_SPEAKING_FOREVER, type NoSpeakingRecord } from '../store/no-speaking.js';

/** Tencent's "permanent" duration, the largest uint32. */
export const MUTE_PERMANENT_SEC = 0xffff_ffff;

/** Stored deadline for a duration given at nowSec. */
export function muteDeadline(durationSec: number, nowSec: number): number {
  if (durationSec === 0) return 0;
  if (durationSec >= MUTE_PERMANENT_SEC) return NO_SPEAKING_FOREVER;
  return nowSec + durationSec;
}

/** Seconds left of a deadline as getnospeaking reports them (0 when over, 4294967295 permanent). */
export function muteRemaining(until: number, nowSec: number): number {
  if (until === NO_SPEAKING_FOREVER) return MUTE_PERMANENT_SEC;
  return Math.min(Math.max(until - nowSec, 0), MUTE_PERMANENT_SEC - 1);
}

export const isMuted = (until: number, nowSec: number): boolean => until > nowSec;

/** The user's group-message mute deadline if it is still running, else 0 (for group sends: 10017). */
export const groupMutedUntil = (r: NoSpeakingRecord, nowSec: number): number => (isMuted(r.groupUntil, nowSec) ? r.groupUntil : 0);

/** The user's C2C mute deadline if it is still running, else 0. */
export const c2cMutedUntil = (r: NoSpeakingRecord, nowSec: number): number => (isMuted(r.c2cUntil, nowSec) ? r.c2cUntil : 0);
