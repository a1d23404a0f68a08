// Read-only views of one user's social graph, straight from the store (REST handlers call them
// directly; clients reach them through their social actor). Relation checks answer a whole batch
// in two single-round-trip reads: the owner's own rows for the peers, and which peers have the
// owner. Offset paging (Tencent's StartIndex) reads the first start+limit rows of one partition,
// which the friend (3000) and blocklist (1000) limits keep small.
import type { BlockCursor, BlockRecord, FriendListRecord, FriendRecord, FriendRequestRecord, SocialChange, Store } from '../store/index.js';
import { MAX_SOCIAL_PAGE } from '../store/relationships.js';
import { MAX_SOCIAL_CHANGES_PER_READ } from '../store/social-changes.js';
import type { CheckMode } from './social-messages.js';

export type Relation = 'none' | 'aWithB' | 'bWithA' | 'both';

const relationOf = (mine: boolean, theirs: boolean): Relation => (mine && theirs ? 'both' : mine ? 'aWithB' : theirs ? 'bWithA' : 'none');

async function relations(
  peerIds: readonly string[],
  mode: CheckMode,
  mine: (ids: string[]) => Promise<Set<string>>,
  theirs: (ids: string[]) => Promise<Set<string>>,
): Promise<Array<{ peerId: string; relation: Relation }>> {
  const distinct = [...new Set(peerIds)];
  const [a, b] = await Promise.all([mine(distinct), mode === 'both' ? theirs(distinct) : Promise.resolve(new Set<string>())]);
  return peerIds.map((peerId) => ({ peerId, relation: relationOf(a.has(peerId), b.has(peerId)) }));
}

export function checkFriends(store: Store, sdkAppId: number, owner: string, peerIds: readonly string[], mode: CheckMode) {
  return relations(
    peerIds,
    mode,
    async (ids) => new Set((await store.friends.getFriends(sdkAppId, owner, ids)).keys()),
    async (ids) => new Set(await store.friends.usersWithFriend(sdkAppId, ids, owner)),
  );
}

export function checkBlocks(store: Store, sdkAppId: number, owner: string, peerIds: readonly string[], mode: CheckMode) {
  return relations(
    peerIds,
    mode,
    async (ids) => new Set((await store.blocklist.getBlocks(sdkAppId, owner, ids)).keys()),
    async (ids) => new Set(await store.blocklist.usersBlocking(sdkAppId, ids, owner)),
  );
}

export interface Page<T> {
  items: T[];
  total: number;
  /** Offset of the next page; 0 when complete. */
  next: number;
  complete: boolean;
}

function slicePage<T>(rows: T[], start: number, limit: number, total: number): Page<T> {
  const items = rows.slice(start, start + limit);
  const end = start + items.length;
  const complete = end >= total || items.length < limit;
  return { items, total, next: complete ? 0 : end, complete };
}

/** Reads pages until `want` rows (or the end): a store page may hold fewer rows than asked. */
async function collect<T, C>(want: number, fetch: (after: C | undefined, limit: number) => Promise<{ rows: T[]; next?: C }>): Promise<T[]> {
  const out: T[] = [];
  let after: C | undefined;
  while (out.length < want) {
    const page = await fetch(after, Math.min(want - out.length, MAX_SOCIAL_PAGE));
    out.push(...page.rows);
    if (page.next === undefined) break;
    after = page.next;
  }
  return out;
}

const friendRows = (store: Store, sdkAppId: number, owner: string, want: number) =>
  collect<FriendRecord, string>(want, async (after, limit) => {
    const p = await store.friends.listFriends(sdkAppId, owner, { limit, ...(after !== undefined ? { after } : {}) });
    return { rows: p.friends, ...(p.next !== undefined ? { next: p.next } : {}) };
  });

export async function friendsPage(store: Store, sdkAppId: number, owner: string, start: number, limit: number): Promise<Page<FriendRecord>> {
  const [rows, total] = await Promise.all([friendRows(store, sdkAppId, owner, start + limit), store.friends.countFriends(sdkAppId, owner)]);
  return slicePage(rows, start, limit, total);
}

/** Every friend of the owner (one partition, bounded by the friend limit). */
export const allFriends = (store: Store, sdkAppId: number, owner: string): Promise<FriendRecord[]> => friendRows(store, sdkAppId, owner, Infinity);

export async function blocksPage(store: Store, sdkAppId: number, owner: string, start: number, limit: number): Promise<Page<BlockRecord>> {
  const rows = collect<BlockRecord, BlockCursor>(start + limit, async (after, max) => {
    const p = await store.blocklist.listBlocks(sdkAppId, owner, { limit: max, ...(after !== undefined ? { after } : {}) });
    return { rows: p.blocks, ...(p.next !== undefined ? { next: p.next } : {}) };
  });
  const [items, total] = await Promise.all([rows, store.blocklist.countBlocks(sdkAppId, owner)]);
  return slicePage(items, start, limit, total);
}

export async function pendingRequests(store: Store, sdkAppId: number, owner: string): Promise<{ inbox: FriendRequestRecord[]; outbox: FriendRequestRecord[] }> {
  const read = async (box: 'inbox' | 'outbox') =>
    (
      await collect<FriendRequestRecord, string>(Infinity, async (after, limit) => {
        const p = await store.friendRequests.listRequests(sdkAppId, owner, box, { limit, ...(after !== undefined ? { after } : {}) });
        return { rows: p.requests, ...(p.next !== undefined ? { next: p.next } : {}) };
      })
    ).sort((a, b) => a.time - b.time);
  const [inbox, outbox] = await Promise.all([read('inbox'), read('outbox')]);
  return { inbox, outbox };
}

export interface FriendListView extends FriendListRecord {
  members: string[];
}

/** The owner's friend lists (all, or the named ones in that order) with their members. */
export async function friendLists(store: Store, sdkAppId: number, owner: string, names?: readonly string[]): Promise<FriendListView[]> {
  const [lists, friends] = await Promise.all([store.friendLists.listFriendLists(sdkAppId, owner), allFriends(store, sdkAppId, owner)]);
  const chosen = names === undefined ? lists : names.flatMap((n) => lists.filter((l) => l.name === n));
  return chosen.map((l) => ({ ...l, members: friends.filter((f) => f.groups.includes(l.name)).map((f) => f.peerId) }));
}

export interface SyncResult {
  changes: SocialChange[];
  maxSeq: number;
  complete: boolean;
  /** Changes after afterSeq expired (or afterSeq is ahead of the log): reload everything. */
  reset: boolean;
}

export async function changesSince(store: Store, sdkAppId: number, owner: string, afterSeq: number, limit: number): Promise<SyncResult> {
  const maxSeq = await store.socialChanges.maxSeq(sdkAppId, owner);
  if (afterSeq > maxSeq) return { changes: [], maxSeq, complete: true, reset: true };
  if (afterSeq === maxSeq) return { changes: [], maxSeq, complete: true, reset: false };
  const changes = await store.socialChanges.changesSince(sdkAppId, owner, afterSeq, Math.min(limit, MAX_SOCIAL_CHANGES_PER_READ));
  const first = changes[0];
  if (!first || first.seq !== afterSeq + 1) return { changes: [], maxSeq, complete: true, reset: true };
  const last = changes[changes.length - 1]!.seq;
  return { changes, maxSeq, complete: last >= maxSeq, reset: false };
}
