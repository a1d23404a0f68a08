// Messages of the session actor (one per user: address kind 'session', id `${sdkAppId}:${userId}`).
// The session actor tracks the user's devices, enforces the app's login policy and kicks older
// devices. Closed union; the actor's switch ends in assertNever.
import { addr, type ActorAddress } from '../actors/address.js';
import type { Platform } from './login-policy.js';

export const SESSION_KIND = 'session';
export const sessionAddr = (sdkAppId: number, userId: string): ActorAddress => addr(SESSION_KIND, `${sdkAppId}:${userId}`);

export interface DeviceInfo {
  connId: string;
  edgeId: string;
  platform: Platform;
  deviceId: string;
  since: number;
}

export type SessionMsg =
  /** A socket finished UserSig verification. Reply: AttachReply. */
  | { t: 'attach'; device: DeviceInfo; clientIp?: string }
  /** A socket went away. reason: logout (client said so), close (socket closed), timeout (no heartbeat). */
  | { t: 'detach'; connId: string; reason: 'logout' | 'close' | 'timeout' | 'kicked' }
  /** Admin kick (REST `kick`): every device is disconnected. Reply: number of devices kicked. */
  | { t: 'kickAll'; reason: string }
  /** Reply: DeviceInfo[] currently attached. */
  | { t: 'devices' };

export interface AttachReply {
  /** Devices the login policy removed to make room for this one. */
  kicked: DeviceInfo[];
}
