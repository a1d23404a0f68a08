// get_joined_group_list (spec §2.1 #41): a user's groups, AVChatRoom only with WithHugeGroups=1,
// Limit/Offset emulated over the joined-group cursor, base info per GroupBaseInfoFilter and
// SelfInfo per SelfInfoFilter (UnreadMsgNum from the message side's groupUnreadCount: after the
// member's readSeq where the type counts unread, without tips, NoUnread or recalled messages). A
// joined row without its member row (a crash between the two writes, src/store/groups.ts) is
// dropped from the answer and, once old enough, deleted: the lazy repair.
// Also get_online_member_num: live-room sockets from the edges' reports, members online otherwise.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { RestContext } from '../rest/context.js';
import { field, isPlainObject } from '../rest/validate.js';
import { MAX_GROUPS_PER_GET, type GroupRecord, type JoinedGroupRecord } from '../store/groups.js';
import { MAX_JOINED_PAGE, MAX_MEMBER_PAGE } from '../store/group-members.js';
import { JOINED_READ_CONCURRENCY } from './group-client-reads.js';
import { inWaves } from '../lib/waves.js';
import { groupConvId } from './group-ids.js';
import { GROUP_TYPES, parseGroupType, type GroupType } from './group-kinds.js';
import { groupUnreadCount } from './group-msg-unread.js';
import { groupBaseInfo, pickFields } from './rest-info.js';
import { asStrings, liveGroup, optFlag, optInt, readGroupId, readUser, seconds } from './rest-common.js';

type Body = Record<string, unknown>;

/** Default page when Limit is absent (Tencent answers every group of the user). */
export const DEFAULT_JOINED_PAGE = MAX_JOINED_PAGE;
/** A joined row without a member row younger than this is left alone (its join may be running). */
export const STALE_JOINED_GRACE_MS = 60_000;

export async function getJoinedGroupList(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const userId = readUser(body, ['Member_Account'])!;
  const limit = optInt(body, ['Limit'], 1, MAX_JOINED_PAGE) ?? DEFAULT_JOINED_PAGE;
  const offset = optInt(body, ['Offset'], 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const rawType = field(body, 'GroupType') ?? field(body, 'Type');
  const type = rawType === undefined || rawType === '' ? undefined : parseGroupType(rawType);
  if (rawType !== undefined && rawType !== '' && !type) throw new ImError(Err.GROUP_INVALID_PARAMS, `GroupType ${JSON.stringify(rawType)} is not a group type`);
  const huge = optFlag(body, 'WithHugeGroups') ?? false;
  const types: GroupType[] = type ? [type] : GROUP_TYPES.filter((t) => huge || t !== 'AVChatRoom');
  const filter = field(body, 'ResponseFilter');
  if (filter !== undefined && !isPlainObject(filter)) throw new ImError(Err.GROUP_INVALID_PARAMS, 'ResponseFilter must be an object');
  const baseKeys = asStrings(filter?.GroupBaseInfoFilter, 'GroupBaseInfoFilter');
  const selfKeys = asStrings(filter?.SelfInfoFilter, 'SelfInfoFilter');

  const { joinedGroups, groups, groupMembers, messages } = ctx.deps.store;
  const rows: JoinedGroupRecord[] = [];
  let skipped = 0;
  let after: string | undefined;
  for (;;) {
    const need = offset - skipped + (limit - rows.length);
    const page = await joinedGroups.listJoined(ctx.sdkAppId, userId, { limit: Math.min(need, MAX_JOINED_PAGE), types, ...(after ? { after } : {}) });
    for (const r of page.groups) {
      if (skipped < offset) skipped++;
      else rows.push(r);
    }
    if (!page.next || rows.length >= limit) break;
    after = page.next;
  }
  const total = await joinedGroups.countJoined(ctx.sdkAppId, userId, types);
  const recs = new Map<string, GroupRecord>();
  for (let i = 0; i < rows.length; i += MAX_GROUPS_PER_GET) {
    for (const [k, v] of await groups.getGroups(ctx.sdkAppId, rows.slice(i, i + MAX_GROUPS_PER_GET).map((r) => r.groupId))) recs.set(k, v);
  }
  const stale: Array<{ userId: string; groupId: string }> = [];
  // One joined group's item, or undefined (dropped; stale rows are queued for the repair).
  const itemOf = async (r: JoinedGroupRecord): Promise<Record<string, unknown> | undefined> => {
    const g = recs.get(r.groupId);
    const member = g && g.dismissedAt === 0 ? (await groupMembers.getMembers(ctx.sdkAppId, r.groupId, [userId])).get(userId) : undefined;
    if (!g || !member) {
      // A join writes the joined row first: a young row may be one whose member row is landing now.
      if (!g || g.dismissedAt > 0 || ctx.deps.clock.nowMs() - r.joinTime > STALE_JOINED_GRACE_MS) stale.push({ userId, groupId: r.groupId });
      return undefined;
    }
    const newest = await messages.maxSeq(ctx.sdkAppId, groupConvId(r.groupId));
    const base = groupBaseInfo(ctx, g, newest + 1);
    const item: Record<string, unknown> = { GroupId: r.groupId, Type: base.Type };
    if (baseKeys) Object.assign(item, pickFields(base, baseKeys, 'GroupId'));
    if (selfKeys) {
      const unread = selfKeys.length === 0 || selfKeys.includes('UnreadMsgNum') ? await groupUnreadCount(ctx.deps.store, ctx.sdkAppId, g, member.readSeq, newest) : 0;
      const self = { Role: member.role, JoinTime: seconds(member.joinTime), MsgFlag: member.msgFlag, UnreadMsgNum: unread };
      item.SelfInfo = selfKeys.length > 0 ? Object.fromEntries(Object.entries(self).filter(([k]) => selfKeys.includes(k))) : self;
    }
    return item;
  };
  const out = (await inWaves(rows, JOINED_READ_CONCURRENCY, itemOf)).filter((item) => item !== undefined);
  if (stale.length > 0) {
    await joinedGroups.removeJoined(ctx.sdkAppId, stale).catch((e: unknown) => ctx.log.warn('joined-group repair failed', { err: e }));
  }
  return { TotalCount: Math.max(0, total - (rows.length - out.length)), GroupIdList: out };
}

/** Members get_online_member_num looks up in presence for a group that is not a live room. */
export const ONLINE_SCAN_MAX_MEMBERS = MAX_MEMBER_PAGE;

/**
 * AVChatRoom: the sockets in the room over every edge (RoomOnline), or the member count where the
 * node has no RoomOnline. Other types: members with a live route, over the first
 * ONLINE_SCAN_MAX_MEMBERS members (all of a Work/Public/Meeting group).
 */
export async function getOnlineMemberNum(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const g = await liveGroup(ctx, readGroupId(body));
  if (g.type === 'AVChatRoom') {
    const online = ctx.deps.roomOnline ? await ctx.deps.roomOnline.count(ctx.sdkAppId, g.groupId) : g.memberCount;
    return { OnlineMemberNum: online };
  }
  const page = await ctx.deps.store.groupMembers.listMembers(ctx.sdkAppId, g.groupId, { limit: ONLINE_SCAN_MAX_MEMBERS });
  const ids = page.members.map((m) => m.userId);
  let online = 0;
  for (let i = 0; i < ids.length; i += PRESENCE_BATCH) online += (await ctx.deps.presence.routesOf(ctx.sdkAppId, ids.slice(i, i + PRESENCE_BATCH))).size;
  return { OnlineMemberNum: online };
}

/** Users per presence lookup. */
const PRESENCE_BATCH = 1000;
