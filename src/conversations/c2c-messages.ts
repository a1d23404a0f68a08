// Messages of the C2C conversation actor (kind 'c2c', id `${sdkAppId}:${min}:${max}` of the two
// user ids), the single writer of the pair's timeline. `send` comes from the edge (a device) or
// REST (an admin send) with the body already parsed and checked; the actor dedups, assigns the
// seq, stores, updates both conversation rows, answers, then pushes. Plain data (crosses the bus).
import { addr, type ActorAddress } from '../actors/address.js';
import type { SendOptions } from '../messaging/send-options.js';
import type { JsonValue } from '../store/relationships.js';

export const C2C_KIND = 'c2c';

const ordered = (a: string, b: string): [string, string] => (a <= b ? [a, b] : [b, a]);

export const c2cAddr = (sdkAppId: number, a: string, b: string): ActorAddress => {
  const [x, y] = ordered(a, b);
  return addr(C2C_KIND, `${sdkAppId}:${x}:${y}`);
};

/** The timeline's id in the message and conversation stores (store/seqs.ts). */
export const c2cConvId = (a: string, b: string): string => {
  const [x, y] = ordered(a, b);
  return `c2c:${x}:${y}`;
};

export interface C2cSend {
  t: 'send';
  sdkAppId: number;
  from: string;
  to: string;
  body: JsonValue[];
  options: SendOptions;
  /** The sending device's connection: it gets the ack, not a push. */
  connId?: string;
  /** Apply the relationship rules (blocklist): device sends; REST sendmsg skips them (spec #7). */
  checks?: boolean;
  /** REST importmsg (spec #9): 'history' counts no unread and pushes nothing, 'realtime' does
   *  both; the message keeps its MsgTimeStamp and dedups on (MsgSeq, MsgRandom, MsgTimeStamp). */
  imported?: 'history' | 'realtime';
  /** false: no C2C callbacks (batchsendmsg, spec #8). */
  callbacks?: boolean;
  /** OptPlatform of the callbacks (spec §5.1); RESTAPI when absent. */
  optPlatform?: string;
  clientIp?: string;
}

export interface SendResult {
  key: string;
  seq: number;
  time: number;
}

/** Recall of the message with MsgKey `key`: by a user (its sender, within RECALL_LIMIT_SEC) or
 *  by the admin (REST admin_msgwithdraw, no time limit). */
export interface C2cRecall {
  t: 'recall';
  sdkAppId: number;
  from: string;
  to: string;
  key: string;
  by: 'user' | 'admin';
}

/** Edit of the message with MsgKey `key` (checked body / CloudCustomData; absent = kept). By a
 *  user: only its own messages; by the admin (REST modify_c2c_msg): any. */
export interface C2cModify {
  t: 'modify';
  sdkAppId: number;
  from: string;
  to: string;
  key: string;
  by: 'user' | 'admin';
  body?: JsonValue[];
  /** '' removes it. */
  cloudCustomData?: string;
}

/** Read report: raises reader's readSeq to seq (absent = the newest stored message). */
export interface C2cRead {
  t: 'read';
  sdkAppId: number;
  reader: string;
  peer: string;
  seq?: number;
  /** The reporting device: it has the answer, not a push. */
  connId?: string;
}

export interface ReadResult {
  readSeq: number;
  unread: number;
}

/** Per-message read receipts from `reader` for the peer's messages named by keys. */
export interface C2cReceipt {
  t: 'receipt';
  sdkAppId: number;
  reader: string;
  peer: string;
  keys: string[];
}

export type C2cMsg = C2cSend | C2cRecall | C2cModify | C2cRead | C2cReceipt;
