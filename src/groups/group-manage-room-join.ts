// Live-room viewers joining in bulk (GroupRoomJoin): each edge coalesces the ROOM_JOINs of a few
// milliseconds per room (src/edge/room-join-batch.ts), so a join storm of 10,000 viewers is a few
// dozen turns here instead of 10,000 queued asks that overflow the mailbox. One turn reads the
// member rows of all viewers at once and writes the newcomers in one go; each viewer gets the code
// a single application (applyToJoin) would have given. Unusual setups (an AVChatRoom that needs
// approval) go through applyToJoin one by one, so the rules stay written once.
import { ImError, isImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { GroupRecord } from '../store/groups.js';
import type { GroupContext } from './group-context.js';
import { applyToJoin, askBeforeApply, dedupe } from './group-manage-join.js';
import { announceJoin, metaOf } from './group-manage-notify.js';
import { memberRecord, membersOf, newestSeq, writeJoins } from './group-manage-rows.js';
import type { GroupRoomJoin, RoomJoinResult, RoomViewer } from './group-messages.js';
import { can } from './group-permissions.js';
import { applyOutcome } from './group-state-rules.js';

/** Most viewers one GroupRoomJoin carries (what the edge puts in one batch). */
export const ROOM_JOIN_BATCH_MAX = 256;

type Answer = RoomJoinResult['results'][number];
const OK: Answer = { code: 0, info: '' };
const refusal = (e: unknown): Answer => {
  if (isImError(e)) return { code: e.code, info: e.info };
  throw e;
};

export async function joinRoomViewers(ctx: GroupContext, m: GroupRoomJoin): Promise<RoomJoinResult> {
  if (!Array.isArray(m.viewers) || m.viewers.length === 0 || m.viewers.length > ROOM_JOIN_BATCH_MAX) {
    throw new ImError(Err.GROUP_INVALID_PARAMS, `a room join carries 1 to ${ROOM_JOIN_BATCH_MAX} viewers`);
  }
  if (!m.viewers.every((v) => typeof v?.userId === 'string' && v.userId !== '')) throw new ImError(Err.GROUP_INVALID_PARAMS, 'every viewer names a user');
  let g = await ctx.group();
  if (g.type !== 'AVChatRoom') throw new ImError(Err.GROUP_PERMISSION_DENIED, `ROOM_JOIN is for AVChatRoom groups; ${g.groupId} is a ${g.type} group`);
  const answers = new Map<string, Answer>();
  const existing = await membersOf(ctx, [...new Set(m.viewers.map((v) => v.userId))]);
  // Another socket of a member joins again: the edge subscribes it, nothing is written.
  for (const id of existing.keys()) answers.set(id, OK);
  const newcomers = dedupe(m.viewers.filter((v) => !existing.has(v.userId)));
  if (newcomers.length > 0 && applyOutcome(g.type, g.applyJoinOption) !== 'join') {
    for (const v of newcomers) answers.set(v.userId, await applyToJoin(ctx, { t: 'apply', sdkAppId: m.sdkAppId, groupId: m.groupId, by: { userId: v.userId }, ...platform(v) }).then(() => OK, refusal));
  } else if (newcomers.length > 0) {
    const checked = await Promise.all(newcomers.map((v) => admit(ctx, g, v).then(() => OK, refusal)));
    newcomers.forEach((v, i) => checked[i]!.code !== 0 && answers.set(v.userId, checked[i]!));
    const admitted = newcomers.filter((_, i) => checked[i]!.code === 0);
    // Viewers beyond MaxMemberNum are refused (10014) in arrival order; the earlier ones get in.
    const over = admitted.splice(Math.max(0, g.maxMemberNum - g.memberCount));
    for (const v of over) answers.set(v.userId, { code: Err.GROUP_FULL, info: `group ${g.groupId} is full (${g.memberCount} of ${g.maxMemberNum})` });
    if (over.length > 0) ctx.deps.metrics?.groupLimitHits.inc({ limit: 'members' }, over.length);
    if (admitted.length > 0) {
      const now = ctx.deps.clock.nowMs();
      const seq = await newestSeq(ctx);
      g = await writeJoins(ctx, g, admitted.map((v) => memberRecord({ userId: v.userId }, now, seq)));
      for (const v of admitted) {
        answers.set(v.userId, OK);
        await announceJoin(ctx, g, { operator: v.userId, users: [v.userId], joinType: 'Apply', meta: metaOf(v) });
      }
    }
  }
  return { results: m.viewers.map((v) => answers.get(v.userId) ?? { code: Err.INTERNAL, info: 'viewer left unanswered' }) };
}

/** The checks of one application that do not depend on the others: who may apply, the app's say. */
async function admit(ctx: GroupContext, g: GroupRecord, v: RoomViewer): Promise<void> {
  const actor = ctx.deps.apps?.isAdmin(ctx.sdkAppId, v.userId) ? 'AppAdmin' : 'NonMember';
  const verdict = can(g.type, actor, 'apply');
  if (verdict !== 0) throw new ImError(verdict, `${g.type} groups take no applications`);
  await askBeforeApply(ctx, g, v.userId, metaOf(v));
}

const platform = (v: RoomViewer): { optPlatform?: string } => (v.optPlatform !== undefined ? { optPlatform: v.optPlatform } : {});
