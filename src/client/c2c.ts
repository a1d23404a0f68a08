// The C2C part of the SDK (docs/protocol.md §3.3): send, per-conversation sync (after a seq,
// ascending) and history (before a seq, newest first), the conversation list with unread counts,
// and read reports. A refused request rejects with ImError carrying the server's code (80002,
// 90010, 90012, ...). Messages pushed while online arrive as the client's 'c2cMessage' event;
// after a reconnect, syncAll(peer, lastSeenSeq) fetches every missing one in order.
import { Op } from '../protocol/ops.js';
import type { C2cMessageInfo, C2cParams, C2cResults, ConvCursor } from '../protocol/c2c-frames.js';

type Request = <T>(op: number, payload?: unknown, opts?: { timeoutMs?: number }) => Promise<T>;
type Opts = { timeoutMs?: number };

/** Send fields under Tencent's names: MsgBody and MsgRandom required; MsgSeq, CloudCustomData,
 *  SendMsgControl, MsgLifeTime, OnlineOnlyFlag, IsNeedReadReceipt optional. */
export type C2cSendFields = { MsgBody: unknown; MsgRandom: number } & Record<string, unknown>;

export class C2cApi {
  constructor(private readonly request: Request) {}

  private call<O extends keyof C2cParams & keyof C2cResults>(op: O, d: C2cParams[O], o?: Opts): Promise<C2cResults[O]> {
    return this.request<C2cResults[O]>(op, d, o);
  }

  /** Resolves with {key, seq, time} once the message is stored. Retrying with the same fields
   *  within 120 s answers the first result. */
  send(to: string, fields: C2cSendFields, o?: Opts) {
    return this.call(Op.C2C_SEND, { ...fields, to }, o);
  }

  sync(peer: string, afterSeq: number, limit?: number, o?: Opts) {
    return this.call(Op.C2C_SYNC, { peer, afterSeq, ...(limit ? { limit } : {}) }, o);
  }

  /** Every stored message after afterSeq, ascending, page after page. */
  async syncAll(peer: string, afterSeq: number, o?: Opts): Promise<C2cMessageInfo[]> {
    const out: C2cMessageInfo[] = [];
    for (let after = afterSeq; ; ) {
      const p = await this.sync(peer, after, undefined, o);
      out.push(...p.messages);
      if (p.complete || p.afterSeq === after) return out;
      after = p.afterSeq;
    }
  }

  history(peer: string, beforeSeq?: number, limit?: number, o?: Opts) {
    return this.call(Op.C2C_HISTORY, { peer, ...(beforeSeq !== undefined ? { beforeSeq } : {}), ...(limit ? { limit } : {}) }, o);
  }

  conversations(page: { after?: ConvCursor; limit?: number } = {}, o?: Opts) {
    return this.call(Op.CONV_LIST, page, o);
  }

  /** Recalls one of our own messages (20016 after 2 minutes); both sides get 'c2cRecalled'. */
  recall(peer: string, key: string, o?: Opts) {
    return this.call(Op.C2C_RECALL, { peer, key }, o);
  }

  /** Edits one of our own messages (MsgBody and/or CloudCustomData); both sides get 'c2cModified'. */
  modify(peer: string, key: string, change: { MsgBody?: unknown; CloudCustomData?: string }, o?: Opts) {
    return this.call(Op.C2C_MODIFY, { peer, key, ...change }, o);
  }

  /** Deletes messages from our own view (the peer keeps them); answers the keys that named nothing. */
  deleteForMe(peer: string, keys: string[], o?: Opts) {
    return this.call(Op.C2C_DELETE, { peer, keys }, o);
  }

  pin(peer: string, pinned = true, o?: Opts): Promise<void> {
    return this.request<void>(Op.CONV_PIN, { peer, pinned }, o);
  }

  /** Removes the conversation from our list until its next message (history is kept). */
  deleteConversation(peer: string, o?: Opts): Promise<void> {
    return this.request<void>(Op.CONV_DELETE, { peer }, o);
  }

  /** Read receipts for the peer's messages that asked for one; the peer gets 'c2cReceipts'. */
  sendReceipts(peer: string, keys: string[], o?: Opts) {
    return this.call(Op.C2C_RECEIPT, { peer, keys }, o);
  }

  /** Tells the peer's online devices we are typing ('c2cTyping' there); never stored. */
  typing(peer: string, o?: Opts): Promise<void> {
    return this.request<void>(Op.C2C_TYPING, { peer }, o);
  }

  /** Marks the conversation read up to seq (absent = everything); answers the new unread count. */
  markRead(peer: string, seq?: number, o?: Opts) {
    return this.call(Op.C2C_READ, { peer, ...(seq !== undefined ? { seq } : {}) }, o);
  }
}
