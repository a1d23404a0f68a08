// The offline-push port: one notification to one device token, answered with a typed result.
// The domain decides when to push (device offline, do-not-disturb) and what to forget: a result
// with reason 'invalid-token' or 'unregistered' means the token will never work again and must be
// dropped; a token that is malformed (empty, wrong alphabet) is reported the same way without
// reaching the service. Implementations never throw for a delivery failure; they throw only for a
// programming error (a target for a platform they do not serve).

export type PushPlatform = 'apns' | 'fcm';

export type PushTarget =
  | {
      platform: 'apns';
      /** Hex device token from the iOS app's registration. */
      token: string;
      /** The app's bundle id (apns-topic). */
      topic: string;
      /** Development build: the token belongs to the sandbox environment. */
      sandbox?: boolean;
    }
  | { platform: 'fcm'; token: string };

export type PushPriority = 'high' | 'normal';

export interface PushNotification {
  title?: string;
  /** The push text shown to the user. */
  body: string;
  sound?: string;
  badge?: number;
  /** Opaque string passed through to the app (Tencent's OfflinePushInfo.Ext). */
  ext?: string;
  data?: Record<string, string>;
  /** Notifications with the same id replace each other on the device. */
  collapseId?: string;
  priority: PushPriority;
  /** How long the push service may hold an undeliverable notification; 0 = deliver now or drop. */
  ttlSec?: number;
  /** iOS-only fields; title and sound here override the shared ones on iOS. */
  apns?: { title?: string; subtitle?: string; sound?: string; image?: string; mutableContent?: boolean; interruptionLevel?: ApnsInterruptionLevel };
  /** Android-only fields; sound here overrides the shared one on Android. */
  android?: { channelId?: string; image?: string; sound?: string };
}

export type ApnsInterruptionLevel = 'passive' | 'active' | 'time-sensitive' | 'critical';
export const APNS_INTERRUPTION_LEVELS: readonly ApnsInterruptionLevel[] = ['passive', 'active', 'time-sensitive', 'critical'];

export type PushFailureReason =
  | 'invalid-token'
  | 'unregistered'
  | 'rate-limited'
  | 'auth'
  | 'payload-too-large'
  | 'unavailable'
  | 'bad-request';

export type PushResult = { ok: true } | { ok: false; reason: PushFailureReason; retryable: boolean; detail: string };

export interface PushProvider {
  /** Delivers one notification to the push service. Resolves (never rejects) with the outcome of
   *  a well-formed request; a timeout or a dropped connection is 'unavailable', retryable. */
  send(target: PushTarget, n: PushNotification): Promise<PushResult>;
  /** Releases connections; sends after close resolve 'unavailable'. */
  close(): Promise<void>;
}

/** True when the domain must forget the token. */
export const isDeadToken = (r: PushResult): boolean => !r.ok && (r.reason === 'invalid-token' || r.reason === 'unregistered');

export const pushFailure = (reason: PushFailureReason, retryable: boolean, detail: string): PushResult => ({ ok: false, reason, retryable, detail });
