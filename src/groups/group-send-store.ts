// The durable part of a batch of group sends (group-send.ts): seqs per timeline from the
// activation's GroupSeqs, ONE appendMany per timeline, then the dedup marks (after the appends: a
// crash in between is repaired on activation, group-seqs.ts) and the records a send moves: the
// group's and topics' lastMsgTime (one write per second at most) and the senders' member rows
// (lastSendTime, and readSeq: a member's own messages count as read).
import { messagingOf, roamingSeconds } from '../config/messaging-settings.js';
import { makeMsgKey } from '../messaging/msg-key.js';
import type { GroupRecord, TopicRecord } from '../store/groups.js';
import type { GroupContext } from './group-context.js';
import { msgStateOf } from './group-msg-state.js';
import { newExtra } from './group-msg-view.js';
import type { SentMessage } from './group-send-deliver.js';

/** Seqs, one append per timeline, then marks and records: after this every survivor is durable. */
export async function storeAll(ctx: GroupContext, g: GroupRecord, items: SentMessage[]): Promise<void> {
  if (items.length === 0) return;
  const { store: st } = ctx.deps;
  const seqs = msgStateOf(ctx).seqs;
  const ttlSec = roamingSeconds(messagingOf(ctx.deps.apps?.get(ctx.sdkAppId)));
  const byConv = new Map<string, SentMessage[]>();
  for (const p of items) {
    const list = byConv.get(p.tl.convId);
    if (list) list.push(p);
    else byConv.set(p.tl.convId, [p]);
  }
  for (const [convId, list] of byConv) {
    // sendGroupBatch loaded every stored timeline before the checks (seqs.ensure).
    const kept = list.filter((p) => p.stored);
    const assigned = kept.length > 0 ? await seqs.assign(convId, kept.length) : [];
    let k = 0;
    for (const p of list) {
      const seq = p.stored ? assigned[k++]! : 0;
      const o = p.s.options;
      p.msg = {
        seq,
        key: makeMsgKey(seq, o.random, p.time),
        from: p.from,
        time: p.time,
        random: o.random,
        body: p.body,
        flags: { recalled: false, edited: false },
        extra: newExtra({
          dk: p.dk.key,
          ds: p.dk.scope,
          priority: o.priority,
          needReadReceipt: o.needReadReceipt,
          atAll: o.atAll,
          atUsers: o.atUsers,
          ...(p.toMembers ? { toMembers: p.toMembers } : {}),
          onlineOnly: !p.stored,
          noUnread: o.control.noUnread || p.s.imported?.mode === 'history',
        }),
        ...(p.cloudCustomData ? { cloudCustomData: p.cloudCustomData } : {}),
      };
    }
    if (kept.length > 0) {
      await st.messages.appendMany(ctx.sdkAppId, convId, kept.map((p) => p.msg!), { ttlSec });
      seqs.commit(convId, assigned[assigned.length - 1]!);
    }
  }
  // After the appends: a crash before the marks is repaired on activation (group-seqs.ts).
  await Promise.all([
    ...items.map((p) => st.dedup.remember(ctx.sdkAppId, p.dk.scope, p.dk.key, { seq: p.msg!.seq, time: p.msg!.time }, p.dk.ttlSec)),
    updateRecords(ctx, g, items),
  ]);
}

/** lastMsgTime of the group and topics (at most one write per second each), senders' rows. */
async function updateRecords(ctx: GroupContext, g: GroupRecord, items: SentMessage[]): Promise<void> {
  const { store: st } = ctx.deps;
  const visible = items.filter((p) => !p.s.options.control.noLastMsg && p.s.imported?.mode !== 'history');
  const writes: Promise<unknown>[] = [];
  const groupLast = Math.max(0, ...visible.filter((p) => !p.tl.topicId).map((p) => p.time));
  if (groupLast > g.lastMsgTime) {
    ctx.setGroup({ ...g, lastMsgTime: groupLast });
    writes.push(st.groups.updateGroup(ctx.sdkAppId, g.groupId, { lastMsgTime: groupLast }));
  }
  const topics = new Map<string, { topic: TopicRecord; last: number }>();
  for (const p of visible) {
    if (!p.tl.topic) continue;
    const t = topics.get(p.tl.topic.topicId) ?? { topic: p.tl.topic, last: 0 };
    t.last = Math.max(t.last, p.time);
    topics.set(p.tl.topic.topicId, t);
  }
  for (const { topic, last } of topics.values()) {
    if (last > topic.lastMsgTime) writes.push(st.groupTopics.updateTopic(ctx.sdkAppId, g.groupId, topic.topicId, { lastMsgTime: last }));
  }
  // A member's own messages count as read (docs/groups.md) and mark when they last spoke.
  const senders = new Map<string, { readSeq: number; at: number }>();
  for (const p of items) {
    if (p.byAdmin || p.s.imported) continue;
    const u = senders.get(p.from) ?? { readSeq: 0, at: 0 };
    if (p.stored && !p.tl.topicId) u.readSeq = Math.max(u.readSeq, p.msg!.seq);
    u.at = ctx.deps.clock.nowMs();
    senders.set(p.from, u);
  }
  if (senders.size > 0) {
    const rows = await st.groupMembers.getMembers(ctx.sdkAppId, g.groupId, [...senders.keys()]);
    const updates = [...senders].filter(([u]) => rows.has(u)).map(([userId, v]) => ({ userId, lastSendTime: v.at, ...(v.readSeq > rows.get(userId)!.readSeq ? { readSeq: v.readSeq } : {}) }));
    if (updates.length > 0) writes.push(st.groupMembers.updateMembers(ctx.sdkAppId, g.groupId, updates));
  }
  await Promise.all(writes);
}

