// REST reads and read state of C2C conversations (spec §2.1 #10, #12, #13): admin_getroammsg pages
// a pair's roaming messages backwards (newest first) within [MinTime, MaxTime], continuing before
// LastMsgKey; admin_set_msg_read raises Report_Account's read position; get_c2c_unread_msg_num
// sums unread over the user's C2C rows. Each is a bounded number of store queries: a scan stops
// after MAX_ROAM_SCAN_PAGES pages and answers Complete 0 with where to continue.
import { ImError } from '../lib/errors.js';
import { parseMsgKey } from '../messaging/msg-key.js';
import { Err } from '../protocol/error-codes.js';
import type { RestContext } from '../rest/context.js';
import { field, firstField, readAccount, readAccountArray, readOptionalInt } from '../rest/validate.js';
import type { StoredMessage } from '../store/messages.js';
import { c2cAddr, c2cConvId, type C2cRead } from './c2c-messages.js';
import { unreadOf } from './c2c-view.js';

/** Most messages one admin_getroammsg page returns (MaxCnt above it is capped). */
export const MAX_ROAM_PAGE = 100;
/** Store pages one admin_getroammsg or admin_set_msg_read call scans at most. */
export const MAX_ROAM_SCAN_PAGES = 20;
/** Peers one get_c2c_unread_msg_num names at most. */
export const MAX_UNREAD_PEERS = 500;
/** Conversation rows get_c2c_unread_msg_num sums without Peer_Account. */
export const MAX_UNREAD_ROWS = 10_000;
const SCAN_PAGE = 100;
const MAX_INT = Number.MAX_SAFE_INTEGER;

function pair(body: Record<string, unknown>): [string, string] {
  const op = firstField(body, ['Operator_Account', 'From_Account']);
  const peer = firstField(body, ['Peer_Account', 'To_Account']);
  if (!op || !peer) throw new ImError(Err.INVALID_PARAMS, 'Operator_Account and Peer_Account are required');
  return [readAccount(body, [op.name]), readAccount(body, [peer.name])];
}

export async function getRoamMsg(ctx: RestContext, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { messages, conversations } = ctx.deps.store;
  const [operator, peer] = pair(body);
  const maxCnt = Math.min(readOptionalInt(body, 'MaxCnt', 1, MAX_INT) ?? MAX_ROAM_PAGE, MAX_ROAM_PAGE);
  const minTime = readOptionalInt(body, 'MinTime', 0, MAX_INT) ?? 0;
  const maxTime = readOptionalInt(body, 'MaxTime', 0, MAX_INT) ?? MAX_INT;
  if (minTime > maxTime) throw new ImError(Err.INVALID_PARAMS, 'MinTime must not be above MaxTime');
  const lastKey = field(body, 'LastMsgKey');
  const convId = c2cConvId(operator, peer);
  let toSeq = lastKey === undefined || lastKey === '' ? await messages.maxSeq(ctx.sdkAppId, convId) : parseMsgKey(lastKey).seq - 1;
  const found: StoredMessage[] = [];
  let complete = true;
  scan: for (let pages = 0; toSeq >= 1; pages++) {
    if (pages === MAX_ROAM_SCAN_PAGES) {
      complete = false;
      break;
    }
    const page = await messages.range(ctx.sdkAppId, convId, { toSeq, limit: SCAN_PAGE, order: 'desc' });
    for (const m of page.messages) {
      if (m.time < minTime) break scan;
      if (m.time > maxTime) continue;
      found.push(m);
      if (found.length === maxCnt) {
        complete = m.seq === 1;
        break scan;
      }
    }
    const last = page.messages[page.messages.length - 1];
    if (page.next !== undefined) toSeq = page.next;
    else if (last && page.messages.length === SCAN_PAGE) toSeq = last.seq - 1;
    else break;
  }
  const rows = await conversations.get(ctx.sdkAppId, peer, [convId]);
  const peerRead = rows.get(convId)?.readSeq ?? 0;
  const oldest = found[found.length - 1];
  return {
    Complete: complete ? 1 : 0,
    MsgCnt: found.length,
    LastMsgTime: oldest?.time ?? 0,
    LastMsgKey: complete ? '' : (oldest?.key ?? `${toSeq + 1}_0_0`),
    MsgList: found.map((m) => ({
      From_Account: m.from,
      To_Account: m.to ?? '',
      MsgSeq: m.clientSeq ?? m.seq,
      MsgRandom: m.random,
      MsgTimeStamp: m.time,
      MsgFlagBits: m.flags.recalled ? 1 : 0,
      IsPeerRead: m.from === operator && peerRead >= m.seq ? 1 : 0,
      MsgKey: m.key,
      MsgBody: m.body,
      CloudCustomData: m.cloudCustomData ?? '',
    })),
  };
}

export async function setMsgRead(ctx: RestContext, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { messages } = ctx.deps.store;
  const reporter = readAccount(body, ['Report_Account']);
  const peer = readAccount(body, ['Peer_Account']);
  const readTime = readOptionalInt(body, 'MsgReadTime', 0, MAX_INT);
  const convId = c2cConvId(reporter, peer);
  let seq: number | undefined;
  if (readTime !== undefined) seq = await lastSeqAtOrBefore(ctx, convId, await messages.maxSeq(ctx.sdkAppId, convId), readTime);
  if (seq === 0) return {};
  const msg: C2cRead = { t: 'read', sdkAppId: ctx.sdkAppId, reader: reporter, peer, ...(seq !== undefined ? { seq } : {}) };
  await ctx.deps.actors.ask(c2cAddr(ctx.sdkAppId, reporter, peer), msg, { timeoutMs: ctx.deps.limits.askTimeoutMs });
  return {};
}

/** The newest seq whose MsgTime is <= timeSec (0 when none within the scan bound). */
async function lastSeqAtOrBefore(ctx: RestContext, convId: string, maxSeq: number, timeSec: number): Promise<number> {
  let toSeq = maxSeq;
  for (let pages = 0; toSeq >= 1 && pages < MAX_ROAM_SCAN_PAGES; pages++) {
    const page = await ctx.deps.store.messages.range(ctx.sdkAppId, convId, { toSeq, limit: SCAN_PAGE, order: 'desc' });
    const hit = page.messages.find((m) => m.time <= timeSec);
    if (hit) return hit.seq;
    const last = page.messages[page.messages.length - 1];
    if (page.next !== undefined) toSeq = page.next;
    else if (last && page.messages.length === SCAN_PAGE) toSeq = last.seq - 1;
    else return 0;
  }
  return 0;
}

export async function getUnreadNum(ctx: RestContext, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { conversations } = ctx.deps.store;
  const user = readAccount(body, ['To_Account']);
  const peers = field(body, 'Peer_Account') === undefined ? undefined : readAccountArray(body, 'Peer_Account', MAX_UNREAD_PEERS);
  let all = 0;
  let after;
  for (let seen = 0; seen < MAX_UNREAD_ROWS; ) {
    const p = await conversations.list(ctx.sdkAppId, user, { limit: 1000, ...(after ? { after } : {}) });
    for (const r of p.items) if (r.type === 'c2c') all += unreadOf(r);
    seen += p.items.length;
    if (!p.next) break;
    after = p.next;
  }
  const out: Record<string, unknown> = { AllC2CUnreadMsgNum: all };
  if (peers) {
    const ids = peers.map((p) => c2cConvId(user, p));
    const rows = await conversations.get(ctx.sdkAppId, user, ids);
    out.C2CUnreadMsgNumList = peers.map((p, i) => {
      const r = rows.get(ids[i]!);
      return { Peer_Account: p, C2CUnreadMsgNum: r ? unreadOf(r) : 0 };
    });
  }
  return out;
}
