// black_list_add / black_list_delete / BLOCK_ADD / BLOCK_REMOVE (spec §2.1 #28). Blocking ends the
// friendship both ways and drops pending requests between the two: my side here, the peer's in
// its actor. Already blocked / not blocked: 30001; the 1000-entry blocklist: 30013.
import { Err } from '../protocol/error-codes.js';
import { pairsBody, SnsCallback } from './callbacks.js';
import { ChangeKind, idsEntries } from './change-kinds.js';
import { LimitName, MAX_BLOCKED } from './limits.js';
import { checkPeers, requireSelf, ResultSet } from './results.js';
import type { SocialCtx } from './social-context.js';
import type { ItemResult, Requester, SocialWrite } from './social-messages.js';

export async function blockAdd(ctx: SocialCtx, req: Requester, cmd: Extract<SocialWrite, { c: 'blockAdd' }>): Promise<ItemResult[]> {
  const { store, sdkAppId, userId: self } = ctx;
  const rs = new ResultSet(cmd.peerIds);
  await requireSelf(store, sdkAppId, self);
  await checkPeers(rs, store, sdkAppId, self);
  const blocked = await store.blocklist.getBlocks(sdkAppId, self, rs.open());
  for (const id of rs.open()) if (blocked.has(id)) rs.fail(id, Err.SNS_INVALID_PARAMS, `${id} is already in your blocklist`);
  let room = MAX_BLOCKED - (await store.blocklist.countBlocks(sdkAppId, self));
  for (const id of rs.open()) {
    if (room-- <= 0) rs.fail(id, Err.SNS_BLOCKLIST_LIMIT, ctx.limit(LimitName.BLOCKED, Err.SNS_BLOCKLIST_LIMIT, `your blocklist has ${MAX_BLOCKED} entries already`).info);
  }
  const open = rs.open();
  if (open.length === 0) return rs.list();

  const time = ctx.now();
  const [friends, inbox, outbox] = await Promise.all([
    store.friends.getFriends(sdkAppId, self, open),
    store.friendRequests.getRequests(sdkAppId, self, 'inbox', open),
    store.friendRequests.getRequests(sdkAppId, self, 'outbox', open),
  ]);
  await store.blocklist.addBlocks(sdkAppId, self, open.map((peerId) => ({ peerId, addTime: time })));
  const unfriended = [...friends.keys()];
  if (unfriended.length) await store.friends.deleteFriends(sdkAppId, self, unfriended);
  if (inbox.size) await store.friendRequests.deleteRequests(sdkAppId, self, 'inbox', [...inbox.keys()]);
  if (outbox.size) await store.friendRequests.deleteRequests(sdkAppId, self, 'outbox', [...outbox.keys()]);
  await ctx.appendWithPeers(
    [
      ...idsEntries(ChangeKind.BLOCK_ADDED, open),
      ...idsEntries(ChangeKind.FRIEND_DELETED, unfriended),
      ...idsEntries(ChangeKind.REQUEST_REMOVED, [...inbox.keys()], { box: 'inbox' }),
      ...idsEntries(ChangeKind.REQUEST_REMOVED, [...outbox.keys()], { box: 'outbox' }),
    ],
    open.map((id) => ({ peerId: id, ev: { e: 'blocked' } })),
  );
  ctx.deps.webhooks.after(sdkAppId, SnsCallback.BLOCK_ADD, pairsBody(open.map((to) => ({ from: self, to }))), ctx.meta(req));
  if (unfriended.length) ctx.deps.webhooks.after(sdkAppId, SnsCallback.DELETE, pairsBody(unfriended.map((to) => ({ from: self, to }))), ctx.meta(req));
  return rs.list();
}

export async function blockRemove(ctx: SocialCtx, req: Requester, cmd: Extract<SocialWrite, { c: 'blockRemove' }>): Promise<ItemResult[]> {
  const { store, sdkAppId, userId: self } = ctx;
  const rs = new ResultSet(cmd.peerIds);
  await requireSelf(store, sdkAppId, self);
  const blocked = await store.blocklist.getBlocks(sdkAppId, self, rs.open());
  for (const id of rs.open()) if (!blocked.has(id)) rs.fail(id, Err.SNS_INVALID_PARAMS, `${id} is not in your blocklist`);
  const open = rs.open();
  if (open.length === 0) return rs.list();
  await store.blocklist.removeBlocks(sdkAppId, self, open);
  await ctx.changes.append(idsEntries(ChangeKind.BLOCK_REMOVED, open));
  ctx.deps.webhooks.after(sdkAppId, SnsCallback.BLOCK_DELETE, pairsBody(open.map((to) => ({ from: self, to }))), ctx.meta(req));
  return rs.list();
}
