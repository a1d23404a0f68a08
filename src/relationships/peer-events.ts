// The receiving side of two-sided operations: the peer's actor applies the event to its own rows
// and change log. Each handler makes a target state ("from is my friend", "no request from
// from") and logs a change only when something changed, so stale or repeated events do nothing;
// the key additionally stops a redelivery from re-applying an event that was later undone.
// Gotcha: the sender checked limits and blocks from the store; if they changed since, the event
// is dropped here (counted on the limit metric), leaving a one-sided relation (docs/social-graph.md).
import { assertNever } from '../lib/errors.js';
import type { FriendRecord, FriendRequestBox } from '../store/index.js';
import { ChangeKind, entry, idsEntries } from './change-kinds.js';
import type { ChangeEntry } from './change-log.js';
import { createLists, missingLists } from './friend-list-rows.js';
import { LimitName, MAX_FRIENDS } from './limits.js';
import type { SocialCtx } from './social-context.js';
import type { PeerEvent } from './social-messages.js';

export async function applyPeerEvent(ctx: SocialCtx, from: string, key: string, ev: PeerEvent): Promise<void> {
  if (ctx.changes.seen(key)) return;
  const entries = await apply(ctx, from, ev);
  if (entries.length) await ctx.changes.append(entries, key);
}

async function apply(ctx: SocialCtx, from: string, ev: PeerEvent): Promise<ChangeEntry[]> {
  switch (ev.e) {
    case 'added': {
      if (await blocks(ctx, from)) return [];
      const added = await addFriend(ctx, from, { remark: '', group: '', addSource: ev.addSource, addWording: ev.wording, time: ev.time });
      // Requests between us are settled by the friendship.
      return [...added, ...(await dropRequests(ctx, [from], ['inbox', 'outbox'], ChangeKind.REQUEST_REMOVED))];
    }
    case 'requested': {
      if (await blocks(ctx, from)) return [];
      const { store, sdkAppId, userId } = ctx;
      await store.friendRequests.putRequest(sdkAppId, userId, 'inbox', {
        peerId: from,
        addSource: ev.addSource,
        addWording: ev.wording,
        remark: ev.remark,
        groupName: ev.group,
        addType: ev.addType,
        time: ev.time,
      });
      return [entry(ChangeKind.REQUEST_RECEIVED, { userId: from, addSource: ev.addSource, wording: ev.wording, addType: ev.addType })];
    }
    case 'answered': {
      const request = (await ctx.store.friendRequests.getRequests(ctx.sdkAppId, ctx.userId, 'outbox', [from])).get(from);
      const out: ChangeEntry[] = [];
      if (request) {
        await ctx.store.friendRequests.deleteRequests(ctx.sdkAppId, ctx.userId, 'outbox', [from]);
        out.push(entry(ChangeKind.REQUEST_ANSWERED, { userId: from, box: 'outbox', action: ev.action }));
      }
      if (ev.action === 'reject' || (await blocks(ctx, from))) return out;
      const details = { remark: request?.remark ?? '', group: request?.groupName ?? '', addSource: request?.addSource ?? '', addWording: request?.addWording ?? '', time: ev.time };
      return [...out, ...(await addFriend(ctx, from, details))];
    }
    case 'withdrawn':
      return dropRequests(ctx, [from], ['inbox'], ChangeKind.REQUEST_WITHDRAWN);
    case 'deleted':
      return dropFriend(ctx, from);
    case 'blocked':
      return [...(await dropFriend(ctx, from)), ...(await dropRequests(ctx, [from], ['inbox', 'outbox'], ChangeKind.REQUEST_REMOVED))];
    default:
      return assertNever(ev, 'peer event');
  }
}

async function blocks(ctx: SocialCtx, peer: string): Promise<boolean> {
  return (await ctx.store.blocklist.getBlocks(ctx.sdkAppId, ctx.userId, [peer])).has(peer);
}

interface NewFriend {
  remark: string;
  group: string;
  addSource: string;
  addWording: string;
  time: number;
}

async function addFriend(ctx: SocialCtx, peer: string, f: NewFriend): Promise<ChangeEntry[]> {
  const { store, sdkAppId, userId } = ctx;
  if ((await store.friends.getFriends(sdkAppId, userId, [peer])).has(peer)) return [];
  if ((await store.friends.countFriends(sdkAppId, userId)) >= MAX_FRIENDS) {
    ctx.deps.metrics.socialLimitHits.inc({ limit: LimitName.FRIENDS });
    ctx.log.warn('peer-side friend row not added: friend limit reached', { peer });
    return [];
  }
  const out: ChangeEntry[] = [];
  let groups: string[] = [];
  if (f.group) {
    const { missing, fits } = await missingLists(ctx, [f.group]);
    if (fits) {
      await createLists(ctx, missing);
      if (missing.length) out.push(entry(ChangeKind.FRIEND_LISTS_CHANGED, { names: missing }));
      groups = [f.group];
    }
  }
  const row: FriendRecord = { peerId: peer, remark: f.remark, groups, addSource: f.addSource, addWording: f.addWording, addTime: f.time, remarkTime: f.remark ? f.time : 0, custom: {} };
  await store.friends.putFriends(sdkAppId, userId, [row]);
  return [...out, entry(ChangeKind.FRIEND_ADDED, { userIds: [peer] })];
}

async function dropFriend(ctx: SocialCtx, peer: string): Promise<ChangeEntry[]> {
  const { store, sdkAppId, userId } = ctx;
  if (!(await store.friends.getFriends(sdkAppId, userId, [peer])).has(peer)) return [];
  await store.friends.deleteFriends(sdkAppId, userId, [peer]);
  return [entry(ChangeKind.FRIEND_DELETED, { userIds: [peer] })];
}

/** Removes the requests exchanged with `peers` in these boxes; withdrawals are logged one per
 *  request, other removals as lists. */
export async function dropRequests(ctx: SocialCtx, peers: readonly string[], boxes: FriendRequestBox[], kind: typeof ChangeKind.REQUEST_WITHDRAWN | typeof ChangeKind.REQUEST_REMOVED): Promise<ChangeEntry[]> {
  const { store, sdkAppId, userId } = ctx;
  const out: ChangeEntry[] = [];
  if (peers.length === 0) return out;
  for (const box of boxes) {
    const found = [...(await store.friendRequests.getRequests(sdkAppId, userId, box, peers)).keys()];
    if (found.length === 0) continue;
    await store.friendRequests.deleteRequests(sdkAppId, userId, box, found);
    if (kind === ChangeKind.REQUEST_WITHDRAWN) out.push(...found.map((id) => entry(kind, { userId: id, box })));
    else out.push(...idsEntries(kind, found, { box }));
  }
  return out;
}

/** A friend's profile changed: logged only while they are still in my list. */
export async function applyProfileChanged(ctx: SocialCtx, from: string, tags: string[]): Promise<void> {
  if (!(await ctx.store.friends.getFriends(ctx.sdkAppId, ctx.userId, [from])).has(from)) return;
  await ctx.changes.append([entry(ChangeKind.PROFILE_CHANGED, { userId: from, tags })]);
}
