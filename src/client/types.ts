// Types of the client SDK's surface: the WebSocket it needs (the browser API subset, which the
// `ws` package also provides), its options and its events.
import type { ServerFrame } from '../protocol/frames.js';
import type { SocialChangeInfo } from '../protocol/social-frames.js';
import type { C2cMessageInfo, C2cReadInfo, C2cRecallInfo, ConvChangedInfo } from '../protocol/c2c-frames.js';
import type { GroupModifiedFrame, GroupMsgDeletedFrame, GroupMsgFrame, GroupReadChangedFrame, GroupReceiptsFrame, GroupRecalledFrame, GroupSystemFrame } from '../protocol/group-frames.js';

/** The part of the standard WebSocket API the SDK uses. */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (ev: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (ev: { code: number; reason: string }) => void): void;
}

export type WebSocketCtor = new (url: string) => WebSocketLike;

export interface ImClientOptions {
  /** Defaults to globalThis.WebSocket (browsers, Node >= 22, k6). On Node 20 pass the `ws` package's. */
  WebSocket?: WebSocketCtor;
  /** Default wait for each reply (protocol DEFAULT_REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number;
  /** Heartbeat interval; by default the login reply's heartbeatMs. 0 disables heartbeats. */
  heartbeatMs?: number;
  /** Requests larger than this are refused locally (the server would close the socket). */
  maxFrameBytes?: number;
}

export interface ImClientEvents {
  /** This device was removed (another login, admin kick); the close follows. */
  kicked: { code: number; reason: string };
  /** The server is draining: reconnect (after a random delay below retryWithinMs). */
  drain: { message: string; retryWithinMs: number };
  /** New entries of the user's social change log (friends, requests, blocklist, profiles). */
  socialChanges: { changes: SocialChangeInfo[] };
  /** A C2C message pushed to this device (received, or sent from another of our devices). */
  c2cMessage: C2cMessageInfo;
  /** The peer read our messages that asked for a receipt. */
  c2cReceipts: { reader: string; keys: string[] };
  /** Another of our devices pinned, unpinned or deleted a conversation. */
  conversationChanged: ConvChangedInfo;
  /** A peer is typing to us. */
  c2cTyping: { from: string };
  /** A read position rose: ours from another device (reader = us), or the peer's (a receipt). */
  c2cRead: C2cReadInfo;
  /** A message of one of our C2C conversations was edited: its new version. */
  c2cModified: C2cMessageInfo;
  /** A message of one of our C2C conversations was recalled (it stays in history as a placeholder). */
  c2cRecalled: C2cRecallInfo;
  /** Messages of one of our groups (or topics), in seq order: one batch or live-room tick. */
  groupMessage: GroupMsgFrame['d'];
  groupRecalled: GroupRecalledFrame['d'];
  groupModified: GroupModifiedFrame['d'];
  /** Our read position in a group moved (from another of our devices). */
  groupRead: GroupReadChangedFrame['d'];
  /** A member read our messages that asked for a receipt. */
  groupReceipts: GroupReceiptsFrame['d'];
  /** A group system notification (online only). */
  groupSystem: GroupSystemFrame['d'];
  groupMsgDeleted: GroupMsgDeletedFrame['d'];
  /** Every server push frame (op >= 200), KICKED and DRAIN included. */
  push: ServerFrame;
  /** An ERROR frame: the server could not read one of our frames. */
  serverError: { code: number; message: string };
  close: { code: number; reason: string };
}

export type ClientState = 'idle' | 'connecting' | 'open' | 'closed';
