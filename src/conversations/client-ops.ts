// The C2C ops of the client protocol (docs/protocol.md §3.3) on the edge. C2C_SEND is parsed here
// with the REST parser (Tencent's codes: 90002/90007/90010/80002/90005...), then run in the pair's
// conversation actor; the REPLY is its answer, sent only after the append resolved. Reads (sync,
// history, conversation list) go straight to the store: one query each, and the caller can only
// name conversations it belongs to (the id is built from its own user id). Read reports go to the
// actor, which tells the other devices in order with the pair's messages.
import type { ActorClient } from '../actors/actor.js';
import { ImError, isImError } from '../lib/errors.js';
import { field } from '../rest/validate.js';
import { parseSendRequest } from '../messaging/send-request.js';
import { parseMsgBody, toWire } from '../messaging/msg-body.js';
import type { Metrics } from '../metrics/metrics.js';
import type { C2cFrame, C2cResults } from '../protocol/c2c-frames.js';
import { Err } from '../protocol/error-codes.js';
import { Op } from '../protocol/ops.js';
import type { Store } from '../store/index.js';
import { c2cAddr, c2cConvId, type C2cModify, type C2cRead, type C2cReceipt, type C2cRecall, type C2cSend, type ReadResult, type SendResult } from './c2c-messages.js';
import { conversationInfo, messageInfo } from './c2c-view.js';
import { pushC2cFrame, type C2cPushDeps } from './c2c-push.js';
import { hideForUser, withoutHidden } from './c2c-hidden.js';
import type { AppDirectory } from '../apps/app-directory.js';
import { messagingOf, roamingSeconds } from '../config/messaging-settings.js';
import { optPlatformOf } from '../protocol/platforms.js';

/** Page size when a request names none. */
export const DEFAULT_C2C_PAGE = 20;

export interface OpResult {
  c: number;
  m: string;
  d?: unknown;
}

export interface C2cCaller {
  sdkAppId: number;
  userId: string;
  connId?: string;
  /** The device's platform (LOGIN), for the callbacks' OptPlatform. */
  platform?: string;
  clientIp?: string;
}


export interface C2cOpDeps {
  actors: ActorClient;
  /** Typing notices go straight to the peer's devices (online only, no actor). */
  push: C2cPushDeps;
  store: Pick<Store, 'messages' | 'conversations'>;
  /** Per-app messaging settings; absent = the defaults. */
  apps?: Pick<AppDirectory, 'get'>;
  nowMs: () => number;
  timeoutMs: number;
  metrics?: Pick<Metrics, 'msgLimitHits'>;
}

const ok = <T>(d: T): OpResult => (d === undefined ? { c: Err.OK, m: '' } : { c: Err.OK, m: '', d });

/** Asks the pair's actor to store and deliver one message; throws ImError on refusal. */
export interface SendArgs {
  sdkAppId: number;
  from: string;
  to: string;
  /** The send fields under Tencent's names. */
  raw: Record<string, unknown>;
  connId?: string;
  /** Overrides SyncOtherMachine (a device send always reaches the sender's other devices). */
  syncToSender?: boolean;
  /** Apply the blocklist rule (device sends). */
  checks?: boolean;
  optPlatform?: string;
  clientIp?: string;
}

/** The checked parts of an edit (MsgBody and/or CloudCustomData, Tencent's names and codes). */
export function modifyMessageOf(base: Omit<C2cModify, 't' | 'body' | 'cloudCustomData'>, raw: Record<string, unknown>, metrics?: Pick<Metrics, 'msgLimitHits'>): C2cModify {
  const ccd = field(raw, 'CloudCustomData');
  if (ccd !== undefined && typeof ccd !== 'string') throw new ImError(Err.INVALID_PARAMS, 'CloudCustomData must be a string');
  const rawBody = field(raw, 'MsgBody');
  if (rawBody === undefined && ccd === undefined) throw new ImError(Err.INVALID_PARAMS, 'MsgBody or CloudCustomData is required');
  const body = rawBody === undefined ? undefined : toWire(parseMsgBody(rawBody, { ...(ccd ? { cloudCustomData: ccd } : {}), ...(metrics ? { metrics } : {}) }));
  return { t: 'modify', ...base, ...(body ? { body } : {}), ...(ccd !== undefined ? { cloudCustomData: ccd } : {}) };
}

/** Parses and checks the send fields (throws ImError with Tencent's code) into the actor message. */
export function sendMessageOf(a: SendArgs, metrics?: Pick<Metrics, 'msgLimitHits'>): C2cSend {
  const req = parseSendRequest(a.raw, { kind: 'c2c', ...(metrics ? { metrics } : {}) });
  const options = a.syncToSender === undefined ? req.options : { ...req.options, syncToSender: a.syncToSender };
  return { t: 'send', sdkAppId: a.sdkAppId, from: a.from, to: a.to, body: toWire(req.body), options, ...(a.connId ? { connId: a.connId } : {}), ...(a.checks ? { checks: true } : {}), ...(a.optPlatform ? { optPlatform: a.optPlatform } : {}), ...(a.clientIp ? { clientIp: a.clientIp } : {}) };
}

export async function sendC2c(deps: Pick<C2cOpDeps, 'actors' | 'timeoutMs' | 'metrics'>, a: SendArgs): Promise<SendResult> {
  const msg = sendMessageOf(a, deps.metrics);
  return deps.actors.ask<SendResult>(c2cAddr(a.sdkAppId, a.from, a.to), msg, { timeoutMs: deps.timeoutMs });
}

async function run(deps: C2cOpDeps, caller: C2cCaller, f: C2cFrame): Promise<OpResult> {
  const { sdkAppId, userId } = caller;
  const { messages, conversations } = deps.store;
  switch (f.op) {
    case Op.C2C_SEND: {
      const { to, ...raw } = f.d;
      const device = { ...(caller.connId ? { connId: caller.connId } : {}), ...(caller.platform ? { optPlatform: optPlatformOf(caller.platform) } : {}), ...(caller.clientIp ? { clientIp: caller.clientIp } : {}) };
      const r = await sendC2c(deps, { sdkAppId, from: userId, to, raw, syncToSender: true, checks: true, ...device });
      return ok<C2cResults[typeof Op.C2C_SEND]>(r);
    }
    case Op.C2C_SYNC: {
      const convId = c2cConvId(userId, f.d.peer);
      const limit = f.d.limit ?? DEFAULT_C2C_PAGE;
      const page = await messages.range(sdkAppId, convId, { fromSeq: f.d.afterSeq + 1, limit, order: 'asc' });
      const maxSeq = await messages.maxSeq(sdkAppId, convId);
      const last = page.messages[page.messages.length - 1];
      const afterSeq = page.next !== undefined ? page.next - 1 : (last?.seq ?? f.d.afterSeq);
      const shown = await withoutHidden(messages, sdkAppId, userId, convId, page.messages);
      return ok<C2cResults[typeof Op.C2C_SYNC]>({ messages: shown.map(messageInfo), afterSeq, maxSeq, complete: afterSeq >= maxSeq });
    }
    case Op.C2C_HISTORY: {
      const convId = c2cConvId(userId, f.d.peer);
      const limit = f.d.limit ?? DEFAULT_C2C_PAGE;
      if (f.d.beforeSeq === 1) return ok<C2cResults[typeof Op.C2C_HISTORY]>({ messages: [], beforeSeq: 1, complete: true });
      const page = await messages.range(sdkAppId, convId, { ...(f.d.beforeSeq !== undefined ? { toSeq: f.d.beforeSeq - 1 } : {}), limit, order: 'desc' });
      const last = page.messages[page.messages.length - 1];
      const beforeSeq = page.next !== undefined ? page.next + 1 : (last?.seq ?? f.d.beforeSeq ?? 1);
      const complete = page.next === undefined && page.messages.length < limit;
      const shown = await withoutHidden(messages, sdkAppId, userId, convId, page.messages);
      return ok<C2cResults[typeof Op.C2C_HISTORY]>({ messages: shown.map(messageInfo), beforeSeq, complete: complete || beforeSeq <= 1 });
    }
    case Op.CONV_LIST: {
      const p = await conversations.list(sdkAppId, userId, { limit: f.d.limit ?? DEFAULT_C2C_PAGE, ...(f.d.after ? { after: f.d.after } : {}) });
      return ok<C2cResults[typeof Op.CONV_LIST]>({ conversations: p.items.map(conversationInfo), ...(p.next ? { next: p.next } : {}) });
    }
    case Op.C2C_RECALL: {
      const msg: C2cRecall = { t: 'recall', sdkAppId, from: userId, to: f.d.peer, key: f.d.key, by: 'user' };
      const r = await deps.actors.ask<{ seq: number }>(c2cAddr(sdkAppId, userId, f.d.peer), msg, { timeoutMs: deps.timeoutMs });
      return ok<C2cResults[typeof Op.C2C_RECALL]>({ seq: r.seq });
    }
    case Op.CONV_PIN: {
      const convId = c2cConvId(userId, f.d.peer);
      await conversations.setPinned(sdkAppId, userId, convId, f.d.pinned, deps.nowMs());
      void pushC2cFrame(deps.push, sdkAppId, [userId], { op: Op.CONV_CHANGED, d: { convId, peer: f.d.peer, pinned: f.d.pinned } }, caller.connId);
      return ok<undefined>(undefined);
    }
    case Op.CONV_DELETE: {
      const convId = c2cConvId(userId, f.d.peer);
      await conversations.upsert(sdkAppId, userId, convId, { type: 'c2c', peer: f.d.peer, at: deps.nowMs(), deleted: true });
      void pushC2cFrame(deps.push, sdkAppId, [userId], { op: Op.CONV_CHANGED, d: { convId, peer: f.d.peer, deleted: true } }, caller.connId);
      return ok<undefined>(undefined);
    }
    case Op.C2C_RECEIPT: {
      const msg: C2cReceipt = { t: 'receipt', sdkAppId, reader: userId, peer: f.d.peer, keys: f.d.keys };
      return ok<C2cResults[typeof Op.C2C_RECEIPT]>(await deps.actors.ask<{ keys: string[] }>(c2cAddr(sdkAppId, userId, f.d.peer), msg, { timeoutMs: deps.timeoutMs }));
    }
    case Op.C2C_DELETE:
      return ok<C2cResults[typeof Op.C2C_DELETE]>({ invalidKeys: await hideForUser(messages, sdkAppId, userId, f.d.peer, f.d.keys, roamingSeconds(messagingOf(deps.apps?.get(sdkAppId)))) });
    case Op.C2C_TYPING:
      // Fire and forget: a lost typing notice is harmless.
      void pushC2cFrame(deps.push, sdkAppId, [f.d.peer], { op: Op.C2C_PEER_TYPING, d: { from: userId } });
      return ok<undefined>(undefined);
    case Op.C2C_MODIFY: {
      const { peer, key, ...raw } = f.d;
      const msg = modifyMessageOf({ sdkAppId, from: userId, to: peer, key, by: 'user' }, raw, deps.metrics);
      return ok<C2cResults[typeof Op.C2C_MODIFY]>(await deps.actors.ask<C2cResults[typeof Op.C2C_MODIFY]>(c2cAddr(sdkAppId, userId, peer), msg, { timeoutMs: deps.timeoutMs }));
    }
    case Op.C2C_READ: {
      const msg: C2cRead = { t: 'read', sdkAppId, reader: userId, peer: f.d.peer, ...(f.d.seq !== undefined ? { seq: f.d.seq } : {}), ...(caller.connId ? { connId: caller.connId } : {}) };
      return ok<C2cResults[typeof Op.C2C_READ]>(await deps.actors.ask<ReadResult>(c2cAddr(sdkAppId, userId, f.d.peer), msg, { timeoutMs: deps.timeoutMs }));
    }
  }
}

/** Runs one C2C op for a logged-in caller; never throws (errors become coded results). */
export async function runC2cOp(deps: C2cOpDeps, caller: C2cCaller, f: C2cFrame): Promise<OpResult> {
  try {
    return await run(deps, caller, f);
  } catch (e) {
    if (isImError(e)) return { c: e.code, m: e.info };
    return { c: Err.INTERNAL, m: 'internal error' };
  }
}
