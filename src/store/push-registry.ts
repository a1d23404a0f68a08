// Offline-push registrations and per-conversation receive options (issue 3 item 10). A device
// registers one token; a token belongs to at most one device of one user per app (one phone has
// one token: registering it for another user moves it). A user keeps at most
// MAX_PUSH_DEVICES_PER_USER devices, the least recently updated one is dropped first. Receive
// options are stored only when non-zero; reading an absent one means RecvOpt.RECEIVE.
import { checkConvId, checkInt, checkText } from './message-records.js';
import { checkAppId, checkUserId } from './records.js';

/** Devices one user may register; the oldest registration is replaced beyond it. */
export const MAX_PUSH_DEVICES_PER_USER = 10;
/** Longest token: FCM tokens are opaque and may be long; APNs tokens are 64 hex chars today. */
export const MAX_PUSH_TOKEN_CHARS = 4096;
/** Same bound as the protocol's device ids. */
export const MAX_PUSH_DEVICE_ID_CHARS = 128;
/** An APNs topic is an app bundle id (plus a suffix for VoIP and the like). */
export const MAX_PUSH_TOPIC_BYTES = 255;
/** Most users in one list() or getRecvOpts() call (Tencent's largest recipient list). */
export const MAX_PUSH_BATCH = 500;

export const PUSH_PLATFORMS = ['apns', 'fcm'] as const;
export type PushDevicePlatform = (typeof PUSH_PLATFORMS)[number];

/** Per-conversation receive option (do-not-disturb). */
export const RecvOpt = {
  /** Receive and push while offline (default, never stored). */
  RECEIVE: 0,
  /** Receive online, no offline push (unless the sender used WithMuteNotifications). */
  NO_PUSH: 1,
} as const;
export type RecvOptValue = (typeof RecvOpt)[keyof typeof RecvOpt];

export interface PushDevice {
  /** The LOGIN deviceId of the device that registered. */
  deviceId: string;
  platform: PushDevicePlatform;
  token: string;
  /** APNs only: the bundle id (apns-topic). */
  topic?: string;
  /** APNs only: a development build (sandbox endpoint). */
  sandbox?: boolean;
  /** Unix ms of the registration. */
  updatedAt: number;
}

export interface PushRegistryStore {
  /** Registers (or replaces, by deviceId) a device of userId. The token is removed from every
   *  other device of the app first, whoever owns it. Beyond MAX_PUSH_DEVICES_PER_USER the least
   *  recently updated device is dropped. */
  put(sdkAppId: number, userId: string, device: PushDevice): Promise<void>;
  /** Registered devices of each user (users with none are absent), oldest first. */
  list(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, PushDevice[]>>;
  /** Forgets one device; true when it was registered. */
  remove(sdkAppId: number, userId: string, deviceId: string): Promise<boolean>;
  /** Forgets whichever device holds this token (a push service said it is dead). */
  removeToken(sdkAppId: number, token: string): Promise<void>;
  /** Sets owner's receive option for convId; RECEIVE deletes the stored value. */
  setRecvOpt(sdkAppId: number, owner: string, convId: string, opt: RecvOptValue): Promise<void>;
  /** The non-zero receive options of these owners for convId (owners at RECEIVE are absent). */
  getRecvOpts(sdkAppId: number, owners: readonly string[], convId: string): Promise<Map<string, RecvOptValue>>;
}

export function checkDeviceId(deviceId: unknown): asserts deviceId is string {
  checkText(deviceId, 'deviceId', MAX_PUSH_DEVICE_ID_CHARS * 4, false);
  if ((deviceId as string).length > MAX_PUSH_DEVICE_ID_CHARS) throw new RangeError(`deviceId must be at most ${MAX_PUSH_DEVICE_ID_CHARS} characters`);
}

export function checkToken(token: unknown): asserts token is string {
  checkText(token, 'token', MAX_PUSH_TOKEN_CHARS * 4, false);
  if ((token as string).length > MAX_PUSH_TOKEN_CHARS) throw new RangeError(`token must be at most ${MAX_PUSH_TOKEN_CHARS} characters`);
}

/** Validated copy of a device with only the PushDevice fields (APNs fields only for APNs). */
export function pushDevice(d: PushDevice): PushDevice {
  if (typeof d !== 'object' || d === null) throw new TypeError('device must be an object');
  checkDeviceId(d.deviceId);
  if (!(PUSH_PLATFORMS as readonly unknown[]).includes(d.platform)) throw new RangeError(`platform must be one of ${PUSH_PLATFORMS.join('|')}, got ${String(d.platform)}`);
  checkToken(d.token);
  checkInt(d.updatedAt, 'updatedAt');
  const out: PushDevice = { deviceId: d.deviceId, platform: d.platform, token: d.token, updatedAt: d.updatedAt };
  if (d.platform === 'apns') {
    if (d.topic !== undefined) {
      checkText(d.topic, 'topic', MAX_PUSH_TOPIC_BYTES, false);
      out.topic = d.topic;
    }
    if (d.sandbox !== undefined && typeof d.sandbox !== 'boolean') throw new TypeError('sandbox must be a boolean');
    if (d.sandbox) out.sandbox = true;
  }
  return out;
}

export function checkRecvOpt(opt: unknown): asserts opt is RecvOptValue {
  if (opt !== RecvOpt.RECEIVE && opt !== RecvOpt.NO_PUSH) throw new RangeError(`recv opt must be 0 or 1, got ${String(opt)}`);
}

/** Distinct valid user ids of a batch, first-seen order. */
export function checkPushUsers(userIds: readonly string[], what: string): string[] {
  if (!Array.isArray(userIds)) throw new TypeError(`${what} must be an array`);
  const distinct = [...new Set(userIds)];
  if (distinct.length > MAX_PUSH_BATCH) throw new RangeError(`${what} takes at most ${MAX_PUSH_BATCH} distinct ids, got ${distinct.length}`);
  for (const u of distinct) checkUserId(u);
  return distinct;
}

export { checkAppId, checkConvId, checkUserId };

/** Oldest first (then deviceId, so ties order the same in every backend). */
export const byAge = (a: PushDevice, b: PushDevice): number => a.updatedAt - b.updatedAt || (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0);

/** What put() must do given the user's current devices: the devices to drop (same deviceId
 *  replaced, same token elsewhere in the user, and the oldest beyond the cap). */
export function planPut(current: readonly PushDevice[], next: PushDevice): PushDevice[] {
  const drop = current.filter((d) => d.deviceId === next.deviceId || d.token === next.token);
  const kept = current.filter((d) => !drop.includes(d)).sort(byAge);
  while (kept.length >= MAX_PUSH_DEVICES_PER_USER) drop.push(kept.shift()!);
  return drop;
}
