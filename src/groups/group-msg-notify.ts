// send_group_system_notification (spec §2.1 #45): a text from the App admin to the group's online
// members (or some of them), never stored and without a seq: members offline now never see it.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { GroupSystemFrame } from '../protocol/group-frames.js';
import { Op } from '../protocol/ops.js';
import type { GroupContext } from './group-context.js';
import type { GroupNotify } from './group-messages.js';
import { timelineOf } from './group-msg-where.js';

export async function notifyMembers(ctx: GroupContext, r: GroupNotify): Promise<Record<string, never>> {
  const g = await ctx.group();
  const [tl, acting] = await Promise.all([timelineOf(ctx, g, r.topicId), ctx.acting(r.by)]);
  if (acting.actor !== 'AppAdmin') throw new ImError(Err.GROUP_PERMISSION_DENIED, 'only the App admin sends system notifications');
  if (typeof r.content !== 'string' || r.content.length === 0) throw new ImError(Err.GROUP_INVALID_PARAMS, 'Content is required');
  const frame: GroupSystemFrame = { op: Op.GROUP_SYSTEM, d: { groupId: g.groupId, ...(tl.topicId ? { topicId: tl.topicId } : {}), content: r.content } };
  if (r.toMembers && r.toMembers.length > 0) {
    const rows = await ctx.deps.store.groupMembers.getMembers(ctx.sdkAppId, g.groupId, r.toMembers);
    await ctx.fanout.toUsers(r.toMembers.filter((u) => rows.has(u)), frame);
  } else ctx.fanout.toMembers(frame);
  return {};
}
