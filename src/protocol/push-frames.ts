// Frames of the offline-push ops (docs/protocol.md, offline push): the logged-in device registers
// or removes its own push token (the deviceId and user come from LOGIN, never from the frame), and
// the user sets or reads a C2C conversation's receive option (0 = receive and push offline, 1 =
// receive without offline push).
import type { Op } from './ops.js';

export type PushTokenPlatform = 'apns' | 'fcm';
/** 0 = receive and push while offline; 1 = receive, no offline push (do-not-disturb). */
export type RecvOptWire = 0 | 1;

export interface PushParams {
  /** APNs: hex token plus the app's bundle id as topic (sandbox for development builds). */
  [Op.PUSH_TOKEN_SET]: { platform: PushTokenPlatform; token: string; topic?: string; sandbox?: boolean };
  /** Forgets this device's token (e.g. on sign-out); answers whether one was registered. */
  [Op.PUSH_TOKEN_REMOVE]: Record<string, never>;
  [Op.CONV_RECV_OPT_SET]: { peer: string; opt: RecvOptWire };
  [Op.CONV_RECV_OPT_GET]: { peers: string[] };
}

export type PushFrame = { [O in keyof PushParams]: { op: O; id: number; d: PushParams[O] } }[keyof PushParams];

export interface PushResults {
  [Op.PUSH_TOKEN_REMOVE]: { removed: boolean };
  /** One entry per requested peer, in request order. */
  [Op.CONV_RECV_OPT_GET]: { opts: Array<{ peer: string; opt: RecvOptWire }> };
}
