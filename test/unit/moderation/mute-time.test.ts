// Global-mute durations <-> stored deadlines: 0 lifts, 4294967295 is permanent, remaining time
// counts down to 0 and never reads as permanent for a long timed mute.
import { describe, expect, it } from 'vitest';
import { MUTE_PERMANENT_SEC, c2cMutedUntil, isMuted, muteDeadline, muteRemaining } from '../../../src/moderation/mute-time.js';
import { NO_SPEAKING_FOREVER } from '../../../src/store/no-speaking.js';

const NOW = 1_800_000_000;

describe('mute time', () => {
  it('turns durations into deadlines', () => {
    expect(muteDeadline(0, NOW)).toBe(0);
    expect(muteDeadline(3600, NOW)).toBe(NOW + 3600);
    expect(muteDeadline(MUTE_PERMANENT_SEC, NOW)).toBe(NO_SPEAKING_FOREVER);
    expect(muteDeadline(MUTE_PERMANENT_SEC - 1, NOW)).toBe(NOW + MUTE_PERMANENT_SEC - 1);
  });

  it('reports the remaining seconds, 0 when over, 4294967295 only when permanent', () => {
    expect(muteRemaining(0, NOW)).toBe(0);
    expect(muteRemaining(NOW + 7200, NOW + 4)).toBe(7196);
    expect(muteRemaining(NOW, NOW + 1)).toBe(0);
    expect(muteRemaining(NO_SPEAKING_FOREVER, NOW)).toBe(MUTE_PERMANENT_SEC);
    expect(muteRemaining(muteDeadline(MUTE_PERMANENT_SEC - 1, NOW), NOW)).toBe(MUTE_PERMANENT_SEC - 1);
  });

  it('is muted strictly before the deadline', () => {
    expect(isMuted(NOW + 1, NOW)).toBe(true);
    expect(isMuted(NOW, NOW)).toBe(false);
    expect(isMuted(0, NOW)).toBe(false);
    expect(c2cMutedUntil({ c2cUntil: NOW + 1, groupUntil: 0 }, NOW)).toBe(NOW + 1);
    expect(c2cMutedUntil({ c2cUntil: NOW, groupUntil: NOW + 9 }, NOW)).toBe(0);
  });
});
