// Group tips of the management turns (join, quit, kick, roles, mute, profile...), kept and sent per
// the type (spec §6 "member change tips"): tipsStored = a message of the group's timeline (from '',
// empty body, extra.tip, its own seq), tipsSent = delivered to online members; neither for Meeting
// by default. Called by the management side inside its own turn (the actor's single writer), with
// `alsoTo` for users who should see it but no longer get the group's frames (kicked, quit).
import type { GroupMessageInfo, GroupMsgFrame, GroupTipInfo } from '../protocol/group-frames.js';
import { makeMsgKey } from '../messaging/msg-key.js';
import { roamingSeconds, messagingOf } from '../config/messaging-settings.js';
import { Op } from '../protocol/ops.js';
import type { StoredMessage } from '../store/messages.js';
import type { GroupContext } from './group-context.js';
import { groupConvId } from './group-ids.js';
import { msgStateOf } from './group-msg-state.js';
import { groupMessageInfo, newExtra } from './group-msg-view.js';
import { rulesOf } from './group-type-rules.js';

export interface TipOptions {
  /** Users outside the group's fan-out who should get it too (e.g. those just removed). */
  alsoTo?: readonly string[];
  /** The acting device, left out of delivery (it has the answer). */
  skipConnId?: string;
}

/** Stores (per tipsStored) and delivers (per tipsSent) one tip; seq 0 when not stored. */
export async function storeTip(ctx: GroupContext, tip: GroupTipInfo, opts: TipOptions = {}): Promise<{ seq: number; time: number }> {
  const g = await ctx.group();
  const rules = rulesOf(g.type);
  const time = Math.floor(ctx.deps.clock.nowMs() / 1000);
  if (!rules.tipsSent) return { seq: 0, time };
  const convId = groupConvId(g.groupId);
  let seq = 0;
  if (rules.tipsStored) {
    const seqs = msgStateOf(ctx).seqs;
    await seqs.ensure(convId);
    [seq] = (await seqs.assign(convId, 1)) as [number];
  }
  const msg: StoredMessage = { seq, key: makeMsgKey(seq, 0, time), from: '', time, random: 0, body: [], flags: { recalled: false, edited: false }, extra: newExtra({ priority: 'normal', tip }) };
  if (seq > 0) {
    await ctx.deps.store.messages.append(ctx.sdkAppId, convId, msg, { ttlSec: roamingSeconds(messagingOf(ctx.deps.apps?.get(ctx.sdkAppId))) });
    msgStateOf(ctx).seqs.commit(convId, seq);
  }
  const info: GroupMessageInfo = groupMessageInfo(msg);
  const frame: GroupMsgFrame = { op: Op.GROUP_MSG, d: { groupId: g.groupId, msgs: [info] } };
  const skip = opts.skipConnId ? { skipConnId: opts.skipConnId } : {};
  ctx.fanout.toMembers(frame, skip);
  if (opts.alsoTo && opts.alsoTo.length > 0) ctx.fanout.toUsers(opts.alsoTo, frame, skip).catch((e: unknown) => ctx.log.warn('group tip delivery failed', { err: e }));
  return { seq, time };
}
