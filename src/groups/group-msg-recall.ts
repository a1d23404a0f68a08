// Recall of group messages by seq (group_msg_recall, client recall), inside the group actor. A
// recalled message stays in its timeline as a placeholder (recalled flag, empty body, same seq) so
// history keeps its numbering; members' devices get GROUP_RECALLED. The App admin recalls anything
// at any time; a member recalls their own messages within the app's recallLimitSec (10031 after),
// and others' only where can(.., 'recallOthers', senderRole) allows it (same time limit).
// AVChatRoom keeps nothing and answers 10033 (group-type-rules). Each seq gets its own RetCode:
// 10030 not found, 10032 already recalled, 10031 too late, 10007 not allowed.
import { messagingOf } from '../config/messaging-settings.js';
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import { Op } from '../protocol/ops.js';
import type { StoredMessage } from '../store/messages.js';
import type { GroupContext } from './group-context.js';
import type { GroupRecall } from './group-messages.js';
import { Callback } from '../webhooks/commands.js';
import { groupAfterRecall } from './group-msg-callbacks.js';
import { isDeleted } from './group-msg-view.js';
import { timelineOf } from './group-msg-where.js';
import { can } from './group-permissions.js';
import { rulesOf } from './group-type-rules.js';

/** Most seqs one recall takes. */
export const MAX_RECALL_SEQS = 100;

export interface RecallResult {
  results: { seq: number; code: number }[];
}

export const seqListProblem = (seqs: unknown, max: number): string | undefined => {
  if (!Array.isArray(seqs) || seqs.length === 0) return 'at least one MsgSeq is required';
  if (seqs.length > max) return `at most ${max} MsgSeq per call`;
  return seqs.every((s) => Number.isSafeInteger(s) && (s as number) > 0) ? undefined : 'every MsgSeq must be a positive integer';
};

export async function recallMessages(ctx: GroupContext, r: GroupRecall): Promise<RecallResult> {
  const g = await ctx.group();
  if (!rulesOf(g.type).recall) throw new ImError(Err.GROUP_TYPE_NO_RECALL, `a ${g.type} group does not support recall`);
  const bad = seqListProblem(r.seqs, MAX_RECALL_SEQS);
  if (bad) throw new ImError(Err.GROUP_INVALID_PARAMS, bad);
  const [tl, acting] = await Promise.all([timelineOf(ctx, g, r.topicId), ctx.acting(r.by)]);
  if (acting.actor === 'NonMember') throw new ImError(Err.GROUP_PERMISSION_DENIED, 'only members recall messages');
  const { store: st, clock } = ctx.deps;
  const seqs = [...new Set(r.seqs)];
  const found = new Map((await st.messages.getBySeqs(ctx.sdkAppId, tl.convId, seqs)).map((m) => [m.seq, m]));
  const others = [...new Set([...found.values()].map((m) => m.from).filter((u) => u !== acting.userId && u !== ''))];
  const roles = acting.actor === 'AppAdmin' || others.length === 0 ? new Map() : await st.groupMembers.getMembers(ctx.sdkAppId, g.groupId, others);
  const limitSec = messagingOf(ctx.deps.apps?.get(ctx.sdkAppId)).recallLimitSec;
  const nowSec = Math.floor(clock.nowMs() / 1000);
  const codeOf = (m: StoredMessage | undefined): number => {
    if (!m || isDeleted(m)) return Err.GROUP_RECALL_NOT_FOUND;
    if (m.flags.recalled) return Err.GROUP_RECALL_NOT_ALLOWED;
    if (acting.actor === 'AppAdmin') return 0;
    if (m.from !== acting.userId) {
      const verdict = can(g.type, acting.actor, 'recallOthers', roles.get(m.from)?.role ?? 'Member');
      if (verdict !== 0) return verdict;
    }
    return nowSec - m.time > limitSec ? Err.GROUP_RECALL_TIME_LIMIT : 0;
  };
  const results = r.seqs.map((seq) => ({ seq, code: codeOf(found.get(seq)) }));
  const done = [...new Set(results.filter((x) => x.code === 0).map((x) => x.seq))];
  await Promise.all(done.map((seq) => st.messages.patch(ctx.sdkAppId, tl.convId, seq, { recalled: true, body: [] })));
  if (done.length > 0) {
    const where = { groupId: g.groupId, ...(tl.topicId ? { topicId: tl.topicId } : {}) };
    ctx.fanout.toMembers({ op: Op.GROUP_RECALLED, d: { ...where, seqs: done, by: acting.userId } }, r.connId ? { skipConnId: r.connId } : {});
    if (ctx.deps.webhooks?.wants(ctx.sdkAppId, Callback.GroupAfterRecallMsg)) groupAfterRecall(ctx.deps.webhooks, ctx.sdkAppId, { ...where, type: g.type, operator: acting.userId, seqs: done }, { optPlatform: r.optPlatform ?? 'RESTAPI' });
  }
  return { results };
}
