// Friend lists (Tencent "friend groups", spec §2.1 #29): create (optionally with members),
// delete, rename, add or remove members. A friend may be in several lists. Whole-call errors:
// a bad or duplicate name, a list that exists (create, rename target) or does not (delete,
// rename source, members) is 30001; more than 32 lists is 30011. Members that are not friends
// fail per item with 30001.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import { MAX_SOCIAL_BATCH } from '../store/relationships.js';
import { ChangeKind, entry, idsEntries } from './change-kinds.js';
import type { ChangeEntry } from './change-log.js';
import { checkListName, checkListNames } from './friend-fields.js';
import { createLists, listLimit } from './friend-list-rows.js';
import { MAX_FRIEND_LISTS } from './limits.js';
import { requireSelf, ResultSet } from './results.js';
import { allFriends } from './social-reads.js';
import type { SocialCtx } from './social-context.js';
import type { ItemResult, SocialWrite } from './social-messages.js';

const invalid = (info: string) => new ImError(Err.SNS_INVALID_PARAMS, info);

async function existing(ctx: SocialCtx): Promise<Set<string>> {
  await requireSelf(ctx.store, ctx.sdkAppId, ctx.userId);
  return new Set((await ctx.store.friendLists.listFriendLists(ctx.sdkAppId, ctx.userId)).map((l) => l.name));
}

/** Adds (or removes) `names` to the rows of those `peerIds` that are my friends. */
async function setMembers(ctx: SocialCtx, names: string[], peerIds: string[], remove: boolean): Promise<{ results: ItemResult[]; changed: string[] }> {
  const rs = new ResultSet(peerIds);
  const rows = await ctx.store.friends.getFriends(ctx.sdkAppId, ctx.userId, rs.open());
  for (const id of rs.open()) if (!rows.has(id)) rs.fail(id, Err.SNS_INVALID_PARAMS, `${id} is not your friend`);
  const open = rs.open();
  if (open.length) {
    await ctx.store.friends.updateFriends(ctx.sdkAppId, ctx.userId, open.map((peerId) => (remove ? { peerId, removeGroups: names } : { peerId, addGroups: names })));
  }
  return { results: rs.list(), changed: open };
}

export async function createFriendLists(ctx: SocialCtx, cmd: Extract<SocialWrite, { c: 'listCreate' }>): Promise<ItemResult[]> {
  const names = checkListNames(cmd.names);
  const have = await existing(ctx);
  const dup = names.find((n) => have.has(n));
  if (dup !== undefined) throw invalid(`friend list ${dup} already exists`);
  if (have.size + names.length > MAX_FRIEND_LISTS) throw listLimit(ctx);
  await createLists(ctx, names);
  const { results, changed } = cmd.peerIds.length ? await setMembers(ctx, names, cmd.peerIds, false) : { results: [], changed: [] };
  await ctx.changes.append([entry(ChangeKind.FRIEND_LISTS_CHANGED, { names }), ...idsEntries(ChangeKind.FRIEND_UPDATED, changed)]);
  return results;
}

export async function deleteFriendLists(ctx: SocialCtx, cmd: Extract<SocialWrite, { c: 'listDelete' }>): Promise<void> {
  const names = checkListNames(cmd.names);
  const have = await existing(ctx);
  const missing = names.find((n) => !have.has(n));
  if (missing !== undefined) throw invalid(`friend list ${missing} does not exist`);
  const members = (await allFriends(ctx.store, ctx.sdkAppId, ctx.userId)).filter((f) => f.groups.some((g) => names.includes(g))).map((f) => f.peerId);
  await updateInBatches(ctx, members.map((peerId) => ({ peerId, removeGroups: names })));
  await ctx.store.friendLists.deleteFriendLists(ctx.sdkAppId, ctx.userId, names);
  await ctx.changes.append([entry(ChangeKind.FRIEND_LISTS_CHANGED, { names }), ...idsEntries(ChangeKind.FRIEND_UPDATED, members)]);
}

export async function renameFriendList(ctx: SocialCtx, cmd: Extract<SocialWrite, { c: 'listRename' }>): Promise<void> {
  const from = checkListName(cmd.from);
  const to = checkListName(cmd.to);
  const have = await existing(ctx);
  if (!have.has(from)) throw invalid(`friend list ${from} does not exist`);
  if (from === to) return;
  if (have.has(to)) throw invalid(`friend list ${to} already exists`);
  const members = (await allFriends(ctx.store, ctx.sdkAppId, ctx.userId)).filter((f) => f.groups.includes(from)).map((f) => f.peerId);
  await ctx.store.friendLists.renameFriendList(ctx.sdkAppId, ctx.userId, from, to);
  // Separate calls: the store does not promise an order of additions and removals within one update.
  await updateInBatches(ctx, members.map((peerId) => ({ peerId, addGroups: [to] })));
  await updateInBatches(ctx, members.map((peerId) => ({ peerId, removeGroups: [from] })));
  await ctx.changes.append([entry(ChangeKind.FRIEND_LISTS_CHANGED, { names: [from, to] }), ...idsEntries(ChangeKind.FRIEND_UPDATED, members)]);
}

export async function setListMembers(ctx: SocialCtx, cmd: Extract<SocialWrite, { c: 'listMembers' }>): Promise<ItemResult[]> {
  const names = checkListNames(cmd.names);
  const have = await existing(ctx);
  const missing = names.find((n) => !have.has(n));
  if (missing !== undefined) throw invalid(`friend list ${missing} does not exist`);
  const { results, changed } = await setMembers(ctx, names, cmd.peerIds, cmd.remove);
  const entries: ChangeEntry[] = changed.length ? [entry(ChangeKind.FRIEND_LISTS_CHANGED, { names }), ...idsEntries(ChangeKind.FRIEND_UPDATED, changed)] : [];
  await ctx.changes.append(entries);
  return results;
}

async function updateInBatches(ctx: SocialCtx, updates: Parameters<SocialCtx['store']['friends']['updateFriends']>[2]): Promise<void> {
  for (let i = 0; i < updates.length; i += MAX_SOCIAL_BATCH) await ctx.store.friends.updateFriends(ctx.sdkAppId, ctx.userId, updates.slice(i, i + MAX_SOCIAL_BATCH));
}
