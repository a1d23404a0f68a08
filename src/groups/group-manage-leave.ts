// Leaving: quit (the owner only where the type lets them: 10009), kick (every target checked
// against the actor's role before anything is removed: one refusal refuses the call) and dismiss
// (owner or App admin per type: every member, joined row, request and topic removed page by page,
// the record kept with dismissedAt so the id stays taken and reads answer 10010).
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import { MAX_MEMBERS_PER_CALL } from '../store/group-members.js';
import { Callback } from '../webhooks/commands.js';
import type { GroupContext } from './group-context.js';
import type { GroupDismiss, GroupKick, GroupQuit } from './group-messages.js';
import { accountList, announceChange, announceExit, callbackBase, metaOf, tellAfter } from './group-manage-notify.js';
import { check, membersOf, saveGroup, writeLeaves } from './group-manage-rows.js';
import { can } from './group-permissions.js';
import { MAX_MUTE_MEMBERS_PER_CALL } from './group-limits.js';

/** Most members AfterGroupDestroyed lists (a Community may hold a million). */
export const DESTROY_CALLBACK_MEMBERS = 1000;
/** Most users one kick takes (delete_group_member has no documented cap; as forbid_send_msg). */
export const MAX_KICK_PER_CALL = MAX_MUTE_MEMBERS_PER_CALL;

export async function quitGroup(ctx: GroupContext, m: GroupQuit): Promise<Record<string, never>> {
  let g = await ctx.group();
  const acting = await ctx.acting(m.by);
  check(can(g.type, acting.actor, 'quit'), `${acting.actor} may not quit this ${g.type} group`);
  const left = await writeLeaves(ctx, g, [acting.userId]);
  g = left.g;
  if (acting.actor === 'Owner') g = await saveGroup(ctx, g, { ownerId: '' });
  await announceExit(ctx, g, { operator: acting.userId, users: left.removed, exitType: 'Quit', meta: metaOf(m) });
  return {};
}

export async function kickMembers(ctx: GroupContext, m: GroupKick): Promise<{ removed: string[] }> {
  const g = await ctx.group();
  const acting = await ctx.acting(m.by);
  const ids = [...new Set(m.userIds)];
  if (ids.length === 0) throw new ImError(Err.GROUP_INVALID_PARAMS, 'no members to remove');
  if (ids.length > MAX_KICK_PER_CALL) {
    ctx.deps.metrics?.groupLimitHits.inc({ limit: 'batch' });
    throw new ImError(Err.GROUP_TOO_MANY_ACCOUNTS, `at most ${MAX_KICK_PER_CALL} members per call`);
  }
  const rows = await membersOf(ctx, ids);
  // Non-members cannot be kicked, but a caller without the right learns nothing about membership.
  if (rows.size === 0) check(can(g.type, acting.actor, 'kick', 'Member'), `${acting.actor} may not remove members`);
  for (const row of rows.values()) check(can(g.type, acting.actor, 'kick', row.role), `${acting.actor} may not remove ${row.userId} (${row.role})`);
  const left = await writeLeaves(ctx, g, [...rows.keys()]);
  await announceExit(ctx, left.g, { operator: acting.userId, users: left.removed, exitType: 'Kicked', meta: metaOf(m), ...(m.silence ? { silence: true } : {}), ...(m.reason ? { reason: m.reason } : {}) });
  return { removed: left.removed };
}

export async function dismissGroup(ctx: GroupContext, m: GroupDismiss): Promise<Record<string, never>> {
  let g = await ctx.group();
  const acting = await ctx.acting(m.by);
  check(can(g.type, acting.actor, 'dismiss'), `${acting.actor} may not dismiss this ${g.type} group`);
  await announceChange(ctx, g, 'dismiss', acting.userId, []);
  const { groupMembers, joinedGroups, groupJoinRequests, groupTopics } = ctx.deps.store;
  const listed: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await groupMembers.listMembers(ctx.sdkAppId, g.groupId, { limit: MAX_MEMBERS_PER_CALL, ...(after ? { after } : {}) });
    const ids = page.members.map((x) => x.userId);
    if (ids.length > 0) {
      await groupMembers.removeMembers(ctx.sdkAppId, g.groupId, ids);
      await joinedGroups.removeJoined(ctx.sdkAppId, ids.map((userId) => ({ userId, groupId: g.groupId })));
      await ctx.fanout.subscribe(ids, false).catch((e: unknown) => ctx.log.warn('group unsubscribe failed', { err: e }));
      listed.push(...ids.slice(0, Math.max(0, DESTROY_CALLBACK_MEMBERS - listed.length)));
    }
    if (!page.next) break;
    after = page.next;
  }
  await groupMembers.deleteAllMembers(ctx.sdkAppId, g.groupId);
  await groupJoinRequests.deleteAllRequests(ctx.sdkAppId, g.groupId);
  await groupTopics.deleteAllTopics(ctx.sdkAppId, g.groupId);
  g = await saveGroup(ctx, g, { dismissedAt: ctx.deps.clock.nowMs(), memberCount: 0 });
  tellAfter(ctx, Callback.GroupAfterGroupDestroyed, { ...callbackBase(g), Owner_Account: g.ownerId, Name: g.name, MemberList: accountList(listed) }, metaOf(m));
  return {};
}

