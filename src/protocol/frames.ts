// The frame types of the client protocol: closed unions discriminated on `op` (ops.ts). On the
// wire every frame is one MessagePack map with these exact keys. Requests carry `id` (uint32,
// chosen by the client); the REPLY to a request echoes it with a code `c` (0 = ok) and message `m`.
import type { Op } from './ops.js';
import type { Platform } from './platforms.js';
import type { SocialChangesFrame, SocialFrame } from './social-frames.js';
import type { PushFrame } from './push-frames.js';
import type { RoomFrame } from './room-frames.js';
import type { GroupRequestFrame } from './group-requests.js';
import type { GroupServerFrame } from './group-frames.js';
import type { C2cFrame, C2cReceiptsFrame, ConvChangedFrame, C2cPeerTypingFrame, C2cModifiedFrame, C2cMsgFrame, C2cReadChangedFrame, C2cRecalledFrame } from './c2c-frames.js';

export interface LoginParams {
  sdkAppId: number;
  userId: string;
  userSig: string;
  platform: Platform;
  /** Stable per installation (or per browser tab for Web); a second login with the same platform
   *  and deviceId replaces the first connection. */
  deviceId: string;
}

export type ClientFrame =
  | { op: typeof Op.LOGIN; id: number; d: LoginParams }
  | { op: typeof Op.LOGOUT; id: number }
  | { op: typeof Op.HEARTBEAT; id: number }
  | SocialFrame
  | C2cFrame
  | PushFrame
  | RoomFrame
  | GroupRequestFrame;

/** REPLY data of LOGIN. */
export interface LoginResult {
  /** Identifies this socket across the cluster. */
  connId: string;
  /** Server wall clock, unix ms (clients use it to correct message times). */
  serverTimeMs: number;
  /** The client should send HEARTBEAT at least this often. */
  heartbeatMs: number;
}

/** REPLY data of HEARTBEAT. */
export interface HeartbeatResult {
  serverTimeMs: number;
}

export interface ReplyFrame {
  op: typeof Op.REPLY;
  id: number;
  c: number;
  m: string;
  d?: unknown;
}

export interface ErrorFrame {
  op: typeof Op.ERROR;
  c: number;
  m: string;
}

/** Reasons carried in KICKED.m. */
export const KickReason = {
  /** Another login of the same user took this device's place under the app's login policy. */
  ANOTHER_DEVICE: 'another-device',
  /** The app backend kicked the user (REST im_open_login_svc/kick). */
  ADMIN: 'admin',
  /** The app backend deleted the account (REST account_delete). */
  ACCOUNT_DELETED: 'deleted',
} as const;
export type KickReasonValue = (typeof KickReason)[keyof typeof KickReason];

export interface KickedFrame {
  op: typeof Op.KICKED;
  /** Err.KICKED_BY_OTHER_DEVICE (6208). */
  c: number;
  m: string;
}

export interface DrainFrame {
  op: typeof Op.DRAIN;
  m: string;
  /** Reconnect after a random delay in [0, retryWithinMs) so clients of one edge spread out. */
  d: { retryWithinMs: number };
}

export type ServerFrame = ReplyFrame | ErrorFrame | KickedFrame | DrainFrame | SocialChangesFrame | C2cMsgFrame | C2cRecalledFrame | C2cModifiedFrame | C2cReadChangedFrame | C2cPeerTypingFrame | ConvChangedFrame | C2cReceiptsFrame | GroupServerFrame;

/** A frame that could not be accepted. Returned (never thrown) by the decoders. `id` is set when
 *  the request id was readable, so the error can be answered as a REPLY to that request. */
export class ProtocolError {
  readonly kind = 'protocol-error';
  constructor(
    readonly code: number,
    readonly message: string,
    readonly id?: number,
  ) {}
}

export const isProtocolError = (v: unknown): v is ProtocolError => v instanceof ProtocolError;
