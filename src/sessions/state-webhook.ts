// State.StateChange bodies (spec §5.3): the only place session events take Tencent's wire names.
// Platform names follow spec §5.1 OptPlatform, with iOS written "IOS" in State.StateChange.
import type { Platform } from '../protocol/platforms.js';
import type { DeviceInfo, SessionMsg } from './session-messages.js';

type DetachReason = Extract<SessionMsg, { t: 'detach' }>['reason'];

const wirePlatform: Record<Platform, string> = {
  iPhone: 'IOS',
  Android: 'Android',
  Web: 'Web',
  PC: 'Windows',
  iPad: 'iPad',
  Mac: 'Mac',
  Unknown: 'Unknown',
};

export const statePlatform = (p: Platform): string => wirePlatform[p];

export function loginEvent(userId: string, kicked: readonly DeviceInfo[], nowMs: number): Record<string, unknown> {
  return {
    Info: { Action: 'Login', To_Account: userId, Reason: 'Register' },
    KickedDevice: kicked.map((d) => ({ Platform: statePlatform(d.platform) })),
    EventTime: nowMs,
  };
}

/** logout: the client said so; close: the link dropped; timeout: heartbeats stopped; kicked: an
 *  admin or another device removed it. */
const detachInfo: Record<DetachReason, { Action: string; Reason: string }> = {
  logout: { Action: 'Logout', Reason: 'Unregister' },
  kicked: { Action: 'Logout', Reason: 'Unregister' },
  close: { Action: 'Disconnect', Reason: 'LinkClose' },
  timeout: { Action: 'Disconnect', Reason: 'TimeOut' },
};

export function detachEvent(userId: string, reason: DetachReason, nowMs: number): Record<string, unknown> {
  return { Info: { ...detachInfo[reason], To_Account: userId }, KickedDevice: [], EventTime: nowMs };
}
