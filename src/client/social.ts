// The social-graph part of the SDK (docs/protocol.md §3.1): profiles, friends, friend requests,
// friend lists, blocklist and the change log. Each method is one request; a refused one rejects
// with ImError carrying the server's code (30xxx / 40xxx). Changes pushed while online arrive as
// the client's 'socialChanges' event; after a reconnect, syncChanges(lastSeq) catches up.
import { Op } from '../protocol/ops.js';
import type { AddType, CheckMode, ProfileValue, RespondAction, SocialParams, SocialResults } from '../protocol/social-frames.js';

type Request = <T>(op: number, payload?: unknown, opts?: { timeoutMs?: number }) => Promise<T>;
type Opts = { timeoutMs?: number };

export class SocialApi {
  constructor(private readonly request: Request) {}

  private call<O extends keyof SocialParams & keyof SocialResults>(op: O, d: SocialParams[O], o?: Opts): Promise<SocialResults[O]> {
    return this.request<SocialResults[O]>(op, d, o);
  }

  private send<O extends keyof SocialParams>(op: O, d: SocialParams[O], o?: Opts): Promise<void> {
    return this.request<void>(op, d, o);
  }

  /** Profiles of users (own when userIds is absent); per-user codes in results. */
  getProfiles(userIds?: string[], tags?: string[], o?: Opts) {
    return this.call(Op.PROFILE_GET, { ...(userIds ? { userIds } : {}), ...(tags ? { tags } : {}) }, o);
  }

  /** Sets own profile tags (Tag_Profile_IM_* and declared Tag_Profile_Custom_*); all or nothing. */
  setProfile(profile: Record<string, ProfileValue>, o?: Opts) {
    return this.send(Op.PROFILE_SET, { profile }, o);
  }

  /** Resolves {pending: true} when the peer must confirm (their AllowType is NeedConfirm). */
  addFriend(userId: string, opts: { addSource?: string; wording?: string; remark?: string; group?: string; addType?: AddType } = {}, o?: Opts) {
    return this.call(Op.FRIEND_ADD, { userId, ...opts }, o);
  }

  respondToRequest(userId: string, action: RespondAction, opts: { remark?: string; group?: string } = {}, o?: Opts) {
    return this.send(Op.FRIEND_RESPOND, { userId, action, ...opts }, o);
  }

  withdrawRequest(userId: string, o?: Opts) {
    return this.send(Op.FRIEND_WITHDRAW, { userId }, o);
  }

  /** Pending requests received (inbox) and sent (outbox). */
  getRequests(o?: Opts) {
    return this.call(Op.FRIEND_REQUESTS, {}, o);
  }

  deleteFriends(userIds: string[], mode: CheckMode = 'both', o?: Opts) {
    return this.call(Op.FRIEND_DELETE, { userIds, mode }, o);
  }

  checkFriends(userIds: string[], mode: CheckMode = 'both', o?: Opts) {
    return this.call(Op.FRIEND_CHECK, { userIds, mode }, o);
  }

  getFriends(page: { start?: number; limit?: number } = {}, o?: Opts) {
    return this.call(Op.FRIEND_GET, page, o);
  }

  /** Every friend, page after page. */
  async getAllFriends(o?: Opts) {
    const out: SocialResults[typeof Op.FRIEND_GET]['friends'] = [];
    for (let start = 0; ; ) {
      const p = await this.getFriends({ start }, o);
      out.push(...p.friends);
      if (p.complete) return out;
      start = p.next;
    }
  }

  getFriendsById(userIds: string[], o?: Opts) {
    return this.call(Op.FRIEND_GET_BY_ID, { userIds }, o);
  }

  updateFriend(userId: string, change: { remark?: string; groups?: string[]; custom?: Record<string, ProfileValue> }, o?: Opts) {
    return this.send(Op.FRIEND_UPDATE, { userId, ...change }, o);
  }

  createFriendLists(names: string[], userIds?: string[], o?: Opts) {
    return this.call(Op.FRIEND_LIST_CREATE, { names, ...(userIds ? { userIds } : {}) }, o);
  }

  deleteFriendLists(names: string[], o?: Opts) {
    return this.send(Op.FRIEND_LIST_DELETE, { names }, o);
  }

  renameFriendList(name: string, newName: string, o?: Opts) {
    return this.send(Op.FRIEND_LIST_RENAME, { name, newName }, o);
  }

  addToFriendList(name: string, userIds: string[], o?: Opts) {
    return this.call(Op.FRIEND_LIST_ADD, { name, userIds }, o);
  }

  removeFromFriendList(name: string, userIds: string[], o?: Opts) {
    return this.call(Op.FRIEND_LIST_REMOVE, { name, userIds }, o);
  }

  getFriendLists(names?: string[], o?: Opts) {
    return this.call(Op.FRIEND_LISTS, names ? { names } : {}, o);
  }

  block(userIds: string[], o?: Opts) {
    return this.call(Op.BLOCK_ADD, { userIds }, o);
  }

  unblock(userIds: string[], o?: Opts) {
    return this.call(Op.BLOCK_REMOVE, { userIds }, o);
  }

  getBlocklist(page: { start?: number; limit?: number } = {}, o?: Opts) {
    return this.call(Op.BLOCK_LIST, page, o);
  }

  checkBlocks(userIds: string[], mode: CheckMode = 'both', o?: Opts) {
    return this.call(Op.BLOCK_CHECK, { userIds, mode }, o);
  }

  /** One page of changes after afterSeq. */
  syncChanges(afterSeq: number, limit?: number, o?: Opts) {
    return this.call(Op.SOCIAL_SYNC, { afterSeq, ...(limit ? { limit } : {}) }, o);
  }

  /** Every change after afterSeq (pages until complete); reset = reload everything, then use maxSeq. */
  async syncAll(afterSeq: number, o?: Opts) {
    const changes: SocialResults[typeof Op.SOCIAL_SYNC]['changes'] = [];
    for (let after = afterSeq; ; ) {
      const page = await this.syncChanges(after, undefined, o);
      if (page.reset) return { changes: [], maxSeq: page.maxSeq, reset: true };
      changes.push(...page.changes);
      if (page.complete || page.changes.length === 0) return { changes, maxSeq: page.maxSeq, reset: false };
      after = page.changes[page.changes.length - 1]!.seq;
    }
  }
}
