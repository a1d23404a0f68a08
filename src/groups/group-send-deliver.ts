// What happens after a batch of group sends is durable and answered: online delivery (one GROUP_MSG
// frame per timeline through the group's fan-out; targeted messages per user), offline pushes for
// the small group types (Work/Public/Meeting: one member page, one pusher job per sender and
// recipient set; Community and AVChatRoom never, they are too large or live-only) and the
// after-send callbacks. Imports are never delivered.
// Gotcha: a frame holding messages of several devices skips none of them; the sending device
// knows its own message by (from, random, time) and keeps its ack's copy.
import type { GroupMessageInfo, GroupMsgFrame } from '../protocol/group-frames.js';
import type { OfflinePushJob, OfflinePushMessage } from '../push/offline-pusher.js';
import { Op } from '../protocol/ops.js';
import type { GroupRecord, MemberRecord } from '../store/groups.js';
import type { StoredMessage } from '../store/messages.js';
import type { JsonValue } from '../store/relationships.js';
import type { DedupKey } from '../messaging/dedup-key.js';
import type { GroupContext } from './group-context.js';
import type { GroupSend } from './group-messages.js';
import { Callback } from '../webhooks/commands.js';
import { groupAfterSend, type GroupSendFacts } from './group-msg-callbacks.js';
import { groupMessageInfo } from './group-msg-view.js';
import type { Timeline } from './group-msg-where.js';

/** Largest member page read to find offline-push recipients (a whole small group). */
export const PUSH_MEMBER_PAGE = 6000;
/** Group types whose members get offline pushes of group messages. */
export const PUSHED_TYPES: ReadonlySet<GroupRecord['type']> = new Set(['Work', 'Public', 'Meeting']);

/** A send on its way through the batch (group-send.ts), with its stored form once it has one. */
export interface SentMessage {
  s: GroupSend;
  dk: DedupKey;
  from: string;
  /** Who asked ('' for the App admin's REST call without an identifier). */
  operator: string;
  /** Sent with the App admin's rights (as anyone, no member checks). */
  byAdmin: boolean;
  tl: Timeline;
  time: number;
  /** Takes a seq in the timeline (false: AVChatRoom, online-only, targeted). */
  stored: boolean;
  body: JsonValue[];
  cloudCustomData?: string;
  toMembers?: string[];
  msg?: StoredMessage;
}

export const groupSendFactsOf = (g: GroupRecord, p: SentMessage): GroupSendFacts => ({
  groupId: g.groupId,
  type: g.type,
  ...(p.tl.topicId ? { topicId: p.tl.topicId } : {}),
  from: p.from,
  operator: p.operator,
  random: p.s.options.random,
  onlineOnly: !p.stored,
  body: p.body,
  ...(p.cloudCustomData ? { cloudCustomData: p.cloudCustomData } : {}),
  time: p.time,
});

export const hooksFor = (ctx: GroupContext, s: GroupSend) => (ctx.deps.webhooks && s.callbacks !== false && !s.imported ? ctx.deps.webhooks : undefined);
export const metaOf = (s: { optPlatform?: string }) => ({ optPlatform: s.optPlatform ?? 'RESTAPI' });

export async function deliverSends(ctx: GroupContext, g: GroupRecord, items: readonly SentMessage[]): Promise<void> {
  const live = items.filter((p) => !p.s.imported);
  if (live.length > 0) {
    deliverOnline(ctx, g, live);
    await offlinePush(ctx, g, live);
  }
  afterCallbacks(ctx, g, items);
}

function deliverOnline(ctx: GroupContext, g: GroupRecord, items: readonly SentMessage[]): void {
  // Per timeline, in seq order: a live room's batch is one frame (the edge merges such frames per
  // tick; a sender's own echo is harmless there); elsewhere a frame per run of one device's sends,
  // so the sending device gets its REPLY and never its own message.
  const live = g.type === 'AVChatRoom';
  const runs = new Map<string, { topicId?: string; msgs: GroupMessageInfo[]; conns: Set<string | undefined> }[]>();
  for (const p of items) {
    const info = groupMessageInfo(p.msg!);
    const where = { groupId: g.groupId, ...(p.tl.topicId ? { topicId: p.tl.topicId } : {}) };
    if (p.toMembers) {
      const to = [...new Set([...p.toMembers, ...(p.from ? [p.from] : [])])];
      const frame: GroupMsgFrame = { op: Op.GROUP_MSG, d: { ...where, msgs: [info] } };
      ctx.fanout.toUsers(to, frame, p.s.connId ? { skipConnId: p.s.connId } : {}).catch((e: unknown) => ctx.log.warn('group targeted delivery failed', { err: e }));
      continue;
    }
    const list = runs.get(p.tl.convId) ?? [];
    runs.set(p.tl.convId, list);
    const last = list[list.length - 1];
    if (last && (live || last.conns.has(p.s.connId))) {
      last.msgs.push(info);
      last.conns.add(p.s.connId);
    } else list.push({ ...(p.tl.topicId ? { topicId: p.tl.topicId } : {}), msgs: [info], conns: new Set([p.s.connId]) });
  }
  for (const list of runs.values()) {
    for (const f of list) {
      const only = f.conns.size === 1 ? [...f.conns][0] : undefined;
      ctx.fanout.toMembers({ op: Op.GROUP_MSG, d: { groupId: g.groupId, ...(f.topicId ? { topicId: f.topicId } : {}), msgs: f.msgs } }, only ? { skipConnId: only } : {});
    }
  }
}

/** Whether a member's MsgFlag lets this message reach their offline devices. */
function wantsPush(m: MemberRecord, p: SentMessage): boolean {
  if (m.userId === p.from || m.msgFlag === 'Discard') return false;
  if (m.msgFlag === 'AcceptAndNotify') return true;
  const o = p.s.options;
  return o.atAll || o.atUsers.includes(m.userId);
}

async function offlinePush(ctx: GroupContext, g: GroupRecord, items: readonly SentMessage[]): Promise<void> {
  const pusher = ctx.deps.offlinePush;
  if (!pusher || !PUSHED_TYPES.has(g.type)) return;
  const pushed = items.filter((p) => (p.stored || p.toMembers) && !p.s.options.onlineOnly && p.msg);
  if (pushed.length === 0) return;
  let members: MemberRecord[];
  try {
    members = (await ctx.deps.store.groupMembers.listMembers(ctx.sdkAppId, g.groupId, { limit: PUSH_MEMBER_PAGE })).members;
  } catch (e) {
    ctx.log.warn('group offline push: member list failed', { err: e });
    return;
  }
  // One job per (sender, timeline, recipient set): a batch's plain messages to the same members
  // share one device read; @-mentions and targeted messages split off their own jobs.
  const jobs = new Map<string, OfflinePushJob & { messages: OfflinePushMessage[] }>();
  for (const p of pushed) {
    const targets = p.toMembers ? new Set(p.toMembers) : undefined;
    const recipients = members.filter((m) => (!targets || targets.has(m.userId)) && wantsPush(m, p)).map((m) => m.userId);
    if (recipients.length === 0) continue;
    const key = `${p.from}\0${p.tl.convId}\0${recipients.join('\0')}`;
    let job = jobs.get(key);
    if (!job) jobs.set(key, (job = { sdkAppId: ctx.sdkAppId, recipients, from: p.from, convId: p.tl.convId, messages: [] }));
    const o = p.s.options;
    job.messages.push({
      msgKey: p.msg!.key,
      body: p.msg!.body,
      ...(o.offlinePushInfo ? { offlinePushInfo: o.offlinePushInfo } : {}),
      ...(o.control.withMuteNotifications ? { withMuteNotifications: true } : {}),
    });
  }
  for (const job of jobs.values()) pusher.notify(job);
}

function afterCallbacks(ctx: GroupContext, g: GroupRecord, items: readonly SentMessage[]): void {
  for (const p of items) {
    const hooks = hooksFor(ctx, p.s);
    if (!hooks || p.s.options.forbidAfterSendCallback || !hooks.wants(ctx.sdkAppId, Callback.GroupAfterSendMsg)) continue;
    const o = p.s.options;
    groupAfterSend(hooks, ctx.sdkAppId, { ...groupSendFactsOf(g, p), seq: p.msg!.seq, atAll: o.atAll, atUsers: o.atUsers }, metaOf(p.s));
  }
}
