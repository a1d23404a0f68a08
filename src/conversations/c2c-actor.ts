// The C2C conversation actor: one per user pair (c2c-messages.ts), the single writer of the
// pair's timeline (invariants 1-3). Sends waiting in its mailbox are handled together in one batch
// turn (c2c-send.ts: one durable append for all of them, answers only after it); the sequence
// state lives in c2c-seqs.ts. Recall, edit, read reports and receipts are ordinary turns. Every
// push leaves through one chain, so devices get a conversation's events in seq order.
import type { Actor, ActorContext, ActorKind, BatchHandler } from '../actors/actor.js';
import type { Bus } from '../bus/bus.js';
import type { Clock } from '../lib/clock.js';
import { ImError, assertNever } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import type { Presence } from '../presence/presence.js';
import type { OfflinePush } from '../push/offline-pusher.js';
import type { C2cMessageInfo } from '../protocol/c2c-frames.js';
import { Err } from '../protocol/error-codes.js';
import { Op } from '../protocol/ops.js';
import type { AppDirectory } from '../apps/app-directory.js';
import { messagingOf } from '../config/messaging-settings.js';
import type { Store } from '../store/index.js';
import { Callback } from '../webhooks/commands.js';
import type { Webhooks } from '../webhooks/webhooks.js';
import { C2C_KIND, c2cConvId, type C2cModify, type C2cMsg, type C2cRead, type C2cReceipt, type C2cRecall, type C2cSend, type ReadResult, type SendResult } from './c2c-messages.js';
import { modifyMessage } from './c2c-modify.js';
import { pushC2cFrame, pushC2cMessages } from './c2c-push.js';
import { recallMessage } from './c2c-recall.js';
import { markReceipts } from './c2c-receipts.js';
import { sendBatch, type SendContext } from './c2c-send.js';
import { C2C_SEND_BATCH_MAX, C2cSeqs } from './c2c-seqs.js';
import { storedUnread, unreadOf } from './c2c-view.js';

export { C2C_SEQ_BLOCK } from './c2c-seqs.js';
/** How long a seen recipient account counts as existing without reading it again. */
export const ACCOUNT_CHECK_TTL_MS = 60_000;

export interface C2cDeps {
  store: Pick<Store, 'messages' | 'seqs' | 'conversations' | 'dedup' | 'accounts' | 'blocklist' | 'friends' | 'noSpeaking'>;
  /** C2C callbacks (c2c-callbacks.ts); absent = none. */
  webhooks?: Webhooks;
  /** Offline push of stored messages (push/offline-pusher.ts); absent = none. */
  offlinePush?: OfflinePush;
  /** Per-app messaging settings (config/messaging-settings.ts); absent = the defaults. */
  apps?: Pick<AppDirectory, 'get'>;
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
  private readonly seqs: C2cSeqs;
  private pushes: Promise<void> = Promise.resolve();
  /** When each of the pair's accounts was last seen to exist (unix ms); at most two entries. */
  private readonly accountsSeen = new Map<string, number>();

  constructor(
    private readonly id: string,
    private readonly deps: C2cDeps,
    private readonly log: Logger,
  ) {
    this.sdkAppId = appOf(id);
    this.seqs = new C2cSeqs(this.sdkAppId, deps.store, deps.clock);
    const ctx: SendContext = (this.sendCtx = {
      sdkAppId: this.sdkAppId,
      deps,
      log,
      seqs: this.seqs,
      checkPair: (app, from, to) => this.checkPair(app, from, to),
      accountExists: (u) => this.accountExists(u),
      push: (items, then) =>
        this.enqueuePush(async () => {
          let routes: Awaited<ReturnType<typeof pushC2cMessages>>;
          try {
            routes = await pushC2cMessages(this.deps, this.sdkAppId, items);
          } finally {
            then?.(routes);
          }
        }),
      settings: messagingOf(deps.apps?.get(this.sdkAppId)),
    });
    this.batch = { max: C2C_SEND_BATCH_MAX, accepts: (m) => m.t === 'send', handle: (sends) => sendBatch(ctx, sends as C2cSend[]) };
  }

  readonly batch: BatchHandler<C2cMsg>;
  private readonly sendCtx: SendContext;

  handle(msg: C2cMsg): Promise<SendResult | { seq: number } | { msg: C2cMessageInfo } | ReadResult | { keys: string[] }> {
    switch (msg.t) {
      case 'send':
        return sendBatch(this.sendCtx, [msg]).then(([o]) => {
          if (o && 'err' in o) throw o.err;
          return o!.ok as SendResult;
        });
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
    const done = await recallMessage(this.deps, r, { limitSec: this.sendCtx.settings.recallLimitSec });
    this.enqueuePush(done.push);
    if (this.deps.webhooks?.wants(this.sdkAppId, Callback.C2CAfterMsgWithDraw)) {
      const unread = await storedUnread(this.deps.store, this.sdkAppId, r.to, c2cConvId(r.from, r.to));
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
    await this.seqs.ensure(convId);
    const newest = this.seqs.nextSeq - 1;
    const seq = Math.min(r.seq ?? newest, newest);
    const before = (await conversations.get(this.sdkAppId, r.reader, [convId])).get(convId)?.readSeq ?? 0;
    if (seq > before) await conversations.setRead(this.sdkAppId, r.reader, convId, seq, this.deps.clock.nowMs());
    const row = (await conversations.get(this.sdkAppId, r.reader, [convId])).get(convId);
    const readSeq = Math.max(row?.readSeq ?? 0, seq, before);
    if (readSeq > before && this.deps.webhooks?.wants(this.sdkAppId, Callback.C2CAfterMsgReport)) {
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

  /** Recipient existence, remembered for ACCOUNT_CHECK_TTL_MS so a busy pair reads it rarely. */
  private async accountExists(userId: string): Promise<boolean> {
    const now = this.deps.clock.nowMs();
    const seen = this.accountsSeen.get(userId);
    if (seen !== undefined && now - seen < ACCOUNT_CHECK_TTL_MS) return true;
    const ok = (await this.deps.store.accounts.getAccount(this.sdkAppId, userId)) !== undefined;
    if (ok) this.accountsSeen.set(userId, now);
    return ok;
  }
}

export function c2cKind(deps: C2cDeps): ActorKind<C2cMsg> {
  return { kind: C2C_KIND, create: (id, ctx: ActorContext<C2cMsg>) => new C2cActor(id, deps, ctx.log) };
}
