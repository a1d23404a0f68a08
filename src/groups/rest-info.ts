// get_group_info (spec §2.1 #33) and get_appid_group_list: reads straight from the store. Unknown or
// dismissed groups answer per item (10010, malformed ids 10015) while the call stays OK. Filters:
// GroupBaseInfoFilter picks base fields, AppDefinedDataFilter_Group picks custom keys,
// MemberInfoFilter adds the first member page. Type is answered in its legacy spelling.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { RestContext } from '../rest/context.js';
import { asBatch, field, isPlainObject } from '../rest/validate.js';
import { MAX_GROUP_LIST_PAGE, MAX_GROUPS_PER_GET, type GroupRecord, type MemberRecord } from '../store/groups.js';
import { MAX_MEMBER_PAGE } from '../store/group-members.js';
import { groupConvId, isGroupIdShape } from './group-ids.js';
import { parseGroupType, wireGroupType } from './group-kinds.js';
import { MAX_GROUP_INFO_IDS } from './group-limits.js';
import { wireMuteUntil } from './group-state-rules.js';
import { GROUP_CODES, asStrings, customList, optInt, seconds } from './rest-common.js';

type Body = Record<string, unknown>;

export function groupBaseInfo(ctx: RestContext, g: GroupRecord, nextMsgSeq: number): Record<string, unknown> {
  return {
    Type: wireGroupType(g.type),
    Name: g.name,
    Appid: ctx.sdkAppId,
    Introduction: g.introduction,
    Notification: g.notification,
    FaceUrl: g.faceUrl,
    Owner_Account: g.ownerId,
    CreateTime: seconds(g.createdAt),
    InfoSeq: g.infoSeq,
    LastInfoTime: seconds(g.lastInfoTime),
    LastMsgTime: g.lastMsgTime,
    NextMsgSeq: nextMsgSeq,
    MemberNum: g.memberCount,
    MaxMemberNum: g.maxMemberNum,
    ApplyJoinOption: g.applyJoinOption,
    InviteJoinOption: g.inviteJoinOption,
    MuteAllMember: g.muteAll ? 'On' : 'Off',
    ShutUpAllMember: g.muteAll ? 'On' : 'Off',
    ...(g.type === 'Community' ? { SupportTopic: g.supportTopic ? 1 : 0 } : {}),
  };
}

export function memberInfo(m: MemberRecord, nowMs: number, customKeys?: readonly string[]): Record<string, unknown> {
  const until = wireMuteUntil(m.muteUntil, nowMs);
  return {
    Member_Account: m.userId,
    Role: m.role,
    JoinTime: seconds(m.joinTime),
    MsgSeq: m.readSeq,
    MsgFlag: m.msgFlag,
    LastSendMsgTime: seconds(m.lastSendTime),
    MuteUntil: until,
    ShutUpUntil: until,
    NameCard: m.nameCard,
    AppMemberDefinedData: customList(m.custom, customKeys),
  };
}

/** Keeps Member_Account and the fields a MemberInfoFilter names (all when absent). */
export const pickFields = (o: Record<string, unknown>, keep: readonly string[] | undefined, always: string): Record<string, unknown> =>
  keep ? Object.fromEntries(Object.entries(o).filter(([k]) => k === always || keep.includes(k))) : o;

export async function getGroupInfo(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const ids = asBatch(field(body, 'GroupIdList'), 'GroupIdList', MAX_GROUP_INFO_IDS, { ...GROUP_CODES, batch: Err.GROUP_INVALID_PARAMS });
  const filter = field(body, 'ResponseFilter');
  if (filter !== undefined && !isPlainObject(filter)) throw new ImError(Err.GROUP_INVALID_PARAMS, 'ResponseFilter must be an object');
  const f = filter ?? {};
  const baseKeys = asStrings(f.GroupBaseInfoFilter, 'GroupBaseInfoFilter');
  const memberKeys = asStrings(f.MemberInfoFilter, 'MemberInfoFilter');
  const groupCustomKeys = asStrings(f.AppDefinedDataFilter_Group, 'AppDefinedDataFilter_Group');
  const memberCustomKeys = asStrings(f.AppDefinedDataFilter_GroupMember, 'AppDefinedDataFilter_GroupMember');
  const valid = ids.filter((id): id is string => isGroupIdShape(id));
  const found = await ctx.deps.store.groups.getGroups(ctx.sdkAppId, [...new Set(valid)]);
  const now = ctx.deps.clock.nowMs();
  const out: Record<string, unknown>[] = [];
  for (const id of ids) {
    if (!isGroupIdShape(id)) {
      out.push({ GroupId: id, ErrorCode: Err.GROUP_ID_INVALID, ErrorInfo: 'not a group id' });
      continue;
    }
    const g = found.get(id);
    if (!g || g.dismissedAt > 0) {
      out.push({ GroupId: id, ErrorCode: Err.GROUP_NOT_FOUND, ErrorInfo: 'group does not exist or was dismissed' });
      continue;
    }
    const next = (await ctx.deps.store.messages.maxSeq(ctx.sdkAppId, groupConvId(id))) + 1;
    const info: Record<string, unknown> = { GroupId: id, ErrorCode: 0, ErrorInfo: '', ...pickFields(groupBaseInfo(ctx, g, next), baseKeys, 'GroupId') };
    info.AppDefinedData = customList(g.custom, groupCustomKeys);
    if (memberKeys !== undefined) {
      const page = await ctx.deps.store.groupMembers.listMembers(ctx.sdkAppId, id, { limit: MAX_MEMBER_PAGE });
      info.MemberList = page.members.map((m) => pickFields(memberInfo(m, now, memberCustomKeys), memberKeys.length > 0 ? memberKeys : undefined, 'Member_Account'));
    }
    out.push(info);
  }
  return { GroupInfo: out };
}

/** Default page of get_appid_group_list (Tencent's Limit is at most 10000). */
export const DEFAULT_APP_GROUP_PAGE = 10_000;

export async function getAppidGroupList(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const limit = optInt(body, ['Limit'], 1, MAX_GROUP_LIST_PAGE) ?? DEFAULT_APP_GROUP_PAGE;
  const next = field(body, 'Next');
  if (next !== undefined && typeof next !== 'string' && next !== 0) throw new ImError(Err.GROUP_INVALID_PARAMS, 'Next must be the string a previous page answered (or 0)');
  const rawType = field(body, 'GroupType');
  const type = rawType === undefined || rawType === '' ? undefined : parseGroupType(rawType);
  if (rawType !== undefined && rawType !== '' && !type) throw new ImError(Err.GROUP_INVALID_PARAMS, `GroupType ${JSON.stringify(rawType)} is not a group type`);
  const page = await ctx.deps.store.groups.listGroups(ctx.sdkAppId, { limit, ...(typeof next === 'string' && next ? { after: next } : {}), ...(type ? { types: [type] } : {}) });
  // Dismissed groups keep their record (their id stays taken) and are left out here.
  const live: string[] = [];
  for (let i = 0; i < page.groups.length; i += MAX_GROUPS_PER_GET) {
    const ids = page.groups.slice(i, i + MAX_GROUPS_PER_GET).map((g) => g.groupId);
    const recs = await ctx.deps.store.groups.getGroups(ctx.sdkAppId, ids);
    live.push(...ids.filter((id) => (recs.get(id)?.dismissedAt ?? 1) === 0));
  }
  // TotalCount is the page's: the store keeps no app-wide count (walking every page would be unbounded).
  return { TotalCount: live.length, GroupIdList: live.map((GroupId) => ({ GroupId })), Next: page.next ?? '' };
}
