// Per-app messaging settings: Tencent's defaults, the default app from IM_* variables, other apps
// from the apps file's `messaging` object, and a clear start-up error for every bad value.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { DEFAULT_MESSAGING, MAX_RECALL_LIMIT_SEC, MAX_ROAMING_DAYS, messagingOf, parseMessagingSettings, roamingSeconds } from '../../../src/config/messaging-settings.js';

const dir = () => mkdtempSync(join(tmpdir(), 'im-config-msg-'));
const withAppsFile = (apps: unknown, env: Record<string, string> = {}) => {
  const d = dir();
  const file = join(d, 'apps.json');
  writeFileSync(file, JSON.stringify(apps));
  return loadConfig({ IM_DATA_DIR: d, IM_APPS_FILE: file, ...env }, 'single');
};

describe('messaging settings', () => {
  it("default to Tencent's: 7 days roaming, 2-minute recall, blocked senders silently dropped, no relationship check", () => {
    expect(DEFAULT_MESSAGING).toEqual({ roamingDays: 7, recallLimitSec: 120, blockedSenderFails: false, friendsOnly: false });
    const c = loadConfig({ IM_DATA_DIR: dir() }, 'single');
    expect(c.apps[0]!.messaging).toEqual(DEFAULT_MESSAGING);
    expect(roamingSeconds(c.apps[0]!.messaging!)).toBe(7 * 86_400);
    expect(messagingOf({})).toEqual(DEFAULT_MESSAGING);
    expect(messagingOf(undefined)).toEqual(DEFAULT_MESSAGING);
    expect(messagingOf({ messaging: { ...DEFAULT_MESSAGING, friendsOnly: true } }).friendsOnly).toBe(true);
  });

  it('come from the environment for the default app', () => {
    const c = loadConfig({ IM_DATA_DIR: dir(), IM_ROAMING_DAYS: '30', IM_RECALL_LIMIT_SEC: '600', IM_BLOCKED_SENDER_FAILS: '1', IM_FRIENDS_ONLY: '1' }, 'single');
    expect(c.apps[0]!.messaging).toEqual({ roamingDays: 30, recallLimitSec: 600, blockedSenderFails: true, friendsOnly: true });
  });

  it('come from the apps file per app, missing fields defaulted, independent of the default app', () => {
    const c = withAppsFile([{ sdkAppId: 1400000001, messaging: { roamingDays: 90, friendsOnly: true } }, { sdkAppId: 1400000002 }], { IM_BLOCKED_SENDER_FAILS: '1' });
    expect(c.apps[0]!.messaging).toEqual({ ...DEFAULT_MESSAGING, blockedSenderFails: true });
    expect(c.apps[1]!.messaging).toEqual({ ...DEFAULT_MESSAGING, roamingDays: 90, friendsOnly: true });
    expect(c.apps[2]!.messaging).toEqual(DEFAULT_MESSAGING);
  });

  it('accept the range ends', () => {
    expect(parseMessagingSettings({ roamingDays: 1, recallLimitSec: 1 }, 'x')).toMatchObject({ roamingDays: 1, recallLimitSec: 1 });
    expect(parseMessagingSettings({ roamingDays: MAX_ROAMING_DAYS, recallLimitSec: MAX_RECALL_LIMIT_SEC }, 'x')).toMatchObject({ roamingDays: 3650, recallLimitSec: 604_800 });
  });

  it.each([
    [{ IM_ROAMING_DAYS: '0' }, /IM_ROAMING_DAYS must be an integer in 1\.\.3650, got 0/],
    [{ IM_ROAMING_DAYS: '3651' }, /IM_ROAMING_DAYS/],
    [{ IM_ROAMING_DAYS: 'week' }, /IM_ROAMING_DAYS/],
    [{ IM_RECALL_LIMIT_SEC: '0' }, /IM_RECALL_LIMIT_SEC must be an integer in 1\.\.604800/],
    [{ IM_RECALL_LIMIT_SEC: '1.5' }, /IM_RECALL_LIMIT_SEC/],
    [{ IM_BLOCKED_SENDER_FAILS: 'yes' }, /IM_BLOCKED_SENDER_FAILS must be 0 or 1, got yes/],
    [{ IM_FRIENDS_ONLY: 'true' }, /IM_FRIENDS_ONLY must be 0 or 1/],
  ])('refuse the environment %j with a clear message', (env, msg) => {
    expect(() => loadConfig({ IM_DATA_DIR: dir(), ...env }, 'single')).toThrow(msg);
  });

  it.each([
    ['an array', [], /apps\[0\]\.messaging must be an object/],
    ['null', null, /apps\[0\]\.messaging must be an object/],
    ['an unknown field', { roamingDay: 7 }, /apps\[0\]\.messaging has unknown field\(s\) roamingDay/],
    ['roamingDays 0', { roamingDays: 0 }, /apps\[0\]\.messaging\.roamingDays must be an integer in 1\.\.3650, got 0/],
    ['roamingDays as text', { roamingDays: '7' }, /messaging\.roamingDays/],
    ['recallLimitSec too big', { recallLimitSec: 604_801 }, /messaging\.recallLimitSec must be an integer in 1\.\.604800/],
    ['blockedSenderFails as 1', { blockedSenderFails: 1 }, /messaging\.blockedSenderFails must be true or false, got 1/],
    ['friendsOnly as text', { friendsOnly: 'yes' }, /messaging\.friendsOnly must be true or false/],
  ])('refuse an apps-file messaging with %s', (_what, messaging, msg) => {
    expect(() => withAppsFile([{ sdkAppId: 1400000001, messaging }])).toThrow(msg);
  });
});
