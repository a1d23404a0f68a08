// Per-app messaging settings (the Tencent console switches of spec §7): roaming retention, the
// client recall window, what a blocked sender sees, and the optional relationship check. From
// the apps file (`messaging: {...}` per app) and, for the default app, IM_* variables; absent
// values take Tencent's defaults. Every bad value fails start-up with an error naming it.

export interface MessagingSettings {
  /** Days a stored C2C message stays in roaming history (spec §7: 7 by default). */
  roamingDays: number;
  /** Seconds after sending during which a user may recall their message (spec §7: 2 minutes). */
  recallLimitSec: number;
  /** true: a sender in the recipient's blocklist gets 20007; false (default): silently dropped. */
  blockedSenderFails: boolean;
  /** The "relationship check": device C2C sends only between two-way friends (20009-20011). */
  friendsOnly: boolean;
}

export const DEFAULT_MESSAGING: Readonly<MessagingSettings> = Object.freeze({
  roamingDays: 7,
  recallLimitSec: 120,
  blockedSenderFails: false,
  friendsOnly: false,
});

/** Ten years: longer than any Tencent edition offers, and within Cassandra's 20-year TTL cap. */
export const MAX_ROAMING_DAYS = 3650;
/** One week, like Tencent's longest configurable recall window. */
export const MAX_RECALL_LIMIT_SEC = 604_800;

export const roamingSeconds = (s: Pick<MessagingSettings, 'roamingDays'>): number => s.roamingDays * 86_400;

/** The settings of an app (AppConfig.messaging); defaults when the app, or its settings, is absent
 *  (e.g. `messagingOf(apps.get(sdkAppId))`). */
export const messagingOf = (app: { messaging?: MessagingSettings } | undefined): MessagingSettings => app?.messaging ?? { ...DEFAULT_MESSAGING };

const KEYS = Object.keys(DEFAULT_MESSAGING);

function intIn(v: unknown, min: number, max: number, at: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new Error(`${at} must be an integer in ${min}..${max}, got ${JSON.stringify(v)}`);
  return v;
}

function bool(v: unknown, at: string): boolean {
  if (typeof v !== 'boolean') throw new Error(`${at} must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

/** Validates an apps-file `messaging` object (absent = defaults); throws naming `where`. */
export function parseMessagingSettings(raw: unknown, where: string): MessagingSettings {
  if (raw === undefined) return { ...DEFAULT_MESSAGING };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${where}.messaging must be an object`);
  const o = raw as Record<string, unknown>;
  const unknown = Object.keys(o).filter((k) => !KEYS.includes(k));
  if (unknown.length) throw new Error(`${where}.messaging has unknown field(s) ${unknown.join(', ')} (known: ${KEYS.join(', ')})`);
  const at = (k: string) => `${where}.messaging.${k}`;
  return {
    roamingDays: o.roamingDays === undefined ? DEFAULT_MESSAGING.roamingDays : intIn(o.roamingDays, 1, MAX_ROAMING_DAYS, at('roamingDays')),
    recallLimitSec: o.recallLimitSec === undefined ? DEFAULT_MESSAGING.recallLimitSec : intIn(o.recallLimitSec, 1, MAX_RECALL_LIMIT_SEC, at('recallLimitSec')),
    blockedSenderFails: o.blockedSenderFails === undefined ? DEFAULT_MESSAGING.blockedSenderFails : bool(o.blockedSenderFails, at('blockedSenderFails')),
    friendsOnly: o.friendsOnly === undefined ? DEFAULT_MESSAGING.friendsOnly : bool(o.friendsOnly, at('friendsOnly')),
  };
}

type Env = Record<string, string | undefined>;

/** The default app's settings from IM_ROAMING_DAYS, IM_RECALL_LIMIT_SEC, IM_BLOCKED_SENDER_FAILS
 *  and IM_FRIENDS_ONLY (flags are 0 or 1). */
export function messagingFromEnv(env: Env): MessagingSettings {
  const num = (name: string, min: number, max: number, dflt: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return dflt;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer in ${min}..${max}, got ${raw}`);
    return n;
  };
  const flag = (name: string, dflt: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return dflt;
    if (raw !== '0' && raw !== '1') throw new Error(`${name} must be 0 or 1, got ${raw}`);
    return raw === '1';
  };
  return {
    roamingDays: num('IM_ROAMING_DAYS', 1, MAX_ROAMING_DAYS, DEFAULT_MESSAGING.roamingDays),
    recallLimitSec: num('IM_RECALL_LIMIT_SEC', 1, MAX_RECALL_LIMIT_SEC, DEFAULT_MESSAGING.recallLimitSec),
    blockedSenderFails: flag('IM_BLOCKED_SENDER_FAILS', DEFAULT_MESSAGING.blockedSenderFails),
    friendsOnly: flag('IM_FRIENDS_ONLY', DEFAULT_MESSAGING.friendsOnly),
  };
}
