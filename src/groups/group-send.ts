// Group sends of one actor turn (docs/groups.md, spec §7): each send is checked on its own (topic,
// permission and mute, global mute for device sends, targets, dedup by Random within 5 minutes)
// and may be refused on its own; then the send rate (spec §8, 40/s): a live room (AVChatRoom)
// drops Low before Normal before High, other groups refuse the excess (10023); the before-callback
// may refuse, drop or rewrite. Survivors get consecutive seqs per timeline (group or topic), ONE
// appendMany per timeline makes them durable, then the dedup marks and records are written, and
// only then are the sends answered. Delivery, offline pushes and after-callbacks follow.
// Never stored (seq 0): AVChatRoom messages, OnlineOnlyFlag messages and targeted messages
// (To_Account; delivered to those members only, not roamed). A store failure throws: the whole
// batch is answered INTERNAL and the actor restarts from the store (group-seqs.ts).
// Also the entry of every other message turn: handleMessageTurn.
import type { BatchOutcome } from '../actors/actor.js';
import { ImError, isImError } from '../lib/errors.js';
import { DedupScope, type DedupKey, groupSendDedupKey, IMPORT_DEDUP_TTL_SEC, joinKey } from '../messaging/dedup-key.js';
import { groupMuteDeadline } from '../moderation/send-rules.js';
import { Err } from '../protocol/error-codes.js';
import type { GroupRecord } from '../store/groups.js';
import type { Acting, GroupContext } from './group-context.js';
import type { GroupMsgMsg, GroupSend, GroupSendResult } from './group-messages.js';
import { Callback } from '../webhooks/commands.js';
import { groupBeforeSend } from './group-msg-callbacks.js';
import { DROP_REASON_RATE, GROUP_MSG_RATE } from './group-msg-rate.js';
import { msgStateOf } from './group-msg-state.js';
import { timelineOf, type Timeline } from './group-msg-where.js';
import { deliverSends, groupSendFactsOf as factsOf, hooksFor, metaOf, type SentMessage } from './group-send-deliver.js';
import { storeAll } from './group-send-store.js';
import { sendVerdict } from './group-state-rules.js';
import { rulesOf } from './group-type-rules.js';
import { recallMessages } from './group-msg-recall.js';
import { clearMessages, deleteBySender, modifyMessage } from './group-msg-modify.js';
import { markRead, receiptRead } from './group-msg-read.js';
import { notifyMembers } from './group-msg-notify.js';

export { storeTip } from './group-msg-tips.js';

interface Pending extends SentMessage {
  i: number;
}

const refusal = (e: unknown): BatchOutcome => {
  if (isImError(e)) return { err: e };
  throw e;
};

/** Reads shared by the sends of one batch. */
interface BatchCache {
  timelines: Map<string, Promise<Timeline>>;
  actings: Map<string, Promise<Acting>>;
  /** Global group-mute deadline per sender (setnospeaking). */
  globalMutes: Map<string, Promise<number>>;
}

const byKey = (s: GroupSend): string => (s.by.admin === true ? '\0admin' : s.by.userId);

export async function sendGroupBatch(ctx: GroupContext, sends: GroupSend[]): Promise<BatchOutcome[]> {
  const out: (BatchOutcome | undefined)[] = sends.map(() => undefined);
  let g: GroupRecord;
  try {
    g = await ctx.group();
  } catch (e) {
    const r = refusal(e);
    return sends.map(() => r);
  }
  const { clock, store: st, metrics } = ctx.deps;
  const nowMs = clock.nowMs();
  const cache: BatchCache = { timelines: new Map(), actings: new Map(), globalMutes: new Map() };
  // Checks run concurrently (their reads are independent); dedup inside the batch keeps batch order.
  const checked = await Promise.all(
    sends.map(async (s, i): Promise<Pending | BatchOutcome> => {
      try {
        if (s.sdkAppId !== ctx.sdkAppId || s.groupId !== ctx.groupId) throw new ImError(Err.GROUP_INVALID_PARAMS, 'send addressed to another group');
        const tk = s.topicId ?? '';
        if (!cache.timelines.has(tk)) cache.timelines.set(tk, timelineOf(ctx, g, s.topicId));
        const ak = byKey(s);
        if (!cache.actings.has(ak)) cache.actings.set(ak, ctx.acting(s.by));
        const [tl, acting] = await Promise.all([cache.timelines.get(tk)!, cache.actings.get(ak)!]);
        return await checkSend(ctx, g, tl, acting, s, nowMs, i, cache);
      } catch (e) {
        return refusal(e);
      }
    }),
  );
  const firstOfKey = new Map<string, number>();
  const repeats = new Map<number, number>();
  const live: Pending[] = [];
  for (const [i, c] of checked.entries()) {
    if ('ok' in c || 'err' in c) {
      out[i] = c;
      continue;
    }
    const id = `${c.dk.scope}\0${c.dk.key}`;
    const first = firstOfKey.get(id);
    if (first !== undefined) repeats.set(i, first);
    else {
      firstOfKey.set(id, i);
      live.push(c);
    }
  }

  // Load the timelines first: a new activation restores the marks a crash may have lost.
  const seqs = msgStateOf(ctx).seqs;
  await Promise.all([...new Set(live.filter((p) => p.stored).map((p) => p.tl.convId))].map((c) => seqs.ensure(c)));
  const firsts = await Promise.all(live.map((p) => st.dedup.get(ctx.sdkAppId, p.dk.scope, p.dk.key)));
  let candidates: Pending[] = [];
  for (const [j, p] of live.entries()) {
    const first = firsts[j];
    if (first !== undefined) {
      // The same Random within the window: the later one is discarded, answered like the first.
      out[p.i] = { ok: first as unknown as GroupSendResult };
      metrics?.groupMsgSends.inc({ outcome: 'duplicate' });
    } else candidates.push(p);
  }

  if (g.type === 'AVChatRoom' && candidates.length > 0) {
    const admitted = msgStateOf(ctx).rate.admit(candidates.map((p) => p.s.options.priority), nowMs);
    candidates = candidates.filter((p, k) => {
      if (admitted[k]) return true;
      out[p.i] = { ok: { seq: 0, time: p.time, dropReason: DROP_REASON_RATE } satisfies GroupSendResult };
      metrics?.groupMsgDrops.inc({ priority: p.s.options.priority });
      return false;
    });
  }

  const rated = candidates.filter((p) => !p.s.imported);
  if (g.type !== 'AVChatRoom' && rated.length > 0) {
    const admitted = msgStateOf(ctx).sendRate.admit(rated.map((p) => p.s.options.priority), nowMs);
    const refused = new Set(rated.filter((_, k) => !admitted[k]));
    if (refused.size > 0) metrics?.groupLimitHits.inc({ limit: 'send_rate' }, refused.size);
    for (const p of refused) out[p.i] = { err: new ImError(Err.GROUP_SEND_RATE_LIMIT, `group ${g.groupId} takes at most ${GROUP_MSG_RATE} messages per second`) };
    candidates = candidates.filter((p) => !refused.has(p));
  }

  const survivors: Pending[] = [];
  for (const p of candidates) {
    const verdict = await before(ctx, g, p);
    if (verdict === undefined) survivors.push(p);
    else out[p.i] = verdict;
  }

  await storeAll(ctx, g, survivors);
  for (const p of survivors) {
    out[p.i] = { ok: { seq: p.msg!.seq, time: p.msg!.time } satisfies GroupSendResult };
    metrics?.groupMsgSends.inc({ outcome: p.stored ? 'stored' : 'online' });
  }
  for (const [i, first] of repeats) out[i] = out[first];
  await deliverSends(ctx, g, survivors);
  return out.map((o, i) => {
    if (o && 'err' in o) metrics?.groupMsgSends.inc({ outcome: 'refused' });
    return o ?? { err: new ImError(Err.INTERNAL, `send ${i} of the batch has no outcome`) };
  });
}

/** Permission, mute, targets and the dedup key of one send; throws ImError to refuse it. */
async function checkSend(ctx: GroupContext, g: GroupRecord, tl: Timeline, acting: Acting, s: GroupSend, nowMs: number, i: number, cache: BatchCache): Promise<Pending> {
  const rules = rulesOf(g.type);
  const nowSec = Math.floor(nowMs / 1000);
  // The App admin (REST, or an app admin's own id) may send as anyone; others send as themselves.
  const admin = acting.actor === 'AppAdmin';
  const from = admin ? s.from : acting.userId;
  if (!admin && s.from !== '' && s.from !== acting.userId) throw new ImError(Err.GROUP_INVALID_PARAMS, 'a member sends as themselves');
  if (s.imported) {
    if (acting.actor !== 'AppAdmin') throw new ImError(Err.GROUP_PERMISSION_DENIED, 'only the App admin imports messages');
    if (!rules.storesHistory) throw new ImError(Err.GROUP_INVALID_PARAMS, `a ${g.type} group keeps no history to import into`);
    if (!Number.isSafeInteger(s.imported.timeSec) || s.imported.timeSec <= 0 || s.imported.timeSec > nowSec) {
      throw new ImError(Err.GROUP_INVALID_PARAMS, 'SendTime must be a past unix time in seconds');
    }
  } else {
    const muteAll = g.muteAll || (tl.topic?.muteAll ?? false);
    const verdict = sendVerdict(g.type, acting.actor, acting.member?.muteUntil ?? 0, muteAll, nowMs);
    if (verdict !== 0) throw new ImError(verdict, verdict === Err.GROUP_SENDER_MUTED ? 'the sender is muted in this group' : 'only members may send to this group');
    if (!admin && !cache.globalMutes.has(from)) cache.globalMutes.set(from, groupMuteDeadline(ctx.deps, ctx.sdkAppId, from, nowSec));
    if (!admin && (await cache.globalMutes.get(from)!) > 0) {
      throw new ImError(Err.GROUP_SENDER_MUTED, 'the sender is muted in every group');
    }
  }
  let toMembers: string[] | undefined;
  if (s.toMembers !== undefined) {
    if (g.type === 'AVChatRoom' || s.imported) throw new ImError(Err.GROUP_INVALID_PARAMS, 'targeted messages are not supported here');
    const rows = await ctx.deps.store.groupMembers.getMembers(ctx.sdkAppId, g.groupId, s.toMembers);
    toMembers = s.toMembers.filter((u) => rows.has(u));
    if (toMembers.length === 0) throw new ImError(Err.GROUP_INVALID_PARAMS, 'To_Account names no member of the group');
  }
  const o = s.options;
  const time = s.imported ? s.imported.timeSec : nowSec;
  const onlineOnly = !s.imported && (g.type === 'AVChatRoom' || o.onlineOnly || toMembers !== undefined);
  const conv = tl.topicId ?? g.groupId;
  const dk: DedupKey = s.imported
    ? { scope: DedupScope.IMPORT, key: joinKey(['g', conv, from, o.random, time]), ttlSec: IMPORT_DEDUP_TTL_SEC }
    : groupSendDedupKey(conv, o.random);
  return {
    i,
    s,
    dk,
    from,
    byAdmin: admin,
    operator: acting.userId,
    tl,
    time,
    stored: !onlineOnly,
    body: s.body,
    ...(o.cloudCustomData ? { cloudCustomData: o.cloudCustomData } : {}),
    ...(toMembers ? { toMembers } : {}),
  };
}

/** The before-callback: undefined = go on (maybe with a new body), else the send's outcome. */
async function before(ctx: GroupContext, g: GroupRecord, p: Pending): Promise<BatchOutcome | undefined> {
  const hooks = hooksFor(ctx, p.s);
  if (!hooks || p.s.options.forbidBeforeSendCallback || !hooks.wants(ctx.sdkAppId, Callback.GroupBeforeSendMsg)) return undefined;
  try {
    const verdict = await groupBeforeSend(hooks, ctx.log, ctx.sdkAppId, factsOf(g, p), metaOf(p.s));
    // Dropped: the sender sees an ordinary answer, nothing is stored or delivered.
    if (verdict.kind === 'drop') return { ok: { seq: 0, time: p.time } satisfies GroupSendResult };
    if (verdict.body) p.body = verdict.body;
    if (verdict.cloudCustomData !== undefined) {
      if (verdict.cloudCustomData) p.cloudCustomData = verdict.cloudCustomData;
      else delete p.cloudCustomData;
    }
    return undefined;
  } catch (e) {
    return refusal(e);
  }
}

/** Every message turn but batched sends (a lone send is a batch of one). */
export async function handleMessageTurn(ctx: GroupContext, msg: GroupMsgMsg): Promise<unknown> {
  switch (msg.t) {
    case 'send': {
      const [o] = await sendGroupBatch(ctx, [msg]);
      if (!o || 'err' in o) throw o?.err ?? new ImError(Err.INTERNAL, 'send has no outcome');
      return o.ok;
    }
    case 'recall':
      return recallMessages(ctx, msg);
    case 'modifyMsg':
      return modifyMessage(ctx, msg);
    case 'deleteBySender':
      return deleteBySender(ctx, msg);
    case 'clearMsgs':
      return clearMessages(ctx, msg);
    case 'read':
      return markRead(ctx, msg);
    case 'receipt':
      return receiptRead(ctx, msg);
    case 'notify':
      return notifyMembers(ctx, msg);
  }
}
