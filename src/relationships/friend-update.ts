// friend_update / FRIEND_UPDATE (remark, friend lists, Tag_SNS_Custom_*) and friend_import (rows
// written as given, one-way, no request, no peer side, no callbacks: a migration tool like
// importmsg). Lists named here are created when missing (30011 past 32). Updating a peer who is
// not my friend is 30001, importing an existing friend too.
import { Err } from '../protocol/error-codes.js';
import type { FriendRecord, FriendUpdate, SocialValue } from '../store/index.js';
import { ChangeKind, entry, idsEntries } from './change-kinds.js';
import { checkAddSource, checkListNames, checkRemark, checkSnsCustom, checkWording, customFieldCount, MAX_SNS_CUSTOM_FIELDS } from './friend-fields.js';
import { createLists, missingLists } from './friend-list-rows.js';
import { LimitName, MAX_FRIENDS, MAX_FRIEND_LISTS } from './limits.js';
import { checkItem, checkPeers, requireSelf, ResultSet } from './results.js';
import type { SocialCtx } from './social-context.js';
import type { ImportItem, ItemResult, SocialWrite, UpdateItem } from './social-messages.js';

function checkCustom(ctx: SocialCtx, current: Readonly<Record<string, SocialValue>>, custom: Record<string, string | number>): Record<string, SocialValue> {
  const out: Record<string, SocialValue> = {};
  for (const [tag, value] of Object.entries(custom)) out[tag] = checkSnsCustom(tag, value);
  if (customFieldCount(current, out) > MAX_SNS_CUSTOM_FIELDS) {
    throw ctx.limit(LimitName.SNS_CUSTOM_FIELDS, Err.SNS_INVALID_PARAMS, `at most ${MAX_SNS_CUSTOM_FIELDS} custom fields per friend`);
  }
  return out;
}

/** Fails the items whose lists cannot be created (30011); returns the lists to create. */
async function listsFor(ctx: SocialCtx, rs: ResultSet, groupsOf: Map<string, string[]>): Promise<string[]> {
  const ids = rs.open().filter((id) => groupsOf.has(id));
  const { missing, fits } = await missingLists(ctx, ids.flatMap((id) => groupsOf.get(id)!));
  if (fits) return missing;
  for (const id of ids) {
    if (groupsOf.get(id)!.some((g) => missing.includes(g))) rs.fail(id, Err.SNS_FRIEND_LIST_LIMIT, ctx.limit(LimitName.FRIEND_LISTS, Err.SNS_FRIEND_LIST_LIMIT, `at most ${MAX_FRIEND_LISTS} friend lists`).info);
  }
  return (await missingLists(ctx, rs.open().flatMap((id) => groupsOf.get(id) ?? []))).missing;
}

export async function updateFriends(ctx: SocialCtx, cmd: Extract<SocialWrite, { c: 'update' }>): Promise<ItemResult[]> {
  const { store, sdkAppId, userId: self } = ctx;
  const rs = new ResultSet(cmd.items.map((i) => i.peerId));
  await requireSelf(store, sdkAppId, self);
  const rows = await store.friends.getFriends(sdkAppId, self, rs.open());
  const time = ctx.now();
  const updates = new Map<string, FriendUpdate>();
  const groupsOf = new Map<string, string[]>();
  for (const item of cmd.items) {
    const row = rows.get(item.peerId);
    if (!row) {
      rs.fail(item.peerId, Err.SNS_INVALID_PARAMS, `${item.peerId} is not your friend`);
      continue;
    }
    const u = checkItem(rs, item.peerId, () => toUpdate(ctx, item, row, time));
    if (!u) continue;
    updates.set(item.peerId, { ...(updates.get(item.peerId) ?? {}), ...u });
    if (item.groups) groupsOf.set(item.peerId, checkListNames(item.groups));
  }
  const created = await listsFor(ctx, rs, groupsOf);
  const open = rs.open();
  if (open.length === 0) return rs.list();
  await createLists(ctx, created);
  await store.friends.updateFriends(sdkAppId, self, open.map((id) => updates.get(id)!));
  await ctx.changes.append([...(created.length ? [entry(ChangeKind.FRIEND_LISTS_CHANGED, { names: created })] : []), ...idsEntries(ChangeKind.FRIEND_UPDATED, open)]);
  return rs.list();
}

function toUpdate(ctx: SocialCtx, item: UpdateItem, row: FriendRecord, time: number): FriendUpdate {
  const u: FriendUpdate = { peerId: item.peerId };
  if (item.remark !== undefined) Object.assign(u, { remark: checkRemark(item.remark), remarkTime: time });
  if (item.groups !== undefined) {
    const groups = checkListNames(item.groups);
    Object.assign(u, { addGroups: groups.filter((g) => !row.groups.includes(g)), removeGroups: row.groups.filter((g) => !groups.includes(g)) });
  }
  if (item.custom !== undefined) u.custom = checkCustom(ctx, row.custom, item.custom);
  return u;
}

export async function importFriends(ctx: SocialCtx, cmd: Extract<SocialWrite, { c: 'import' }>): Promise<ItemResult[]> {
  const { store, sdkAppId, userId: self } = ctx;
  const rs = new ResultSet(cmd.items.map((i) => i.peerId));
  const items = new Map<string, ImportItem>();
  for (const i of cmd.items) if (!items.has(i.peerId)) items.set(i.peerId, i);
  await requireSelf(store, sdkAppId, self);
  const rows = new Map<string, FriendRecord>();
  const groupsOf = new Map<string, string[]>();
  const now = ctx.now();
  for (const [id, i] of items) {
    const row = checkItem(rs, id, (): FriendRecord => {
      const groups = checkListNames(i.groups);
      groupsOf.set(id, groups);
      return {
        peerId: id,
        remark: checkRemark(i.remark),
        groups,
        addSource: checkAddSource(i.addSource),
        addWording: checkWording(i.wording),
        addTime: i.addTime || now,
        remarkTime: i.remarkTime,
        custom: checkCustom(ctx, {}, i.custom),
      };
    });
    if (row) rows.set(id, row);
  }
  await checkPeers(rs, store, sdkAppId, self);
  const mine = await store.friends.getFriends(sdkAppId, self, rs.open());
  for (const id of rs.open()) if (mine.has(id)) rs.fail(id, Err.SNS_INVALID_PARAMS, `${id} is already your friend`);
  let room = MAX_FRIENDS - (await store.friends.countFriends(sdkAppId, self));
  for (const id of rs.open()) {
    if (room-- <= 0) rs.fail(id, Err.SNS_FRIEND_LIMIT, ctx.limit(LimitName.FRIENDS, Err.SNS_FRIEND_LIMIT, `you have ${MAX_FRIENDS} friends already`).info);
  }
  const created = await listsFor(ctx, rs, groupsOf);
  const open = rs.open();
  if (open.length === 0) return rs.list();
  await createLists(ctx, created);
  await store.friends.putFriends(sdkAppId, self, open.map((id) => rows.get(id)!));
  await ctx.changes.append([...(created.length ? [entry(ChangeKind.FRIEND_LISTS_CHANGED, { names: created })] : []), ...idsEntries(ChangeKind.FRIEND_ADDED, open)]);
  return rs.list();
}
