// C2C sends of one actor turn, stored together (invariants 1-3): each send is checked (pair,
// recipient exists, dedup, moderation/send-rules.ts, before-callback) on its own and may be refused on
// its own; the survivors get consecutive seqs, ONE appendMany makes them durable, then the
// conversation rows and dedup marks are written, and only then are the sends answered. Pushes
// (online devices, then ONE offline-push job per direction with the routes that push read) and
// after-callbacks go out afterwards in seq order. A store failure throws: the whole batch is
// answered INTERNAL and the actor restarts from the store (see c2c-seqs.ts for the marks).
// Gotcha: the same send twice in one batch (a client retry racing its original) is stored once;
// the repeat gets the first one's outcome.
import type { BatchOutcome } from '../actors/actor.js';
import { type MessagingSettings, roamingSeconds } from '../config/messaging-settings.js';
import { checkC2cSendBatch } from '../moderation/send-rules.js';
import { ImError, isImError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import { type DedupKey, c2cSendDedupKey, importDedupKey } from '../messaging/dedup-key.js';
import { makeMsgKey } from '../messaging/msg-key.js';
import type { MsgElement } from '../messaging/msg-types.js';
import { Err } from '../protocol/error-codes.js';
import type { Route } from '../presence/presence.js';
import type { OfflinePushJob, OfflinePushMessage } from '../push/offline-pusher.js';
import type { StoredMessage } from '../store/messages.js';
import type { JsonValue } from '../store/relationships.js';
import { Callback, type CallbackCommand } from '../webhooks/commands.js';
import { beforeSend, sendBody, type SendFacts } from './c2c-callbacks.js';
import { c2cConvId, type C2cSend, type SendResult } from './c2c-messages.js';
import type { C2cPushItem } from './c2c-push.js';
import { type RowInput, updateRows } from './c2c-rows.js';
import type { C2cSeqs } from './c2c-seqs.js';
import type { C2cDeps } from './c2c-actor.js';
import { messageInfo, storedUnread } from './c2c-view.js';

/** What a send needs from its actor. */
export interface SendContext {
  sdkAppId: number;
  deps: C2cDeps;
  log: Logger;
  seqs: C2cSeqs;
  /** Throws ImError unless the message is sent to this actor's pair. */
  checkPair(sdkAppId: number, from: string, to: string): void;
  accountExists(userId: string): Promise<boolean>;
  /** Queues pushes behind the actor's earlier ones; `then` runs after them with the routes they
   *  read (undefined when the lookup failed). */
  push(items: C2cPushItem[], then?: (routes: ReadonlyMap<string, readonly Route[]> | undefined) => void): void;
  /** The app's messaging settings (roaming retention, relationship rules). */
  settings: MessagingSettings;
}

/** One send on its way through the batch. */
interface Pending {
  s: C2cSend;
  dk: DedupKey;
  time: number;
  onlineOnly: boolean;
  body: JsonValue[];
  cloudCustomData: string | undefined;
  /** Seq the message gets if every earlier survivor is stored (for the before-callback). */
  expectedSeq: number;
  msg?: StoredMessage;
}

const dropped = (random: number, time: number): SendResult => ({ key: makeMsgKey(0, random, time), seq: 0, time });

export async function sendBatch(ctx: SendContext, sends: readonly C2cSend[]): Promise<BatchOutcome[]> {
  const { store: st, clock } = ctx.deps;
  const nowSec = Math.floor(clock.nowMs() / 1000);
  const out: (BatchOutcome | undefined)[] = sends.map(() => undefined);
  const repeats = new Map<number, number>();
  const firstOfKey = new Map<string, number>();
  const live: { i: number; p: Pending }[] = [];
  for (const [i, s] of sends.entries()) {
    try {
      ctx.checkPair(s.sdkAppId, s.from, s.to);
    } catch (e) {
      out[i] = refusal(e);
      continue;
    }
    const dk = dedupKeyOf(s);
    const id = `${dk.scope}\0${dk.key}`;
    const first = firstOfKey.get(id);
    if (first !== undefined) {
      repeats.set(i, first);
      continue;
    }
    firstOfKey.set(id, i);
    const o = s.options;
    const time = s.imported ? (o.clientTimeSec ?? 0) : nowSec;
    const onlineOnly = !s.imported && (o.onlineOnly || o.lifeTimeSec === 0);
    live.push({ i, p: { s, dk, time, onlineOnly, body: s.body, cloudCustomData: o.cloudCustomData, expectedSeq: 0 } });
  }
  if (live.length > 0) await ctx.seqs.ensure(c2cConvId(live[0]!.p.s.from, live[0]!.p.s.to));

  const rules = live.map(({ p }) => ({ sdkAppId: ctx.sdkAppId, from: p.s.from, to: p.s.to, fromDevice: p.s.checks === true, noMsgCheck: p.s.options.control.noMsgCheck, settings: ctx.settings, nowSec }));
  // One existence read per recipient (a pair has at most two), not one per send.
  const recipients = [...new Set(live.map(({ p }) => p.s.to))];
  const [exists, firsts, verdicts] = await Promise.all([
    Promise.all(recipients.map(async (to) => [to, await ctx.accountExists(to)] as const)).then((e) => new Map(e)),
    // Sends are answered again from the actor's window (c2c-seqs.ts); imports dedup forever, in the store.
    Promise.all(live.map(({ p }) => (p.s.imported ? st.dedup.get(ctx.sdkAppId, p.dk.scope, p.dk.key) : ctx.seqs.firstAnswer(p.dk.key)))),
    checkC2cSendBatch(ctx.deps, rules),
  ]);
  const survivors: { i: number; p: Pending }[] = [];
  let expected = ctx.seqs.nextSeq;
  for (const [j, { i, p }] of live.entries()) {
    const first = firsts[j];
    const verdict = verdicts[j]!;
    if (!exists.get(p.s.to)) out[i] = { err: new ImError(Err.MSG_TO_ACCOUNT_NOT_FOUND, `To_Account ${p.s.to} does not exist`) };
    else if (first !== undefined) out[i] = { ok: first as unknown as SendResult };
    else if (verdict.kind === 'refuse') out[i] = { err: verdict.error };
    // Dropped (blocked sender): the sender sees an ordinary answer, nothing is stored or delivered.
    else if (verdict.kind === 'drop') out[i] = { ok: dropped(p.s.options.random, p.time) };
    else {
      p.expectedSeq = p.onlineOnly ? 0 : expected;
      out[i] = await before(ctx, p);
      if (out[i] === undefined) {
        survivors.push({ i, p });
        if (!p.onlineOnly) expected++;
      }
    }
  }

  const items = survivors.map(({ p }) => p);
  await storeAll(ctx, items);
  for (const { i, p } of survivors) out[i] = { ok: { key: p.msg!.key, seq: p.msg!.seq, time: p.msg!.time } };
  pushAll(ctx, items);
  await afterCallbacks(ctx, items);
  for (const [i, first] of repeats) out[i] = out[first];
  return out.map((o, i) => o ?? { err: new ImError(Err.INTERNAL, `send ${i} of the batch has no outcome`) });
}

function dedupKeyOf(s: C2cSend): DedupKey {
  const o = s.options;
  const seqPart = o.clientSeq !== undefined ? { clientSeq: o.clientSeq } : {};
  return s.imported
    ? importDedupKey({ from: s.from, to: s.to, random: o.random, timeSec: o.clientTimeSec ?? 0, ...seqPart })
    : c2cSendDedupKey({ from: s.from, to: s.to, random: o.random, body: s.body as unknown as MsgElement[], ...seqPart, ...(o.cloudCustomData ? { cloudCustomData: o.cloudCustomData } : {}) });
}

function refusal(e: unknown): BatchOutcome {
  if (isImError(e)) return { err: e };
  throw e;
}

const factsOf = (p: Pending, key: string): SendFacts => ({
  from: p.s.from,
  to: p.s.to,
  random: p.s.options.random,
  time: p.time,
  key,
  onlineOnly: p.onlineOnly,
  body: p.body,
  ...(p.s.options.clientSeq !== undefined ? { clientSeq: p.s.options.clientSeq } : {}),
  ...(p.cloudCustomData ? { cloudCustomData: p.cloudCustomData } : {}),
});

const metaOf = (s: C2cSend) => ({ optPlatform: s.optPlatform ?? 'RESTAPI', ...(s.clientIp ? { clientIp: s.clientIp } : {}) });

/** The webhooks when this send may call `command` back (configured for the app, not turned off). */
const hooksFor = (ctx: SendContext, s: C2cSend, command: CallbackCommand) => {
  const w = ctx.deps.webhooks;
  return w && s.callbacks !== false && !s.imported && w.wants(ctx.sdkAppId, command) ? w : undefined;
};

/** The before-callback: undefined = go on (maybe with a new body), else the send's outcome. */
async function before(ctx: SendContext, p: Pending): Promise<BatchOutcome | undefined> {
  const hooks = hooksFor(ctx, p.s, Callback.C2CBeforeSendMsg);
  if (!hooks || p.s.options.forbidBeforeSendCallback) return undefined;
  const key = makeMsgKey(p.expectedSeq, p.s.options.random, p.time);
  try {
    const verdict = await beforeSend(hooks, ctx.log, ctx.sdkAppId, factsOf(p, key), metaOf(p.s));
    // Dropped: the sender sees an ordinary answer, nothing is stored or delivered.
    if (verdict.kind === 'drop') return { ok: dropped(p.s.options.random, p.time) };
    if (verdict.body) p.body = verdict.body;
    if (verdict.cloudCustomData !== undefined) p.cloudCustomData = verdict.cloudCustomData || undefined;
    return undefined;
  } catch (e) {
    return refusal(e);
  }
}

/** Seqs, one append, then rows and marks: after this every send of `items` is durable. */
async function storeAll(ctx: SendContext, items: Pending[]): Promise<void> {
  if (items.length === 0) return;
  const { store: st, clock } = ctx.deps;
  const kept = items.filter((p) => !p.onlineOnly);
  const seqs = await ctx.seqs.assign(kept.length);
  let k = 0;
  for (const p of items) {
    const seq = p.onlineOnly ? 0 : seqs[k++]!;
    const o = p.s.options;
    p.msg = {
      seq,
      key: makeMsgKey(seq, o.random, p.time),
      from: p.s.from,
      to: p.s.to,
      time: p.time,
      random: o.random,
      body: p.body,
      flags: { recalled: false, edited: false },
      extra: { dk: p.dk.key, ds: p.dk.scope, ...(o.needReadReceipt ? { needReadReceipt: true } : {}) },
      ...(o.clientSeq !== undefined ? { clientSeq: o.clientSeq } : {}),
      ...(p.cloudCustomData ? { cloudCustomData: p.cloudCustomData } : {}),
    };
  }
  const convId = c2cConvId(items[0]!.s.from, items[0]!.s.to);
  if (kept.length > 0) {
    await st.messages.appendMany(ctx.sdkAppId, convId, kept.map((p) => p.msg!), { ttlSec: roamingSeconds(ctx.settings) });
    ctx.seqs.commit(seqs[seqs.length - 1]!);
  }
  const rows: RowInput[] = kept.map((p) => ({
    msg: p.msg!,
    from: p.s.from,
    to: p.s.to,
    noLastMsg: p.s.options.control.noLastMsg,
    noUnread: p.s.options.control.noUnread || p.s.imported === 'history',
    syncToSender: p.s.options.syncToSender,
  }));
  // After the append: a crash before the marks loses nothing, the next owner reads the window back (c2c-seqs.ts).
  await Promise.all([
    updateRows(st, ctx.sdkAppId, convId, rows, clock.nowMs(), roamingSeconds(ctx.settings)),
    ...items.filter((p) => p.s.imported).map((p) => st.dedup.remember(ctx.sdkAppId, p.dk.scope, p.dk.key, { key: p.msg!.key, seq: p.msg!.seq, time: p.msg!.time }, p.dk.ttlSec)),
  ]);
  for (const p of items) if (!p.s.imported) ctx.seqs.remember(p.dk.key, { key: p.msg!.key, seq: p.msg!.seq, time: p.msg!.time });
}

/** Pushes leave in seq order behind the actor's earlier ones; the offline jobs follow them with
 *  the routes that push read (one presence lookup for both). */
function pushAll(ctx: SendContext, items: Pending[]): void {
  const pushes: C2cPushItem[] = [];
  for (const p of items) {
    const s = p.s;
    if (s.imported === 'history') continue;
    const targets = s.options.syncToSender && s.from !== s.to ? [s.to, s.from] : [s.to];
    pushes.push({ userIds: targets, msg: messageInfo(p.msg!), ...(s.connId ? { skipConnId: s.connId } : {}) });
  }
  const pusher = ctx.deps.offlinePush;
  const jobs = pusher ? offlineJobs(ctx, items) : [];
  const offline =
    pusher && jobs.length > 0
      ? (routes: ReadonlyMap<string, readonly Route[]> | undefined) => {
          for (const j of jobs) pusher.notify(routes ? { ...j, routes } : j);
        }
      : undefined;
  if (pushes.length > 0) ctx.push(pushes, offline);
  else offline?.(undefined);
}

/** Stored messages to a recipient's offline devices (the pusher drops the online ones): one job
 *  per direction of the pair, the batch's messages in seq order. */
function offlineJobs(ctx: SendContext, items: Pending[]): OfflinePushJob[] {
  const jobs = new Map<string, OfflinePushJob & { messages: OfflinePushMessage[] }>();
  for (const p of items) {
    const s = p.s;
    const o = s.options;
    if (p.onlineOnly || s.imported === 'history' || s.from === s.to) continue;
    let job = jobs.get(s.from);
    if (!job) jobs.set(s.from, (job = { sdkAppId: ctx.sdkAppId, recipients: [s.to], from: s.from, convId: c2cConvId(s.from, s.to), messages: [] }));
    job.messages.push({
      msgKey: p.msg!.key,
      body: p.msg!.body,
      ...(o.offlinePushInfo ? { offlinePushInfo: o.offlinePushInfo } : {}),
      ...(o.control.withMuteNotifications ? { withMuteNotifications: true } : {}),
    });
  }
  return [...jobs.values()];
}

/** After-callbacks with each recipient's unread count as of that message: the stored count less
 *  the later messages of the batch that count. */
async function afterCallbacks(ctx: SendContext, items: Pending[]): Promise<void> {
  const hooked = items.filter((p) => hooksFor(ctx, p.s, Callback.C2CAfterSendMsg) && !p.s.options.forbidAfterSendCallback);
  if (hooked.length === 0) return;
  const convId = c2cConvId(items[0]!.s.from, items[0]!.s.to);
  const finals = new Map<string, number>();
  for (const to of new Set(hooked.map((p) => p.s.to))) finals.set(to, await storedUnread(ctx.deps.store, ctx.sdkAppId, to, convId));
  const counts = (q: Pending, to: string) => q.s.to === to && !q.onlineOnly && !q.s.options.control.noUnread && q.s.imported !== 'history' && q.s.from !== q.s.to;
  for (const p of hooked) {
    const later = items.slice(items.indexOf(p) + 1).filter((q) => counts(q, p.s.to)).length;
    const final = finals.get(p.s.to) ?? -1;
    const unread = p.onlineOnly || final < 0 ? -1 : Math.max(0, final - later);
    const body = { ...sendBody(factsOf(p, p.msg!.key)), SendMsgResult: 0, ErrorInfo: '', UnreadMsgNum: unread };
    hooksFor(ctx, p.s, Callback.C2CAfterSendMsg)!.after(ctx.sdkAppId, Callback.C2CAfterSendMsg, body, metaOf(p.s));
  }
}
