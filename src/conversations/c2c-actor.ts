// The C2C conversation actor: one per user pair (c2c-messages.ts), the single writer of the
// pair's timeline (invariants 1-3). State: the next seq and the end of the reserved block. On
// activation it follows the seq rule of store/seqs.ts: m = maxSeq(), reserve a fresh block b,
// hand out m+1 .. b.to (the shard lease guarantees the previous owner stopped), reserving again
// at the end. A send: dedup lookup, blocklist rule (device sends), append (durable), both rows, remember the
// result for retries, THEN the answer; pushes go out afterwards through one chain, so devices
// get them in seq order. Gotcha: a crash between append and remember would let a retry store
// twice, so each message carries its dedup key (extra.dk) and activation re-remembers the last
// one: turns are sequential, so only the newest message can have lost its mark.
import type { Actor, ActorContext, ActorKind } from '../actors/actor.js';
import type { Bus } from '../bus/bus.js';
import type { Clock } from '../lib/clock.js';
import { ImError, assertNever } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import { C2C_DEDUP_WINDOW_SEC, DedupScope, IMPORT_DEDUP_TTL_SEC, c2cSendDedupKey, importDedupKey } from '../messaging/dedup-key.js';
import { makeMsgKey } from '../messaging/msg-key.js';
import type { MsgElement } from '../messaging/msg-types.js';
import type { Presence } from '../presence/presence.js';
import { Err } from '../protocol/error-codes.js';
import type { Store } from '../store/index.js';
import type { StoredMessage } from '../store/messages.js';
import { C2C_KIND, c2cConvId, type C2cModify, type C2cMsg, type C2cRead, type C2cReceipt, type C2cRecall, type C2cSend, type ReadResult, type SendResult } from './c2c-messages.js';
import { pushC2cFrame, pushC2cMessage } from './c2c-push.js';
import { Op } from '../protocol/ops.js';
import { recallMessage } from './c2c-recall.js';
import { markReceipts } from './c2c-receipts.js';
import { beforeSend, sendBody } from './c2c-callbacks.js';
import { Callback } from '../webhooks/commands.js';
import type { Webhooks } from '../webhooks/webhooks.js';
import { modifyMessage } from './c2c-modify.js';
import type { C2cMessageInfo } from '../protocol/c2c-frames.js';
import { lastMsgOf, messageInfo, unreadOf } from './c2c-view.js';

/** Seqs reserved per block: one durable reservation per this many messages. */
export const C2C_SEQ_BLOCK = 100;
/** How long a seen recipient account counts as existing without reading it again. */
export const ACCOUNT_CHECK_TTL_MS = 60_000;
/** Roaming retention of stored messages (spec §7: 7 days by default). */
export const C2C_ROAMING_SEC = 7 * 86_400;

export interface C2cDeps {
  store: Pick<Store, 'messages' | 'seqs' | 'conversations' | 'dedup' | 'accounts' | 'blocklist'>;
  /** C2C callbacks (c2c-callbacks.ts); absent = none. */
  webhooks?: Webhooks;
  /** A blocked sender gets 20007 instead of the default silent drop (spec §7 console switch). */
  blockedSendFails?: boolean;
  presence: Presence;
  bus: Bus;
  clock: Clock;
  log: Logger;
}

function appOf(id: string): number {
  const n = Number(id.slice(0, id.indexOf(':')));
  if (!Number.isSafeInteger(n) || n <= 0) throw new RangeError(`c2c actor id must start with the sdkAppId, got ${id}`);
  return n;
}

class C2cActor implements Actor<C2cMsg> {
  private readonly sdkAppId: number;
  private convId = '';
  private next = 0;
  private blockTo = 0;
  private pushes: Promise<void> = Promise.resolve();
  /** When each of the pair's accounts was last seen to exist (unix ms); at most two entries. */
  private readonly accountsSeen = new Map<string, number>();

  constructor(
    private readonly id: string,
    private readonly deps: C2cDeps,
    private readonly log: Logger,
  ) {
    this.sdkAppId = appOf(id);
  }

  handle(msg: C2cMsg): Promise<SendResult | { seq: number } | { msg: C2cMessageInfo } | ReadResult | { keys: string[] }> {
    switch (msg.t) {
      case 'send':
        return this.send(msg);
      case 'recall':
        return this.recall(msg);
      case 'modify':
        return this.modify(msg);
      case 'read':
        return this.read(msg);
      case 'receipt':
        return this.receipt(msg);
      default:
        return assertNever(msg, 'c2c message');
    }
  }

  private checkPair(sdkAppId: number, from: string, to: string): void {
    if (sdkAppId !== this.sdkAppId || `${sdkAppId}:${[from, to].sort().join(':')}` !== this.id) {
      throw new ImError(Err.INVALID_PARAMS, 'message sent to the wrong conversation');
    }
  }

  private async recall(r: C2cRecall): Promise<{ seq: number }> {
    this.checkPair(r.sdkAppId, r.from, r.to);
    const done = await recallMessage(this.deps, r);
    this.enqueuePush(done.push);
    if (this.deps.webhooks) {
      const unread = await this.unreadOf(r.to, c2cConvId(r.from, r.to));
      this.deps.webhooks.after(this.sdkAppId, Callback.C2CAfterMsgWithDraw, { From_Account: r.from, To_Account: r.to, MsgKey: r.key, UnreadMsgNum: unread }, { optPlatform: r.by === 'admin' ? 'RESTAPI' : 'Unknown' });
    }
    return { seq: done.seq };
  }

  private async modify(r: C2cModify): Promise<{ msg: C2cMessageInfo }> {
    this.checkPair(r.sdkAppId, r.from, r.to);
    const done = await modifyMessage(this.deps, r);
    this.enqueuePush(done.push);
    return { msg: done.msg };
  }

  /** Read positions only rise; the reader's other devices and the peer's devices are told. */
  private async read(r: C2cRead): Promise<ReadResult> {
    this.checkPair(r.sdkAppId, r.reader, r.peer);
    const { conversations } = this.deps.store;
    const convId = c2cConvId(r.reader, r.peer);
    await this.ensureSeq(convId);
    const seq = Math.min(r.seq ?? this.next - 1, this.next - 1);
    const before = (await conversations.get(this.sdkAppId, r.reader, [convId])).get(convId)?.readSeq ?? 0;
    if (seq > before) await conversations.setRead(this.sdkAppId, r.reader, convId, seq, this.deps.clock.nowMs());
    const row = (await conversations.get(this.sdkAppId, r.reader, [convId])).get(convId);
    const readSeq = Math.max(row?.readSeq ?? 0, seq, before);
    if (readSeq > before && this.deps.webhooks) {
      const body = { Report_Account: r.reader, Peer_Account: r.peer, LastReadTime: Math.floor(this.deps.clock.nowMs() / 1000), UnreadMsgNum: row ? unreadOf(row) : 0 };
      this.deps.webhooks.after(this.sdkAppId, Callback.C2CAfterMsgReport, body, { optPlatform: r.connId ? 'Unknown' : 'RESTAPI' });
    }
    if (readSeq > before) {
      const users = r.reader === r.peer ? [r.reader] : [r.reader, r.peer];
      this.enqueuePush(() => pushC2cFrame(this.deps, this.sdkAppId, users, { op: Op.C2C_READ_CHANGED, d: { reader: r.reader, peer: r.peer, readSeq } }, r.connId));
    }
    return { readSeq, unread: row ? unreadOf(row) : 0 };
  }

  private async receipt(r: C2cReceipt): Promise<{ keys: string[] }> {
    this.checkPair(r.sdkAppId, r.reader, r.peer);
    const done = await markReceipts(this.deps, r);
    if (done.push) this.enqueuePush(done.push);
    return { keys: done.keys };
  }

  /** Pushes leave in turn order, so devices see a conversation's events in seq order. */
  private enqueuePush(push: () => Promise<void>): void {
    this.pushes = this.pushes.then(push).catch((e: unknown) => this.log.warn('c2c push failed', { err: e }));
  }

  /** Seq state is loaded on the first send, when the conversation id is known. */
  private async ensureSeq(convId: string): Promise<void> {
    if (this.convId === convId) return;
    const { messages, seqs, dedup } = this.deps.store;
    const m = await messages.maxSeq(this.sdkAppId, convId);
    const [last] = m > 0 ? await messages.getBySeqs(this.sdkAppId, convId, [m]) : [];
    if (last && typeof last.extra.dk === 'string') {
      const imported = last.extra.ds === DedupScope.IMPORT;
      const scope = imported ? DedupScope.IMPORT : DedupScope.C2C;
      await dedup.remember(this.sdkAppId, scope, last.extra.dk, { key: last.key, seq: last.seq, time: last.time }, imported ? IMPORT_DEDUP_TTL_SEC : C2C_DEDUP_WINDOW_SEC);
    }
    const b = await seqs.reserve(this.sdkAppId, convId, C2C_SEQ_BLOCK);
    this.convId = convId;
    this.next = m + 1;
    this.blockTo = b.to;
  }

  private async takeSeq(): Promise<number> {
    if (this.next > this.blockTo) this.blockTo = (await this.deps.store.seqs.reserve(this.sdkAppId, this.convId, C2C_SEQ_BLOCK)).to;
    return this.next;
  }

  private async send(s: C2cSend): Promise<SendResult> {
    const { store, clock } = this.deps;
    this.checkPair(s.sdkAppId, s.from, s.to);
    const o = s.options;
    const seqPart = o.clientSeq !== undefined ? { clientSeq: o.clientSeq } : {};
    const dk = s.imported
      ? importDedupKey({ from: s.from, to: s.to, random: o.random, timeSec: o.clientTimeSec ?? 0, ...seqPart })
      : c2cSendDedupKey({ from: s.from, to: s.to, random: o.random, body: s.body as unknown as MsgElement[], ...seqPart, ...(o.cloudCustomData ? { cloudCustomData: o.cloudCustomData } : {}) });
    const convId = c2cConvId(s.from, s.to);
    await this.ensureSeq(convId);
    const [exists, first] = await Promise.all([this.accountExists(s.to), store.dedup.get(s.sdkAppId, dk.scope, dk.key)]);
    if (!exists) throw new ImError(Err.MSG_TO_ACCOUNT_NOT_FOUND, `To_Account ${s.to} does not exist`);
    if (first !== undefined) return first as unknown as SendResult;

    const time = s.imported ? (o.clientTimeSec ?? 0) : Math.floor(clock.nowMs() / 1000);
    if (s.checks && !o.control.noMsgCheck && s.from !== s.to && (await store.blocklist.getBlocks(s.sdkAppId, s.to, [s.from])).has(s.from)) {
      if (this.deps.blockedSendFails) throw new ImError(Err.C2C_BLOCKED, `${s.to} has blocked ${s.from}`);
      // Silent by default: the sender sees an ordinary answer, nothing is stored or delivered.
      return { key: makeMsgKey(0, o.random, time), seq: 0, time };
    }
    const onlineOnly = !s.imported && (o.onlineOnly || o.lifeTimeSec === 0);
    const seq = onlineOnly ? 0 : await this.takeSeq();
    const hooks = this.deps.webhooks && s.callbacks !== false && !s.imported ? this.deps.webhooks : undefined;
    const meta = { optPlatform: s.optPlatform ?? 'RESTAPI', ...(s.clientIp ? { clientIp: s.clientIp } : {}) };
    let body = s.body;
    let cloudCustomData = o.cloudCustomData;
    if (hooks && !o.forbidBeforeSendCallback) {
      const facts = { from: s.from, to: s.to, random: o.random, time, key: makeMsgKey(seq, o.random, time), onlineOnly, body, ...(o.clientSeq !== undefined ? { clientSeq: o.clientSeq } : {}), ...(cloudCustomData ? { cloudCustomData } : {}) };
      const verdict = await beforeSend(hooks, this.log, s.sdkAppId, facts, meta);
      // Dropped: the sender sees an ordinary answer, nothing is stored or delivered.
      if (verdict.kind === 'drop') return { key: makeMsgKey(0, o.random, time), seq: 0, time };
      if (verdict.body) body = verdict.body;
      if (verdict.cloudCustomData !== undefined) cloudCustomData = verdict.cloudCustomData || undefined;
    }
    const msg: StoredMessage = {
      seq,
      key: makeMsgKey(seq, o.random, time),
      from: s.from,
      to: s.to,
      time,
      random: o.random,
      body,
      flags: { recalled: false, edited: false },
      extra: { dk: dk.key, ds: dk.scope, ...(o.needReadReceipt ? { needReadReceipt: true } : {}) },
      ...(o.clientSeq !== undefined ? { clientSeq: o.clientSeq } : {}),
      ...(cloudCustomData ? { cloudCustomData } : {}),
    };
    if (!onlineOnly) {
      await store.messages.append(s.sdkAppId, convId, msg, { ttlSec: C2C_ROAMING_SEC });
      this.next = seq + 1;
    }
    const result: SendResult = { key: msg.key, seq, time };
    // Both after the append: a crash before the mark is repaired on activation (header).
    await Promise.all([onlineOnly ? undefined : this.updateRows(s, msg, convId), store.dedup.remember(s.sdkAppId, dk.scope, dk.key, { ...result }, dk.ttlSec)]);
    const targets = o.syncToSender && s.from !== s.to ? [s.to, s.from] : [s.to];
    const info = messageInfo(msg);
    if (s.imported !== 'history') this.enqueuePush(() => pushC2cMessage(this.deps, s.sdkAppId, targets, info, s.connId));
    if (hooks && !o.forbidAfterSendCallback) {
      const facts = { from: s.from, to: s.to, random: o.random, time, key: msg.key, onlineOnly, body, ...(o.clientSeq !== undefined ? { clientSeq: o.clientSeq } : {}), ...(cloudCustomData ? { cloudCustomData } : {}) };
      const unread = onlineOnly ? -1 : await this.unreadOf(s.to, convId);
      hooks.after(s.sdkAppId, Callback.C2CAfterSendMsg, { ...sendBody(facts), SendMsgResult: 0, ErrorInfo: '', UnreadMsgNum: unread }, meta);
    }
    return result;
  }

  /** Recipient existence, remembered for ACCOUNT_CHECK_TTL_MS so a busy pair reads it rarely. */
  private async accountExists(userId: string): Promise<boolean> {
    const now = this.deps.clock.nowMs();
    const seen = this.accountsSeen.get(userId);
    if (seen !== undefined && now - seen < ACCOUNT_CHECK_TTL_MS) return true;
    const ok = (await this.deps.store.accounts.getAccount(this.sdkAppId, userId)) !== undefined;
    if (ok) this.accountsSeen.set(userId, now);
    return ok;
  }

  /** The user's unread count in this conversation (-1 when it cannot be read), for callbacks. */
  private async unreadOf(user: string, convId: string): Promise<number> {
    try {
      const row = (await this.deps.store.conversations.get(this.sdkAppId, user, [convId])).get(convId);
      return row ? unreadOf(row) : 0;
    } catch {
      return -1;
    }
  }

  /** Recipient's row counts the message; the sender's row shows it but its readSeq covers it. */
  private async updateRows(s: C2cSend, msg: StoredMessage, convId: string): Promise<void> {
    const { conversations } = this.deps.store;
    const at = this.deps.clock.nowMs();
    const c = s.options.control;
    const shown = c.noLastMsg ? {} : { lastTime: msg.time, lastMsg: lastMsgOf(msg) };
    // A new message brings a deleted conversation back.
    const row = (peer: string) => ({ type: 'c2c' as const, peer, at, lastSeq: msg.seq, deleted: false, ...shown });
    const writes: Promise<void>[] = [conversations.upsert(s.sdkAppId, s.to, convId, { ...row(s.from), ...(c.noUnread || s.imported === 'history' ? { noUnreadSeq: msg.seq, noUnreadTtlSec: C2C_ROAMING_SEC } : {}) })];
    if (s.from !== s.to && s.options.syncToSender) {
      writes.push(conversations.setRead(s.sdkAppId, s.from, convId, msg.seq, at).then(() => conversations.upsert(s.sdkAppId, s.from, convId, row(s.to))));
    } else if (s.from !== s.to) {
      writes.push(conversations.setRead(s.sdkAppId, s.from, convId, msg.seq, at));
    }
    await Promise.all(writes);
  }
}

export function c2cKind(deps: C2cDeps): ActorKind<C2cMsg> {
  return { kind: C2C_KIND, create: (id, ctx: ActorContext<C2cMsg>) => new C2cActor(id, deps, ctx.log) };
}
