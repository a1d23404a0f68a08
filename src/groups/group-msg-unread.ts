// A member's unread count in a group (docs/groups.md "Unread"): the messages after their readSeq
// up to the newest that count — not NoUnread sends, not history imports, not tips, not recalled or
// deleted ones — for types with unread counts (not Meeting, not AVChatRoom). Counted from one range
// read of at most MAX_UNREAD_SCAN messages; a longer gap answers the plain seq difference (every
// message beyond what a client would show as "999+" counts).
import type { GroupRecord } from '../store/groups.js';
import type { Store } from '../store/index.js';
import { MAX_RANGE_LIMIT, type StoredMessage } from '../store/messages.js';
import { convIdOf } from './group-msg-where.js';
import { isDeleted, isTip } from './group-msg-view.js';
import { rulesOf } from './group-type-rules.js';

/** Widest readSeq..lastSeq gap counted message by message. */
export const MAX_UNREAD_SCAN = MAX_RANGE_LIMIT;
/** Store pages one count reads at most (a timeline page may stop at a partition boundary). */
export const MAX_UNREAD_PAGES = 4;

export const countsAsUnread = (m: StoredMessage): boolean => m.extra.noUnread !== true && !isTip(m) && !isDeleted(m) && !m.flags.recalled;

export async function groupUnreadCount(
  store: Pick<Store, 'messages'>,
  sdkAppId: number,
  g: Pick<GroupRecord, 'groupId' | 'type'>,
  readSeq: number,
  lastSeq: number,
  topicId?: string,
): Promise<number> {
  if (!rulesOf(g.type).unread || lastSeq <= readSeq) return 0;
  const gap = lastSeq - readSeq;
  if (gap > MAX_UNREAD_SCAN) return gap;
  let count = 0;
  let fromSeq: number | undefined = readSeq + 1;
  for (let pages = 0; fromSeq !== undefined && pages < MAX_UNREAD_PAGES; pages++) {
    const page = await store.messages.range(sdkAppId, convIdOf(g.groupId, topicId), { fromSeq, toSeq: lastSeq, limit: MAX_UNREAD_SCAN, order: 'asc' });
    count += page.messages.filter(countsAsUnread).length;
    fromSeq = page.next;
  }
  return count;
}

/**
 * The readSeq that leaves exactly `unread` counted messages unread (set_unread_msg_num): just
 * below the unread-th counted message from the newest; 0 when the timeline holds fewer. Past
 * what one scan reaches, the plain seq difference.
 */
export async function readSeqForUnread(store: Pick<Store, 'messages'>, sdkAppId: number, g: Pick<GroupRecord, 'groupId' | 'type'>, lastSeq: number, unread: number, topicId?: string): Promise<number> {
  if (unread <= 0) return lastSeq;
  if (!rulesOf(g.type).unread || unread > MAX_UNREAD_SCAN) return Math.max(0, lastSeq - unread);
  let counted = 0;
  let toSeq: number | undefined = lastSeq;
  for (let pages = 0; toSeq !== undefined && toSeq >= 1 && pages < MAX_UNREAD_PAGES; pages++) {
    const page = await store.messages.range(sdkAppId, convIdOf(g.groupId, topicId), { toSeq, limit: MAX_UNREAD_SCAN, order: 'desc' });
    for (const m of page.messages) {
      if (countsAsUnread(m) && ++counted === unread) return m.seq - 1;
    }
    const last = page.messages[page.messages.length - 1];
    toSeq = page.next ?? (last && page.messages.length === MAX_UNREAD_SCAN ? last.seq - 1 : undefined);
  }
  // The whole timeline holds fewer: everything is unread.
  if (toSeq === undefined || toSeq < 1) return 0;
  return Math.max(0, lastSeq - unread);
}
