// LOGIN: verify the UserSig (spec §4) and the account's kick mark (sigFloor, 70052), import the
// account on first login as Tencent does, then register the device with the user's session actor
// (which applies the login policy and kicks older devices) and with presence. Any failure is a
// coded reply; the socket stays usable for another attempt until the login deadline. A login in
// progress at the deadline may finish (ws-handlers.ts), within one more deadline.
import { nowSeconds } from '../lib/clock.js';
import { isImError } from '../lib/errors.js';
import { kickedSigError, verifyUserSig } from '../auth/usersig.js';
import { CloseCode } from '../protocol/close-codes.js';
import { Err } from '../protocol/error-codes.js';
import type { LoginParams, LoginResult } from '../protocol/frames.js';
import { DEFAULT_HEARTBEAT_MS } from '../protocol/limits.js';
import { sessionAddr, type AttachReply, type DeviceInfo, type SessionMsg } from '../sessions/session-messages.js';
import type { Connection, ConnSession } from './connection.js';
import type { EdgeContext, OpResult } from './context.js';

/** The client is told to heartbeat this many times per idle timeout, so one lost beat is harmless. */
export const HEARTBEATS_PER_IDLE_TIMEOUT = 3;

const fail = (c: number, m: string): OpResult => ({ c, m });

export async function login(ctx: EdgeContext, conn: Connection, p: LoginParams): Promise<OpResult> {
  const { deps } = ctx;
  if (ctx.draining) return fail(Err.SERVER_DRAINING, 'server is draining, reconnect to another edge');
  const sig = verifyUserSig(p.userSig, { sdkAppId: p.sdkAppId, identifier: p.userId }, deps.apps.secretOf, nowSeconds(deps.clock));
  if (!sig.ok) return fail(sig.code, sig.info);

  const account = await deps.store.accounts.getAccount(p.sdkAppId, p.userId);
  const kicked = kickedSigError(sig, account);
  if (kicked) return fail(kicked.code, kicked.info);
  if (!account) await deps.store.accounts.importAccount(p.sdkAppId, { userId: p.userId, nick: '', faceUrl: '', importedAt: deps.clock.nowMs() });
  if (!conn.open) return fail(Err.INTERNAL, 'connection closed during login');

  const session: ConnSession = { sdkAppId: p.sdkAppId, userId: p.userId, platform: p.platform, deviceId: p.deviceId, since: deps.clock.nowMs() };
  const device: DeviceInfo = { connId: conn.connId, edgeId: ctx.edgeId, platform: p.platform, deviceId: p.deviceId, since: session.since };
  const attach: SessionMsg = { t: 'attach', device, clientIp: conn.clientIp };
  await deps.actors.ask<AttachReply>(sessionAddr(p.sdkAppId, p.userId), attach, { timeoutMs: ctx.limits.askTimeoutMs });
  // From here the session actor counts this device: any way out must detach it again.
  conn.session = session;
  try {
    await deps.presence.attach({ ...device, sdkAppId: p.sdkAppId, userId: p.userId });
  } catch (e) {
    ctx.log.warn('presence attach failed', { err: e, connId: conn.connId });
    ctx.detach(conn);
    return fail(Err.INTERNAL, 'could not record the connection, try again');
  }
  if (!conn.open) {
    ctx.detach(conn); // the socket closed while we were attaching
    return fail(Err.INTERNAL, 'connection closed during login');
  }
  const result: LoginResult = {
    connId: conn.connId,
    serverTimeMs: deps.clock.nowMs(),
    // Without an idle timeout heartbeats are still how a client notices a dead link.
    heartbeatMs: ctx.limits.idleTimeoutSec > 0 ? Math.floor((ctx.limits.idleTimeoutSec * 1000) / HEARTBEATS_PER_IDLE_TIMEOUT) : DEFAULT_HEARTBEAT_MS,
  };
  return { c: Err.OK, m: '', d: result };
}

/** Closes a socket that did not log in within limits.loginTimeoutMs (counted). A login still in
 *  progress at the deadline is let finish; only if it fails does this run (dispatch.ts). */
export function closeLoginTimeout(ctx: EdgeContext, conn: Connection): void {
  ctx.deps.metrics.wsLoginTimeouts.inc();
  ctx.outbox.close(conn, CloseCode.LOGIN_TIMEOUT, 'login timeout');
}

/** Turns a thrown error into a reply code: ImError keeps its code, anything else is INTERNAL. */
export function errorResult(e: unknown): OpResult {
  if (isImError(e)) return { c: e.code, m: e.info };
  return { c: Err.INTERNAL, m: 'internal error' };
}
