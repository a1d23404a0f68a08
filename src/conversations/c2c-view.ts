// What clients and conversation rows see of a stored C2C message: the wire form of C2C_MSG /
// C2C_SYNC entries, and the lastMsg summary kept in conversation rows. Unread is derived here so
// every path (list, read report) computes it one way: lastSeq - readSeq - NoUnread seqs.
import type { C2cMessageInfo, ConversationInfo } from '../protocol/c2c-frames.js';
import type { ConversationRecord } from '../store/conversations.js';
import type { Store } from '../store/index.js';
import type { StoredMessage } from '../store/messages.js';
import type { JsonValue } from '../store/relationships.js';

export function messageInfo(m: StoredMessage): C2cMessageInfo {
  const out: C2cMessageInfo = { seq: m.seq, key: m.key, from: m.from, to: m.to ?? '', time: m.time, random: m.random, body: m.body };
  if (m.clientSeq !== undefined) out.clientSeq = m.clientSeq;
  if (m.cloudCustomData !== undefined) out.cloudCustomData = m.cloudCustomData;
  if (m.flags.recalled) out.recalled = true;
  if (m.flags.edited) out.edited = true;
  if (m.extra.needReadReceipt === true) out.needReadReceipt = true;
  if (m.extra.peerRead === true) out.peerRead = true;
  return out;
}

/** The conversation row's lastMsg: enough to draw a list entry without fetching the message. */
export const lastMsgOf = (m: StoredMessage): JsonValue => ({ key: m.key, seq: m.seq, from: m.from, time: m.time, body: m.body });

export const unreadOf = (r: Pick<ConversationRecord, 'lastSeq' | 'readSeq' | 'noUnreadSeqs'>): number =>
  Math.max(0, r.lastSeq - r.readSeq - r.noUnreadSeqs.length);

/** A user's stored unread count in one conversation, for callbacks: 0 without a row, -1 when it
 *  cannot be read (a callback still goes out). */
export async function storedUnread(store: Pick<Store, 'conversations'>, sdkAppId: number, user: string, convId: string): Promise<number> {
  try {
    const row = (await store.conversations.get(sdkAppId, user, [convId])).get(convId);
    return row ? unreadOf(row) : 0;
  } catch {
    return -1;
  }
}

export const conversationInfo = (r: ConversationRecord): ConversationInfo => ({
  convId: r.convId,
  type: r.type,
  peer: r.peer,
  lastSeq: r.lastSeq,
  lastTime: r.lastTime,
  lastMsg: r.lastMsg,
  readSeq: r.readSeq,
  unread: unreadOf(r),
  pinned: r.pinned,
});
