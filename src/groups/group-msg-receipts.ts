// Read-receipt counts of group messages from members' read positions (docs/groups.md): a member
// who was in the group when the message was sent (joinSeq < seq) and is not its sender has read it
// once their readSeq reaches its seq. Works for any Work/Public/Meeting group (up to 6,000 members,
// beyond Tencent's 200): one member walk per call, nothing stored per message.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { GroupRecord, MemberRecord } from '../store/groups.js';
import type { Store } from '../store/index.js';
import type { StoredMessage } from '../store/messages.js';
import { RECEIPT_TYPES } from './group-msg-read.js';
import { MAX_MEMBER_PAGE } from '../store/group-members.js';

/** Most members a receipt count walks (the largest small group). */
export const MAX_RECEIPT_MEMBERS = 6000;

export const eligibleFor = (m: Pick<MemberRecord, 'userId' | 'joinSeq'>, msg: Pick<StoredMessage, 'seq' | 'from'>): boolean => m.userId !== msg.from && m.joinSeq < msg.seq;
export const hasRead = (m: Pick<MemberRecord, 'readSeq'>, msg: Pick<StoredMessage, 'seq'>): boolean => m.readSeq >= msg.seq;

/** Every member of a receipt group (10007 for other types, 10004 past the member cap). */
export async function receiptMembers(store: Pick<Store, 'groupMembers'>, sdkAppId: number, g: GroupRecord): Promise<MemberRecord[]> {
  if (!RECEIPT_TYPES.has(g.type)) throw new ImError(Err.GROUP_PERMISSION_DENIED, `a ${g.type} group has no read receipts`);
  const out: MemberRecord[] = [];
  for (let after: string | undefined, first = true; first || after !== undefined; first = false) {
    const page = await store.groupMembers.listMembers(sdkAppId, g.groupId, { limit: MAX_MEMBER_PAGE, ...(after !== undefined ? { after } : {}) });
    out.push(...page.members);
    if (out.length > MAX_RECEIPT_MEMBERS) throw new ImError(Err.GROUP_INVALID_PARAMS, `read receipts are counted for groups of at most ${MAX_RECEIPT_MEMBERS} members`);
    after = page.next;
  }
  return out;
}

export function receiptCount(members: readonly MemberRecord[], msg: Pick<StoredMessage, 'seq' | 'from'>): { read: number; unread: number } {
  let read = 0;
  let unread = 0;
  for (const m of members) {
    if (!eligibleFor(m, msg)) continue;
    if (hasRead(m, msg)) read++;
    else unread++;
  }
  return { read, unread };
}
