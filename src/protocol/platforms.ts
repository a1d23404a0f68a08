// Client platforms as they appear on the wire (LOGIN.platform) and in login policies (spec §7).
// Lives in protocol/ because clients send it; sessions/login-policy.ts re-exports it.

export const PLATFORMS = ['iPhone', 'Android', 'Web', 'PC', 'iPad', 'Mac', 'Unknown'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const isPlatform = (v: unknown): v is Platform => typeof v === 'string' && (PLATFORMS as readonly string[]).includes(v);

/** OptPlatform of the webhooks (spec §5.1) for a client platform. */
const OPT_PLATFORM: Readonly<Record<Platform, string>> = { iPhone: 'iOS', Android: 'Android', Web: 'Web', PC: 'Windows', iPad: 'iPad', Mac: 'Mac', Unknown: 'Unknown' };

export const optPlatformOf = (platform: string): string => (isPlatform(platform) ? OPT_PLATFORM[platform] : 'Unknown');
