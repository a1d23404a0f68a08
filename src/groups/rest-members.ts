// Member reads (spec §2.1 #34, #42, #43): get_group_member_info (Limit/Offset emulated over the
// store's cursors, Community also pages with Next), get_specified_group_member_info,
// get_role_in_group ('NotMember' for others), get_group_muted_account and its legacy name.
// Gotcha: a page asks the store for exactly the rows still needed and consumes all of them, so
// the store's cursor after it is exact even when MemberRoleFilter skips some rows.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { RestContext } from '../rest/context.js';
import { field } from '../rest/validate.js';
import type { MemberRecord } from '../store/groups.js';
import { MAX_MEMBER_PAGE } from '../store/group-members.js';
import { isMemberRole, type MemberRole } from './group-kinds.js';
import { wireMuteUntil } from './group-state-rules.js';
import { memberInfo, pickFields } from './rest-info.js';
import { asStrings, liveGroup, optInt, readGroupId, readUsers } from './rest-common.js';

/** Most ids get_role_in_group / get_specified_group_member_info take. */
export const MAX_MEMBER_QUERY = 500;

type Body = Record<string, unknown>;

const stringList = (body: Body, name: string): string[] | undefined => asStrings(field(body, name), name);

function roleFilter(body: Body): MemberRole[] | undefined {
  const roles = stringList(body, 'MemberRoleFilter');
  if (!roles || roles.length === 0) return undefined;
  if (!roles.every(isMemberRole)) throw new ImError(Err.GROUP_INVALID_PARAMS, 'MemberRoleFilter items must be Owner, Admin or Member');
  return roles as MemberRole[];
}

interface Walk {
  after?: string;
  skip: number;
  limit: number;
  roles?: readonly MemberRole[];
}

async function walkMembers(ctx: RestContext, groupId: string, w: Walk): Promise<{ members: MemberRecord[]; next?: string }> {
  const out: MemberRecord[] = [];
  let skipped = 0;
  let cursor = w.after;
  if (w.roles && !w.roles.includes('Member')) {
    // Owner and admins come from the small privileged index, never from a member scan.
    const all = (await ctx.deps.store.groupMembers.listPrivileged(ctx.sdkAppId, groupId)).filter((m) => w.roles!.includes(m.role));
    return { members: all.slice(w.skip, w.skip + w.limit) };
  }
  for (;;) {
    const need = w.skip - skipped + (w.limit - out.length);
    const page = await ctx.deps.store.groupMembers.listMembers(ctx.sdkAppId, groupId, { limit: Math.min(need, MAX_MEMBER_PAGE), ...(cursor ? { after: cursor } : {}) });
    for (const m of page.members) {
      if (w.roles && !w.roles.includes(m.role)) continue;
      if (skipped < w.skip) skipped++;
      else out.push(m);
    }
    cursor = page.next;
    if (!cursor) return { members: out };
    if (out.length >= w.limit) return { members: out, next: cursor };
  }
}

export async function getGroupMemberInfo(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = readGroupId(body);
  const limit = optInt(body, ['Limit'], 0, MAX_MEMBER_PAGE) || MAX_MEMBER_PAGE;
  const offset = optInt(body, ['Offset'], 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const next = field(body, 'Next');
  if (next !== undefined && typeof next !== 'string') throw new ImError(Err.GROUP_INVALID_PARAMS, 'Next must be the string a previous page answered');
  const keep = stringList(body, 'MemberInfoFilter');
  const customKeys = stringList(body, 'AppDefinedDataFilter_GroupMember');
  const roles = roleFilter(body);
  const g = await liveGroup(ctx, groupId);
  const page = await walkMembers(ctx, groupId, { skip: offset, limit, ...(next ? { after: next } : {}), ...(roles ? { roles } : {}) });
  const now = ctx.deps.clock.nowMs();
  const out: Record<string, unknown> = {
    MemberNum: g.memberCount,
    MemberList: page.members.map((m) => pickFields(memberInfo(m, now, customKeys), keep && keep.length > 0 ? keep : undefined, 'Member_Account')),
  };
  if (g.type === 'Community' || next !== undefined) out.Next = page.next ?? '';
  return out;
}

export async function getSpecifiedGroupMemberInfo(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = readGroupId(body);
  const ids = readUsers(body, 'Member_List_Account', MAX_MEMBER_QUERY);
  const keep = stringList(body, 'MemberInfoFilter');
  const customKeys = stringList(body, 'AppDefinedDataFilter_GroupMember');
  const g = await liveGroup(ctx, groupId);
  const rows = await ctx.deps.store.groupMembers.getMembers(ctx.sdkAppId, groupId, [...new Set(ids)]);
  const now = ctx.deps.clock.nowMs();
  const list = [...new Set(ids)].flatMap((u) => {
    const m = rows.get(u);
    return m ? [pickFields(memberInfo(m, now, customKeys), keep && keep.length > 0 ? keep : undefined, 'Member_Account')] : [];
  });
  return { MemberNum: g.memberCount, MemberList: list };
}

export async function getRoleInGroup(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const groupId = readGroupId(body);
  const ids = readUsers(body, 'User_Account', MAX_MEMBER_QUERY);
  await liveGroup(ctx, groupId);
  const rows = await ctx.deps.store.groupMembers.getMembers(ctx.sdkAppId, groupId, [...new Set(ids)]);
  return { UserIdList: ids.map((u) => ({ Member_Account: u, Role: rows.get(u)?.role ?? 'NotMember' })) };
}

async function mutedMembers(ctx: RestContext, body: Body): Promise<Array<{ userId: string; until: number }>> {
  const groupId = readGroupId(body);
  await liveGroup(ctx, groupId);
  const now = ctx.deps.clock.nowMs();
  const out: Array<{ userId: string; until: number }> = [];
  let after: string | undefined;
  for (;;) {
    const page = await ctx.deps.store.groupMembers.listMembers(ctx.sdkAppId, groupId, { limit: MAX_MEMBER_PAGE, ...(after ? { after } : {}) });
    for (const m of page.members) if (m.muteUntil > now) out.push({ userId: m.userId, until: wireMuteUntil(m.muteUntil, now) });
    if (!page.next) return out;
    after = page.next;
  }
}

export async function getGroupMutedAccount(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const muted = await mutedMembers(ctx, body);
  return { MutedAccountList: muted.map((m) => ({ Member_Account: m.userId, MutedUntil: m.until })) };
}

export async function getGroupShuttedUin(ctx: RestContext, body: Body): Promise<Record<string, unknown>> {
  const muted = await mutedMembers(ctx, body);
  return { ShuttedUinList: muted.map((m) => ({ Member_Account: m.userId, ShuttedUntil: m.until })) };
}
