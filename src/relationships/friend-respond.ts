// Answering and withdrawing pending requests (spec §2.1 #20, Sns.CallbackPrevFriendResponse).
// The recipient answers from its inbox: agree puts the recipient in the requester's list,
// agreeAndAdd also the requester in the recipient's, reject drops the request; the requester's
// side (outbox row, friend row) is applied by the requester's actor. The sender withdraws from
// its outbox and the recipient's actor drops the inbox row. A missing request is 30614.
import { Err } from '../protocol/error-codes.js';
import type { FriendRecord } from '../store/index.js';
import { askBefore, friendAddBody, prevFriendResponseBody, SnsCallback, type Pair } from './callbacks.js';
import { ChangeKind, entry, idsEntries } from './change-kinds.js';
import { checkListName, checkRemark } from './friend-fields.js';
import { createLists, missingLists } from './friend-list-rows.js';
import { LimitName, MAX_FRIENDS, MAX_FRIEND_LISTS } from './limits.js';
import { checkItem, requireSelf, ResultSet } from './results.js';
import type { SocialCtx } from './social-context.js';
import type { ItemResult, Requester, RespondItem, SocialWrite } from './social-messages.js';

const NOT_FOUND = 'no such pending request';

export async function respond(ctx: SocialCtx, req: Requester, cmd: Extract<SocialWrite, { c: 'respond' }>): Promise<ItemResult[]> {
  const { store, sdkAppId, userId: self } = ctx;
  const rs = new ResultSet(cmd.items.map((i) => i.peerId));
  const items = new Map<string, RespondItem>();
  for (const i of cmd.items) if (!items.has(i.peerId)) items.set(i.peerId, i);
  await requireSelf(store, sdkAppId, self);
  for (const [id, i] of items) {
    checkItem(rs, id, () => {
      checkRemark(i.remark);
      if (i.group !== '') checkListName(i.group);
    });
  }
  let open = rs.open();
  const inbox = await store.friendRequests.getRequests(sdkAppId, self, 'inbox', open);
  for (const id of open) if (!inbox.has(id)) rs.fail(id, Err.SNS_REQUEST_NOT_FOUND, NOT_FOUND);

  open = rs.open();
  const addBack = open.filter((id) => items.get(id)!.action === 'agreeAndAdd');
  const mine = await store.friends.getFriends(sdkAppId, self, addBack);
  const newRows = addBack.filter((id) => !mine.has(id));
  const room = MAX_FRIENDS - (await store.friends.countFriends(sdkAppId, self));
  newRows.forEach((id, i) => {
    if (i >= room) rs.fail(id, Err.SNS_FRIEND_LIMIT, ctx.limit(LimitName.FRIENDS, Err.SNS_FRIEND_LIMIT, `you have ${MAX_FRIENDS} friends already`).info);
  });
  const accepted = rs.open().filter((id) => items.get(id)!.action !== 'reject');
  const counts = await Promise.all(accepted.map((id) => store.friends.countFriends(sdkAppId, id)));
  accepted.forEach((id, i) => {
    if (counts[i]! >= MAX_FRIENDS) rs.fail(id, Err.SNS_PEER_FRIEND_LIMIT, ctx.limit(LimitName.PEER_FRIENDS, Err.SNS_PEER_FRIEND_LIMIT, `${id} has ${MAX_FRIENDS} friends already`).info);
  });
  const lists = await missingLists(ctx, newRows.filter((id) => rs.open().includes(id)).map((id) => items.get(id)!.group));
  if (!lists.fits) {
    for (const id of newRows) if (lists.missing.includes(items.get(id)!.group)) rs.fail(id, Err.SNS_FRIEND_LIST_LIMIT, ctx.limit(LimitName.FRIEND_LISTS, Err.SNS_FRIEND_LIST_LIMIT, `at most ${MAX_FRIEND_LISTS} friend lists`).info);
  }

  open = rs.open();
  const refused = await askBefore(ctx.deps.webhooks, sdkAppId, SnsCallback.PREV_RESPONSE, prevFriendResponseBody(ctx.operator(req), self, open.map((id) => items.get(id)!)), open, ctx.meta(req));
  for (const [id, r] of refused) rs.fail(id, r.code, r.info);
  open = rs.open();
  if (open.length === 0) return rs.list();

  const time = ctx.now();
  const adding = newRows.filter((id) => open.includes(id));
  const created = lists.fits ? (await missingLists(ctx, adding.map((id) => items.get(id)!.group))).missing : [];
  await createLists(ctx, created);
  await store.friendRequests.deleteRequests(sdkAppId, self, 'inbox', open);
  await store.friends.putFriends(
    sdkAppId,
    self,
    adding.map((id): FriendRecord => {
      const i = items.get(id)!;
      return { peerId: id, remark: i.remark, groups: i.group ? [i.group] : [], addSource: inbox.get(id)!.addSource, addWording: '', addTime: time, remarkTime: i.remark ? time : 0, custom: {} };
    }),
  );
  await ctx.appendWithPeers(
    [
      ...(created.length ? [entry(ChangeKind.FRIEND_LISTS_CHANGED, { names: created })] : []),
      ...open.map((id) => entry(ChangeKind.REQUEST_ANSWERED, { userId: id, box: 'inbox', action: items.get(id)!.action })),
      ...idsEntries(ChangeKind.FRIEND_ADDED, adding),
    ],
    open.map((id) => ({ peerId: id, ev: { e: 'answered', action: items.get(id)!.action, time } })),
  );

  const pairs: Pair[] = open
    .filter((id) => items.get(id)!.action !== 'reject')
    .flatMap((id) => [{ from: id, to: self, initiator: id }, ...(items.get(id)!.action === 'agreeAndAdd' ? [{ from: self, to: id, initiator: id }] : [])]);
  if (pairs.length) {
    const admin = req.by === 'admin' ? req.identifier : undefined;
    ctx.deps.webhooks.after(sdkAppId, SnsCallback.ADD, friendAddBody(req.by === 'admin' ? 'friend_response' : 'FriendResponse', admin, false, pairs), ctx.meta(req));
  }
  return rs.list();
}

export async function withdraw(ctx: SocialCtx, cmd: Extract<SocialWrite, { c: 'withdraw' }>): Promise<ItemResult[]> {
  const { store, sdkAppId, userId: self } = ctx;
  const rs = new ResultSet(cmd.peerIds);
  await requireSelf(store, sdkAppId, self);
  const outbox = await store.friendRequests.getRequests(sdkAppId, self, 'outbox', rs.open());
  for (const id of rs.open()) if (!outbox.has(id)) rs.fail(id, Err.SNS_REQUEST_NOT_FOUND, NOT_FOUND);
  const open = rs.open();
  if (open.length === 0) return rs.list();
  await store.friendRequests.deleteRequests(sdkAppId, self, 'outbox', open);
  await ctx.appendWithPeers(
    open.map((id) => entry(ChangeKind.REQUEST_WITHDRAWN, { userId: id, box: 'outbox' })),
    open.map((id) => ({ peerId: id, ev: { e: 'withdrawn' } })),
  );
  return rs.list();
}
