// friend_delete / friend_delete_all / FRIEND_DELETE (spec §2.1 #23-24): Delete_Type_Single
// removes only my rows; Delete_Type_Both (the default) also the peers' rows to me, through their
// actors. A peer not in my list is 31704. Sns.CallbackFriendDelete lists every row removed (the
// peers' rows as read from the store just before).
import { Err } from '../protocol/error-codes.js';
import { MAX_SOCIAL_BATCH } from '../store/relationships.js';
import { pairsBody, SnsCallback, type Pair } from './callbacks.js';
import { ChangeKind, entry, idsEntries } from './change-kinds.js';
import { requireSelf, ResultSet } from './results.js';
import { allFriends } from './social-reads.js';
import type { SocialCtx } from './social-context.js';
import type { ItemResult, Requester, SocialWrite } from './social-messages.js';

export async function deleteFriends(ctx: SocialCtx, req: Requester, cmd: Extract<SocialWrite, { c: 'delete' }>): Promise<ItemResult[]> {
  const { store, sdkAppId, userId: self } = ctx;
  const rs = new ResultSet(cmd.peerIds);
  await requireSelf(store, sdkAppId, self);
  const mine = await store.friends.getFriends(sdkAppId, self, rs.open());
  for (const id of rs.open()) if (!mine.has(id)) rs.fail(id, Err.SNS_NOT_FRIENDS, `${id} is not your friend`);
  const open = rs.open();
  if (open.length) await removeAll(ctx, req, open, cmd.both, false);
  return rs.list();
}

export async function deleteAllFriends(ctx: SocialCtx, req: Requester, cmd: Extract<SocialWrite, { c: 'deleteAll' }>): Promise<void> {
  const { store, sdkAppId, userId: self } = ctx;
  await requireSelf(store, sdkAppId, self);
  const ids = (await allFriends(store, sdkAppId, self)).map((f) => f.peerId);
  if (ids.length) await removeAll(ctx, req, ids, cmd.both, true);
}

async function removeAll(ctx: SocialCtx, req: Requester, ids: string[], both: boolean, all: boolean): Promise<void> {
  const { store, sdkAppId, userId: self } = ctx;
  const theirs = both ? await havingMe(ctx, ids) : new Set<string>();
  if (all) await store.friends.deleteAllFriends(sdkAppId, self);
  else await store.friends.deleteFriends(sdkAppId, self, ids);
  await ctx.appendWithPeers(
    all ? [entry(ChangeKind.FRIENDS_CLEARED, {})] : idsEntries(ChangeKind.FRIEND_DELETED, ids),
    both ? ids.map((id) => ({ peerId: id, ev: { e: 'deleted' } })) : [],
  );
  const pairs: Pair[] = ids.flatMap((id) => [{ from: self, to: id }, ...(theirs.has(id) ? [{ from: id, to: self }] : [])]);
  ctx.deps.webhooks.after(sdkAppId, SnsCallback.DELETE, pairsBody(pairs), ctx.meta(req));
}

/** Which of `ids` have me in their list, in batches the store accepts. */
async function havingMe(ctx: SocialCtx, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += MAX_SOCIAL_BATCH) {
    for (const id of await ctx.store.friends.usersWithFriend(ctx.sdkAppId, ids.slice(i, i + MAX_SOCIAL_BATCH), ctx.userId)) out.add(id);
  }
  return out;
}
