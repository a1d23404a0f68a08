// friend_add / FRIEND_ADD (spec §2.1 #20): the peer's AllowType decides. AllowAny (or the admin's
// ForceAddFlags) adds at once: my row now, the peer's row (Add_Type_Both) through its actor;
// NeedConfirm stores my outgoing request and the peer's incoming one (result 30539); DenyAny is
// 30516. Checks in order: self/unknown (30001/30003), fields (30001), already friends (30001),
// blocks (30515 mine, 30525 theirs), AllowType, limits (30010/30014/30012/30011), then the
// Sns.CallbackPrevFriendAdd verdicts. The peer-side rows read here come straight from the store.
import { Err } from '../protocol/error-codes.js';
import { AdminForbid, AllowType, ProfileTag } from '../profiles/profile-tags.js';
import { tagOfUsers } from '../profiles/profile-read.js';
import type { FriendRecord, FriendRequestRecord } from '../store/index.js';
import { askBefore, friendAddBody, prevFriendAddBody, SnsCallback, type Pair } from './callbacks.js';
import { ChangeKind, entry, idsEntries } from './change-kinds.js';
import { checkAddSource, checkListName, checkRemark, checkWording } from './friend-fields.js';
import { createLists, missingLists } from './friend-list-rows.js';
import { LimitName, MAX_FRIENDS, MAX_PENDING } from './limits.js';
import type { PeerSend } from './peer-delivery.js';
import { dropRequests } from './peer-events.js';
import { checkItem, checkPeers, requireSelf, ResultSet } from './results.js';
import type { SocialCtx } from './social-context.js';
import type { AddItem, ItemResult, Requester, SocialWrite } from './social-messages.js';

type AddCmd = Extract<SocialWrite, { c: 'add' }>;

export const PENDING_INFO = 'request sent: the peer must confirm';

export async function addFriends(ctx: SocialCtx, req: Requester, cmd: AddCmd): Promise<ItemResult[]> {
  const { store, sdkAppId, userId: self } = ctx;
  const rs = new ResultSet(cmd.items.map((i) => i.peerId));
  const items = new Map<string, AddItem>();
  for (const i of cmd.items) if (!items.has(i.peerId)) items.set(i.peerId, i);
  await requireSelf(store, sdkAppId, self);
  const force = cmd.force && req.by === 'admin';
  if (!force && (await tagOfUsers(store, sdkAppId, [self], ProfileTag.ADMIN_FORBID_TYPE)).get(self) === AdminForbid.SEND_OUT) {
    rs.failAll(items.keys(), Err.SNS_ADD_FORBIDDEN, 'the app admin forbids this user to add friends');
    return rs.list();
  }
  for (const [id, i] of items) {
    checkItem(rs, id, () => {
      checkAddSource(i.addSource);
      checkRemark(i.remark);
      checkWording(i.wording);
      if (i.group !== '') checkListName(i.group);
    });
  }
  await checkPeers(rs, store, sdkAppId, self);

  let open = rs.open();
  const [mine, iBlock, theyBlock, allow] = await Promise.all([
    store.friends.getFriends(sdkAppId, self, open),
    store.blocklist.getBlocks(sdkAppId, self, open),
    store.blocklist.usersBlocking(sdkAppId, open, self),
    force ? Promise.resolve(new Map<string, unknown>()) : tagOfUsers(store, sdkAppId, open, ProfileTag.ALLOW_TYPE),
  ]);
  const blockedMe = new Set(theyBlock);
  for (const id of open) {
    if (mine.has(id)) rs.fail(id, Err.SNS_INVALID_PARAMS, `${id} is already your friend`);
    else if (iBlock.has(id)) rs.fail(id, Err.SNS_PEER_BLOCKED_BY_ME, `${id} is in your blocklist`);
    else if (blockedMe.has(id)) rs.fail(id, Err.SNS_BLOCKED_BY_PEER, `you are in ${id}'s blocklist`);
    else if (allow.get(id) === AllowType.DENY_ANY) rs.fail(id, Err.SNS_PEER_DENIES_ANY, `${id} accepts no friend requests`);
  }
  open = rs.open();
  const needConfirm = (id: string) => !force && (allow.get(id) ?? AllowType.NEED_CONFIRM) === AllowType.NEED_CONFIRM;
  await checkLimits(ctx, rs, open.filter((id) => !needConfirm(id)), cmd.addType === 'both');
  await checkPendingLimits(ctx, rs, open.filter(needConfirm));
  await checkLists(ctx, rs, items, open.filter((id) => !needConfirm(id)));

  open = rs.open();
  const refused = await askBefore(ctx.deps.webhooks, sdkAppId, SnsCallback.PREV_ADD, prevFriendAddBody(ctx.operator(req), self, cmd.addType, force, open.map((id) => items.get(id)!)), open, ctx.meta(req));
  for (const [id, r] of refused) rs.fail(id, r.code, r.info);
  open = rs.open();
  const direct = open.filter((id) => !needConfirm(id));
  const pending = open.filter(needConfirm);
  if (direct.length === 0 && pending.length === 0) return rs.list();

  const time = ctx.now();
  const created = (await missingLists(ctx, direct.map((id) => items.get(id)!.group))).missing;
  await createLists(ctx, created);
  await store.friends.putFriends(sdkAppId, self, direct.map((id) => friendRow(items.get(id)!, time)));
  const requests = pending.map((id): FriendRequestRecord => {
    const i = items.get(id)!;
    return { peerId: id, addSource: i.addSource, addWording: i.wording, remark: i.remark, groupName: i.group, addType: cmd.addType, time };
  });
  await Promise.all(requests.map((r) => store.friendRequests.putRequest(sdkAppId, self, 'outbox', r)));
  // Requests between me and a new friend are settled by the friendship.
  const settled = await dropRequests(ctx, direct, ['inbox', 'outbox'], ChangeKind.REQUEST_REMOVED);
  const peers: PeerSend[] = [
    ...(cmd.addType === 'both' ? direct.map((id): PeerSend => ({ peerId: id, ev: { e: 'added', addSource: items.get(id)!.addSource, wording: items.get(id)!.wording, time } })) : []),
    ...requests.map((r): PeerSend => ({ peerId: r.peerId, ev: { e: 'requested', addSource: r.addSource, wording: r.addWording, remark: r.remark, group: r.groupName, addType: r.addType, time } })),
  ];
  await ctx.appendWithPeers(
    [
      ...(created.length ? [entry(ChangeKind.FRIEND_LISTS_CHANGED, { names: created })] : []),
      ...idsEntries(ChangeKind.FRIEND_ADDED, direct),
      ...settled,
      ...pending.map((id) => entry(ChangeKind.REQUEST_SENT, { userId: id })),
    ],
    peers,
  );
  for (const id of pending) rs.set(id, Err.SNS_PENDING_CREATED, PENDING_INFO);

  if (direct.length) {
    const pairs: Pair[] = direct.flatMap((id) => [{ from: self, to: id, initiator: self }, ...(cmd.addType === 'both' ? [{ from: id, to: self, initiator: self }] : [])]);
    const admin = req.by === 'admin' ? req.identifier : undefined;
    ctx.deps.webhooks.after(sdkAppId, SnsCallback.ADD, friendAddBody(req.by === 'admin' ? 'friend_add' : 'FriendAdd', admin, force, pairs), ctx.meta(req));
  }
  return rs.list();
}

function friendRow(i: AddItem, time: number): FriendRecord {
  return { peerId: i.peerId, remark: i.remark, groups: i.group ? [i.group] : [], addSource: i.addSource, addWording: i.wording, addTime: time, remarkTime: i.remark ? time : 0, custom: {} };
}

/** My friend limit for direct adds (30010); with both-way adds, each peer's too (30014). */
async function checkLimits(ctx: SocialCtx, rs: ResultSet, direct: string[], both: boolean): Promise<void> {
  if (direct.length === 0) return;
  const { store, sdkAppId } = ctx;
  const room = MAX_FRIENDS - (await store.friends.countFriends(sdkAppId, ctx.userId));
  direct.forEach((id, i) => {
    if (i >= room) rs.fail(id, Err.SNS_FRIEND_LIMIT, ctx.limit(LimitName.FRIENDS, Err.SNS_FRIEND_LIMIT, `you have ${MAX_FRIENDS} friends already`).info);
  });
  if (!both) return;
  const open = direct.filter((id) => rs.open().includes(id));
  const counts = await Promise.all(open.map((id) => store.friends.countFriends(sdkAppId, id)));
  open.forEach((id, i) => {
    if (counts[i]! >= MAX_FRIENDS) rs.fail(id, Err.SNS_PEER_FRIEND_LIMIT, ctx.limit(LimitName.PEER_FRIENDS, Err.SNS_PEER_FRIEND_LIMIT, `${id} has ${MAX_FRIENDS} friends already`).info);
  });
}

/** My outgoing requests (a repeated request only refreshes) and each peer's incoming ones (30012). */
async function checkPendingLimits(ctx: SocialCtx, rs: ResultSet, pending: string[]): Promise<void> {
  if (pending.length === 0) return;
  const { store, sdkAppId, userId: self } = ctx;
  const [sent, count] = await Promise.all([store.friendRequests.getRequests(sdkAppId, self, 'outbox', pending), store.friendRequests.countRequests(sdkAppId, self, 'outbox')]);
  let room = MAX_PENDING - count;
  for (const id of pending) {
    if (sent.has(id)) continue;
    if (room-- <= 0) rs.fail(id, Err.SNS_PENDING_LIMIT, ctx.limit(LimitName.PENDING, Err.SNS_PENDING_LIMIT, `you have ${MAX_PENDING} pending requests already`).info);
  }
  const fresh = pending.filter((id) => !sent.has(id) && rs.open().includes(id));
  const theirs = await Promise.all(fresh.map((id) => store.friendRequests.countRequests(sdkAppId, id, 'inbox')));
  fresh.forEach((id, i) => {
    if (theirs[i]! >= MAX_PENDING) rs.fail(id, Err.SNS_PENDING_LIMIT, ctx.limit(LimitName.PEER_PENDING, Err.SNS_PENDING_LIMIT, `${id} has ${MAX_PENDING} pending requests already`).info);
  });
}

/** Direct adds naming a friend list that would pass the 32-list limit fail with 30011. */
async function checkLists(ctx: SocialCtx, rs: ResultSet, items: Map<string, AddItem>, direct: string[]): Promise<void> {
  const open = direct.filter((id) => rs.open().includes(id));
  const { missing, fits } = await missingLists(ctx, open.map((id) => items.get(id)!.group));
  if (fits) return;
  const bad = new Set(missing);
  for (const id of open) {
    if (bad.has(items.get(id)!.group)) rs.fail(id, Err.SNS_FRIEND_LIST_LIMIT, ctx.limit(LimitName.FRIEND_LISTS, Err.SNS_FRIEND_LIST_LIMIT, 'at most 32 friend lists').info);
  }
}
