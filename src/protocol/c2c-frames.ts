// Frames of the C2C messaging ops (docs/protocol.md §3.3): request parameters per op, reply data and
// the C2C_MSG push. C2C_SEND carries the send fields under Tencent's own names (MsgBody,
// MsgRandom, MsgSeq, CloudCustomData, SendMsgControl, MsgLifeTime, OnlineOnlyFlag, ...) next to
// `to`, so the socket and REST sends share one parser (src/messaging/send-request.ts).
import type { Op } from './ops.js';

/** One message of a C2C timeline as clients see it. body uses Tencent's MsgBody element form. */
export interface C2cMessageInfo {
  /** Position in the pair's timeline (0 for an online-only message, which is never stored). */
  seq: number;
  key: string;
  from: string;
  to: string;
  /** MsgTime, unix seconds. */
  time: number;
  random: number;
  clientSeq?: number;
  body: unknown[];
  cloudCustomData?: string;
  recalled?: boolean;
  edited?: boolean;
  /** The sender asked for a read receipt (IsNeedReadReceipt). */
  needReadReceipt?: boolean;
  /** The recipient has sent the receipt. */
  peerRead?: boolean;
}

/** Position after a conversation in list order. */
export interface ConvCursor {
  lastTime: number;
  convId: string;
}

export interface ConversationInfo {
  convId: string;
  type: 'c2c' | 'group';
  peer: string;
  lastSeq: number;
  lastTime: number;
  lastMsg: unknown;
  readSeq: number;
  unread: number;
  pinned: boolean;
}

export interface C2cParams {
  [Op.C2C_SEND]: { to: string; MsgBody: unknown; MsgRandom: number } & Record<string, unknown>;
  /** Messages after afterSeq, ascending. */
  [Op.C2C_SYNC]: { peer: string; afterSeq: number; limit?: number };
  /** Messages before beforeSeq (absent = newest), newest first. */
  [Op.C2C_HISTORY]: { peer: string; beforeSeq?: number; limit?: number };
  [Op.CONV_LIST]: { after?: ConvCursor; limit?: number };
  /** Marks read up to seq (absent = the newest message). */
  [Op.C2C_READ]: { peer: string; seq?: number };
  /** Recalls one of the caller's own messages (within the app's limit). */
  [Op.C2C_RECALL]: { peer: string; key: string };
  /** Replaces the body and/or CloudCustomData of one of the caller's own messages. */
  [Op.C2C_MODIFY]: { peer: string; key: string; MsgBody?: unknown; CloudCustomData?: string };
  /** Tells the peer's online devices that the caller is typing; never stored. */
  [Op.C2C_TYPING]: { peer: string };
  /** Deletes messages from the caller's own view of the conversation (the peer keeps them). */
  [Op.C2C_DELETE]: { peer: string; keys: string[] };
  /** Pins or unpins the C2C conversation with peer (synced: every device lists the same). */
  [Op.CONV_PIN]: { peer: string; pinned: boolean };
  /** Removes the C2C conversation with peer from the list until its next message. */
  [Op.CONV_DELETE]: { peer: string };
  /** Read receipts for the peer's messages that asked for one. */
  [Op.C2C_RECEIPT]: { peer: string; keys: string[] };
}

export type C2cFrame = { [O in keyof C2cParams]: { op: O; id: number; d: C2cParams[O] } }[keyof C2cParams];

export interface C2cResults {
  [Op.C2C_SEND]: { key: string; seq: number; time: number };
  /** afterSeq: pass it to the next C2C_SYNC; complete: nothing newer was stored. */
  [Op.C2C_SYNC]: { messages: C2cMessageInfo[]; afterSeq: number; maxSeq: number; complete: boolean };
  /** beforeSeq: pass it to the next C2C_HISTORY; complete: the oldest stored message was reached. */
  [Op.C2C_HISTORY]: { messages: C2cMessageInfo[]; beforeSeq: number; complete: boolean };
  [Op.CONV_LIST]: { conversations: ConversationInfo[]; next?: ConvCursor };
  [Op.C2C_READ]: { readSeq: number; unread: number };
  [Op.C2C_RECALL]: { seq: number };
  [Op.C2C_MODIFY]: { msg: C2cMessageInfo };
  /** Keys that name no stored message of the conversation. */
  [Op.C2C_DELETE]: { invalidKeys: string[] };
  /** keys: the messages newly marked read by the caller. */
  [Op.C2C_RECEIPT]: { keys: string[] };
}

export interface C2cReceiptsFrame {
  op: typeof Op.C2C_RECEIPTS;
  d: { reader: string; keys: string[] };
}

/** Which message was recalled; it stays in history as a placeholder (recalled, empty body). */
export interface C2cRecallInfo {
  from: string;
  to: string;
  seq: number;
  key: string;
}

export interface C2cModifiedFrame {
  op: typeof Op.C2C_MODIFIED;
  d: { msg: C2cMessageInfo };
}

/** `reader` has read the conversation with `peer` up to readSeq. */
export interface C2cReadInfo {
  reader: string;
  peer: string;
  readSeq: number;
}

export interface C2cReadChangedFrame {
  op: typeof Op.C2C_READ_CHANGED;
  d: C2cReadInfo;
}

export interface ConvChangedInfo {
  convId: string;
  peer: string;
  pinned?: boolean;
  deleted?: boolean;
}

export interface ConvChangedFrame {
  op: typeof Op.CONV_CHANGED;
  d: ConvChangedInfo;
}

export interface C2cPeerTypingFrame {
  op: typeof Op.C2C_PEER_TYPING;
  d: { from: string };
}

export interface C2cRecalledFrame {
  op: typeof Op.C2C_RECALLED;
  d: C2cRecallInfo;
}

export interface C2cMsgFrame {
  op: typeof Op.C2C_MSG;
  d: { msg: C2cMessageInfo };
}
