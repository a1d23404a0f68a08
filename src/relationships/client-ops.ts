// The social ops of the client protocol (docs/protocol.md §3.1) on the edge: a decoded frame
// becomes a command for the user's own social actor, and its result the REPLY's data. Ops about
// one peer (add, respond, withdraw, update) answer that peer's code as the reply's code; a
// pending request is success with {pending: true}. Batch ops answer per-user results.
import type { ActorClient } from '../actors/actor.js';
import { isImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import { Op } from '../protocol/ops.js';
import type { Platform } from '../protocol/platforms.js';
import type { FriendInfo, FriendRequestInfo, SocialFrame, UserResult } from '../protocol/social-frames.js';
import type { ProfileResult } from '../profiles/profile-read.js';
import type { BlockRecord, FriendRecord, FriendRequestRecord } from '../store/index.js';
import { ADD_SOURCE_PREFIX } from './friend-fields.js';
import { FRIEND_PAGE_SIZE, BLOCK_PAGE_MAX, SYNC_PAGE_MAX } from './limits.js';
import { socialAddr, type ItemResult, type SocialCommand, type SocialMsg } from './social-messages.js';
import type { FriendListView, Page, Relation, SyncResult } from './social-reads.js';

export interface OpResult {
  c: number;
  m: string;
  d?: unknown;
}

export interface SocialCaller {
  sdkAppId: number;
  userId: string;
  platform: Platform;
  clientIp?: string;
}

/** AddSource of a client add that names none. */
export const CLIENT_ADD_SOURCE = `${ADD_SOURCE_PREFIX}Unknown`;

export function commandOf(f: SocialFrame): SocialCommand {
  switch (f.op) {
    case Op.PROFILE_GET:
      return { c: 'profileGet', userIds: f.d.userIds ?? [], ...(f.d.tags ? { tags: f.d.tags } : {}) };
    case Op.PROFILE_SET:
      return { c: 'profileSet', items: Object.entries(f.d.profile) };
    case Op.FRIEND_ADD: {
      const d = f.d;
      return { c: 'add', items: [{ peerId: d.userId, addSource: d.addSource ?? CLIENT_ADD_SOURCE, wording: d.wording ?? '', remark: d.remark ?? '', group: d.group ?? '' }], addType: d.addType ?? 'both', force: false };
    }
    case Op.FRIEND_RESPOND:
      return { c: 'respond', items: [{ peerId: f.d.userId, action: f.d.action, remark: f.d.remark ?? '', group: f.d.group ?? '' }] };
    case Op.FRIEND_WITHDRAW:
      return { c: 'withdraw', peerIds: [f.d.userId] };
    case Op.FRIEND_REQUESTS:
      return { c: 'requests' };
    case Op.FRIEND_DELETE:
      return { c: 'delete', peerIds: f.d.userIds, both: (f.d.mode ?? 'both') === 'both' };
    case Op.FRIEND_CHECK:
      return { c: 'check', peerIds: f.d.userIds, mode: f.d.mode ?? 'both' };
    case Op.FRIEND_GET:
      return { c: 'friends', start: f.d.start ?? 0, limit: Math.min(f.d.limit ?? FRIEND_PAGE_SIZE, FRIEND_PAGE_SIZE) };
    case Op.FRIEND_GET_BY_ID:
      return { c: 'friendsById', peerIds: f.d.userIds };
    case Op.FRIEND_UPDATE: {
      const d = f.d;
      return { c: 'update', items: [{ peerId: d.userId, ...(d.remark !== undefined ? { remark: d.remark } : {}), ...(d.groups ? { groups: d.groups } : {}), ...(d.custom ? { custom: d.custom } : {}) }] };
    }
    case Op.FRIEND_LIST_CREATE:
      return { c: 'listCreate', names: f.d.names, peerIds: f.d.userIds ?? [] };
    case Op.FRIEND_LIST_DELETE:
      return { c: 'listDelete', names: f.d.names };
    case Op.FRIEND_LIST_RENAME:
      return { c: 'listRename', from: f.d.name, to: f.d.newName };
    case Op.FRIEND_LIST_ADD:
      return { c: 'listMembers', names: [f.d.name], peerIds: f.d.userIds, remove: false };
    case Op.FRIEND_LIST_REMOVE:
      return { c: 'listMembers', names: [f.d.name], peerIds: f.d.userIds, remove: true };
    case Op.FRIEND_LISTS:
      return { c: 'lists', ...(f.d.names ? { names: f.d.names } : {}) };
    case Op.BLOCK_ADD:
      return { c: 'blockAdd', peerIds: f.d.userIds };
    case Op.BLOCK_REMOVE:
      return { c: 'blockRemove', peerIds: f.d.userIds };
    case Op.BLOCK_LIST:
      return { c: 'blocks', start: f.d.start ?? 0, limit: Math.min(f.d.limit ?? BLOCK_PAGE_MAX, BLOCK_PAGE_MAX) };
    case Op.BLOCK_CHECK:
      return { c: 'blockCheck', peerIds: f.d.userIds, mode: f.d.mode ?? 'both' };
    case Op.SOCIAL_SYNC:
      return { c: 'sync', afterSeq: f.d.afterSeq, limit: Math.min(f.d.limit ?? SYNC_PAGE_MAX, SYNC_PAGE_MAX) };
  }
}

const ok = (d?: unknown): OpResult => (d === undefined ? { c: Err.OK, m: '' } : { c: Err.OK, m: '', d });
const userResults = (rs: readonly ItemResult[]): UserResult[] => rs.map((r) => ({ userId: r.peerId, c: r.code, m: r.info }));
const relations = (rs: ReadonlyArray<{ peerId: string; relation: Relation }>) => ({ results: rs.map((r) => ({ userId: r.peerId, relation: r.relation })) });

/** The one peer's outcome as the reply (pending counts as success for FRIEND_ADD). */
function single(rs: readonly ItemResult[], pendingOk: boolean): OpResult {
  const r = rs[0];
  if (!r || r.code === 0) return ok(pendingOk ? { pending: false } : undefined);
  if (pendingOk && r.code === Err.SNS_PENDING_CREATED) return ok({ pending: true });
  return { c: r.code, m: r.info };
}

export const friendInfo = (f: FriendRecord): FriendInfo => ({
  userId: f.peerId,
  remark: f.remark,
  groups: f.groups,
  addSource: f.addSource,
  wording: f.addWording,
  addTime: f.addTime,
  remarkTime: f.remarkTime,
  custom: f.custom,
});

const requestInfo = (r: FriendRequestRecord): FriendRequestInfo => ({
  userId: r.peerId,
  addSource: r.addSource,
  wording: r.addWording,
  remark: r.remark,
  group: r.groupName,
  addType: r.addType,
  time: r.time,
});

export function replyOf(f: SocialFrame, result: unknown): OpResult {
  switch (f.op) {
    case Op.PROFILE_GET:
      return ok({ results: (result as ProfileResult[]).map((r) => ({ userId: r.userId, c: r.code, m: r.info, ...(r.items ? { profile: Object.fromEntries(r.items) } : {}) })) });
    case Op.FRIEND_ADD:
      return single(result as ItemResult[], true);
    case Op.FRIEND_RESPOND:
    case Op.FRIEND_WITHDRAW:
    case Op.FRIEND_UPDATE:
      return single(result as ItemResult[], false);
    case Op.FRIEND_REQUESTS: {
      const r = result as { inbox: FriendRequestRecord[]; outbox: FriendRequestRecord[] };
      return ok({ inbox: r.inbox.map(requestInfo), outbox: r.outbox.map(requestInfo) });
    }
    case Op.FRIEND_DELETE:
    case Op.FRIEND_LIST_CREATE:
    case Op.FRIEND_LIST_ADD:
    case Op.FRIEND_LIST_REMOVE:
    case Op.BLOCK_ADD:
    case Op.BLOCK_REMOVE:
      return ok({ results: userResults(result as ItemResult[]) });
    case Op.FRIEND_CHECK:
    case Op.BLOCK_CHECK:
      return ok(relations(result as Array<{ peerId: string; relation: Relation }>));
    case Op.FRIEND_GET: {
      const p = result as Page<FriendRecord>;
      return ok({ friends: p.items.map(friendInfo), total: p.total, next: p.next, complete: p.complete });
    }
    case Op.FRIEND_GET_BY_ID: {
      const rs = result as Array<{ peerId: string; code: number; info: string; friend?: FriendRecord }>;
      return ok({ results: rs.map((r) => ({ userId: r.peerId, c: r.code, m: r.info, ...(r.friend ? { friend: friendInfo(r.friend) } : {}) })) });
    }
    case Op.FRIEND_LISTS:
      return ok({ lists: (result as FriendListView[]).map((l) => ({ name: l.name, userIds: l.members })) });
    case Op.BLOCK_LIST: {
      const p = result as Page<BlockRecord>;
      return ok({ blocked: p.items.map((b) => ({ userId: b.peerId, time: b.addTime })), total: p.total, next: p.next, complete: p.complete });
    }
    case Op.SOCIAL_SYNC: {
      const s = result as SyncResult;
      return ok({ changes: s.changes.map((c) => ({ seq: c.seq, kind: c.kind, time: c.time, data: c.data })), maxSeq: s.maxSeq, complete: s.complete, reset: s.reset });
    }
    case Op.PROFILE_SET:
    case Op.FRIEND_LIST_DELETE:
    case Op.FRIEND_LIST_RENAME:
      return ok();
  }
}

/** Runs one social op for a logged-in caller; never throws (errors become coded results). */
export async function runSocialOp(actors: ActorClient, caller: SocialCaller, f: SocialFrame, timeoutMs: number): Promise<OpResult> {
  const msg: SocialMsg = { t: 'cmd', req: { by: 'user', platform: caller.platform, ...(caller.clientIp ? { clientIp: caller.clientIp } : {}) }, cmd: commandOf(f) };
  try {
    return replyOf(f, await actors.ask(socialAddr(caller.sdkAppId, caller.userId), msg, { timeoutMs }));
  } catch (e) {
    if (isImError(e)) return { c: e.code, m: e.info };
    return { c: Err.INTERNAL, m: 'internal error' };
  }
}
