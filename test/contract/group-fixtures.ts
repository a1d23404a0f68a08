// Fixtures shared by the group store contract cases (see group-store.contract.ts).
import type { GroupRecord, JoinRequestRecord, MemberRecord, TopicRecord } from '../../src/store/index.js';
import type { StoreCaseContext } from './store-suite.js';

export type GroupCaseContext = StoreCaseContext;

export const T0 = 1_790_000_000_000;

export const group = (groupId: string, over: Partial<GroupRecord> = {}): GroupRecord => ({
  groupId,
  type: 'Public',
  name: `name of ${groupId}`,
  ownerId: 'owner',
  createdAt: T0,
  introduction: '',
  notification: '',
  faceUrl: '',
  applyJoinOption: 'NeedPermission',
  inviteJoinOption: 'FreeAccess',
  maxMemberNum: 2000,
  muteAll: false,
  custom: {},
  memberCount: 1,
  lastMsgTime: 0,
  infoSeq: 0,
  lastInfoTime: 0,
  supportTopic: false,
  dismissedAt: 0,
  ...over,
});

export const member = (userId: string, over: Partial<MemberRecord> = {}): MemberRecord => ({
  userId,
  role: 'Member',
  joinTime: T0,
  joinSeq: 0,
  muteUntil: 0,
  nameCard: '',
  msgFlag: 'AcceptAndNotify',
  custom: {},
  readSeq: 0,
  lastSendTime: 0,
  ...over,
});

export const topic = (topicId: string, over: Partial<TopicRecord> = {}): TopicRecord => ({
  topicId,
  name: `topic ${topicId}`,
  faceUrl: '',
  introduction: '',
  notification: '',
  muteAll: false,
  customString: '',
  createdAt: T0,
  lastMsgTime: 0,
  ...over,
});

/** A request made now that lapses in an hour (real time: Cassandra expires rows by its own clock). */
export const joinRequest = (userId: string, over: Partial<JoinRequestRecord> = {}): JoinRequestRecord => ({
  userId,
  inviterId: '',
  wording: `let ${userId} in`,
  time: Date.now(),
  expiresAt: Date.now() + 3_600_000,
  ...over,
});

/** Walks every page of a cursor-paged list. */
export async function allPages<T>(first: (after?: string) => Promise<{ items: T[]; next?: string }>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let after: string | undefined;
  let pages = 0;
  do {
    const page = await first(after);
    items.push(...page.items);
    after = page.next;
    pages++;
    if (pages > 10_000) throw new Error('paging did not end');
  } while (after !== undefined);
  return { items, pages };
}
