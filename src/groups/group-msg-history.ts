// History pages of a group or topic timeline, read straight from the message store (REST
// group_msg_get_simple; later the client's history op). Newest first from a seq down. A viewer who
// joined after a message does not see it unless the type shows history before joining
// (historyBeforeJoin; joinSeq = the group's newest seq when they joined). Deleted messages are
// skipped, recalled ones shown as placeholders only when asked; AVChatRoom keeps no history.
import type { GroupRecord, MemberRecord } from '../store/groups.js';
import type { Store } from '../store/index.js';
import type { StoredMessage } from '../store/messages.js';
import { isDeleted } from './group-msg-view.js';
import { rulesOf } from './group-type-rules.js';

/** Most messages one group_msg_get_simple returns (spec §8). */
export const MAX_HISTORY_PAGE = 20;
/** Store pages read per history page at most: deleted or hidden runs cannot make a call unbounded. */
export const MAX_HISTORY_SCANS = 20;

export interface HistoryQuery {
  /** Newest seq wanted (inclusive); absent = the newest. */
  fromSeq?: number;
  limit: number;
  withRecalled?: boolean;
  /** Whose view: their joinSeq bounds it where the type hides earlier history. */
  viewer?: Pick<MemberRecord, 'joinSeq'>;
}

export interface HistoryPage {
  /** Newest first. */
  messages: StoredMessage[];
  /** True when nothing older is visible. */
  finished: boolean;
  /** Where the next page starts (the seq below the last one read). */
  nextSeq: number;
}

/** The lowest seq `viewer` may see in a group of this type (1 = all). */
export const visibleFrom = (g: Pick<GroupRecord, 'type'>, viewer?: Pick<MemberRecord, 'joinSeq'>): number =>
  viewer && !rulesOf(g.type).historyBeforeJoin ? viewer.joinSeq + 1 : 1;

export async function historyPage(store: Pick<Store, 'messages'>, sdkAppId: number, g: Pick<GroupRecord, 'type'>, convId: string, q: HistoryQuery): Promise<HistoryPage> {
  if (!rulesOf(g.type).storesHistory) return { messages: [], finished: true, nextSeq: 0 };
  const floor = visibleFrom(g, q.viewer);
  const out: StoredMessage[] = [];
  // The highest seq not yet looked at; below floor = nothing more to see.
  let cursor = q.fromSeq ?? Number.MAX_SAFE_INTEGER;
  for (let scans = 0; scans < MAX_HISTORY_SCANS && out.length < q.limit && cursor >= floor; scans++) {
    const page = await store.messages.range(sdkAppId, convId, { fromSeq: floor, ...(q.fromSeq !== undefined || scans > 0 ? { toSeq: cursor } : {}), limit: q.limit, order: 'desc' });
    let consumed = 0;
    for (const m of page.messages) {
      if (out.length >= q.limit) break;
      consumed++;
      cursor = m.seq - 1;
      if (isDeleted(m) || (m.flags.recalled && !q.withRecalled)) continue;
      out.push(m);
    }
    if (consumed < page.messages.length) break;
    if (page.next !== undefined) cursor = page.next;
    else if (page.messages.length < q.limit) cursor = floor - 1;
  }
  const next = Math.max(0, cursor);
  return { messages: out, finished: cursor < floor, nextSeq: next };
}
