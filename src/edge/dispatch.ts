// One client frame in, one REPLY (or ERROR) out. Decoding never throws (protocol/codec); frames
// that cannot be accepted are answered with their code and the socket stays open. Only LOGIN and
// HEARTBEAT are allowed before login; anything else gets NOT_LOGGED_IN (6014).
import { Err } from '../protocol/error-codes.js';
import { Op, isC2cOp, isGroupRequestOp, isPushOp, isRoomOp, isSocialOp, opName } from '../protocol/ops.js';
import type { RoomFrame } from '../protocol/room-frames.js';
import type { C2cFrame } from '../protocol/c2c-frames.js';
import { runC2cOp } from '../conversations/client-ops.js';
import type { GroupRequestFrame } from '../protocol/group-requests.js';
import { runGroupOp } from '../groups/client-ops.js';
import type { PushFrame } from '../protocol/push-frames.js';
import { runPushOp } from '../push/client-ops.js';
import type { SocialFrame } from '../protocol/social-frames.js';
import { runSocialOp } from '../relationships/client-ops.js';
import { decodeClientFrame, encodeServerFrame } from '../protocol/codec.js';
import { ProtocolError, type ClientFrame } from '../protocol/frames.js';
import { CloseCode } from '../protocol/close-codes.js';
import type { Connection } from './connection.js';
import type { EdgeContext, OpResult } from './context.js';
import { closeLoginTimeout, errorResult, login } from './login.js';
import { subscribeJoinedGroups } from './login-rooms.js';
import { runRoomOp } from './room-ops.js';

export function reply(ctx: EdgeContext, conn: Connection, id: number, r: OpResult): void {
  ctx.outbox.send(conn, encodeServerFrame({ op: Op.REPLY, id, c: r.c, m: r.m, d: r.d }));
}

type Session = NonNullable<Connection['session']>;
type Handle = (conn: Connection, bytes: Uint8Array) => void;

/** The edge's frame handler; the op families' dependencies are built here once, not per frame. */
export function frameHandler(ctx: EdgeContext): Handle {
  const { actors, store, clock, metrics, presence, bus, apps } = ctx.deps;
  const nowMs = () => clock.nowMs();
  const timeoutMs = ctx.limits.askTimeoutMs;
  const c2cDeps = { actors, store, apps, push: { presence, bus, log: ctx.log }, nowMs, timeoutMs, metrics };
  const groupDeps = { actors, store, nowMs, timeoutMs, metrics };
  const pushDeps = { registry: store.pushRegistry, nowMs };
  return (conn, bytes) => {
    const frame = decodeClientFrame(bytes, ctx.limits.maxFrameBytes);
    if (frame instanceof ProtocolError) {
      metrics.wsFramesIn.inc({ op: 'invalid' });
      metrics.wsProtocolErrors.inc({ code: String(frame.code) });
      if (frame.id !== undefined) reply(ctx, conn, frame.id, { c: frame.code, m: frame.message });
      else ctx.outbox.send(conn, encodeServerFrame({ op: Op.ERROR, c: frame.code, m: frame.message }));
      return;
    }
    metrics.wsFramesIn.inc({ op: opName(frame.op) });
    const run = (op: (s: Session) => Promise<OpResult>) => loggedIn(ctx, conn, frame.id, op);
    // Social-graph ops run in the caller's social actor.
    if (isSocialOp(frame.op)) return run((s) => runSocialOp(actors, { sdkAppId: s.sdkAppId, userId: s.userId, platform: s.platform, clientIp: conn.clientIp }, frame as SocialFrame, timeoutMs));
    // C2C sends run in the pair's conversation actor, reads query the store.
    if (isC2cOp(frame.op)) return run((s) => runC2cOp(c2cDeps, { sdkAppId: s.sdkAppId, userId: s.userId, connId: conn.connId, platform: s.platform, ...(conn.clientIp ? { clientIp: conn.clientIp } : {}) }, frame as C2cFrame));
    // Offline push: this device's token and the user's receive options, straight to the store.
    if (isPushOp(frame.op)) return run((s) => runPushOp(pushDeps, { sdkAppId: s.sdkAppId, userId: s.userId, deviceId: s.deviceId }, frame as PushFrame));
    // Live-room join/leave of this socket (room-ops.ts).
    if (isRoomOp(frame.op)) return run(() => runRoomOp(ctx, conn, frame as RoomFrame));
    // Group writes run in the group's actor as this user, reads query the store.
    if (isGroupRequestOp(frame.op)) return run((s) => runGroupOp(groupDeps, { sdkAppId: s.sdkAppId, userId: s.userId, connId: conn.connId, platform: s.platform }, frame as GroupRequestFrame));
    switch (frame.op) {
      case Op.HEARTBEAT:
        return reply(ctx, conn, frame.id, { c: Err.OK, m: '', d: { serverTimeMs: clock.nowMs() } });
      case Op.LOGIN:
        return startLogin(ctx, conn, frame);
      case Op.LOGOUT:
        if (conn.state !== 'logged-in') return notLoggedIn(ctx, conn, frame.id);
        reply(ctx, conn, frame.id, { c: Err.OK, m: '' });
        conn.detachReason = 'logout';
        return ctx.outbox.close(conn, CloseCode.NORMAL, 'logout');
    }
  };
}

/** A logged-in socket's request, run off the frame loop (tracked for drain); the reply goes out
 *  only if the socket is still open when the answer comes. */
function loggedIn(ctx: EdgeContext, conn: Connection, id: number, op: (s: Session) => Promise<OpResult>): void {
  const s = conn.session;
  if (conn.state !== 'logged-in' || !s) return notLoggedIn(ctx, conn, id);
  void ctx.inflight.track(async () => {
    const r = await op(s);
    if (conn.open) reply(ctx, conn, id, r);
  });
}

function notLoggedIn(ctx: EdgeContext, conn: Connection, id: number): void {
  ctx.deps.metrics.wsProtocolErrors.inc({ code: String(Err.NOT_LOGGED_IN) });
  reply(ctx, conn, id, { c: Err.NOT_LOGGED_IN, m: 'log in first' });
}

function startLogin(ctx: EdgeContext, conn: Connection, frame: Extract<ClientFrame, { op: typeof Op.LOGIN }>): void {
  if (conn.state === 'logged-in') return reply(ctx, conn, frame.id, { c: Err.ALREADY_LOGGED_IN, m: 'this connection is already logged in' });
  if (conn.state === 'logging-in') return reply(ctx, conn, frame.id, { c: Err.ALREADY_LOGGED_IN, m: 'a login is already in progress' });
  conn.state = 'logging-in';
  void ctx.inflight.track(async () => {
    const { metrics } = ctx.deps;
    const r = await login(ctx, conn, frame.d).catch(errorResult);
    if (r.c === Err.OK) await subscribeJoinedGroups(ctx, conn);
    metrics.logins.inc({ result: r.c === Err.OK ? 'ok' : String(r.c) });
    if (!conn.open) return;
    if (r.c === Err.OK) {
      conn.state = 'logged-in';
      conn.loggedInAt = ctx.deps.clock.nowMs();
      metrics.wsConnections.inc({ state: 'logged-in' });
      conn.loginTimer?.cancel();
      conn.loginTimer = undefined; // an idle socket should not keep a dead timer alive
    } else {
      conn.state = 'awaiting-login';
    }
    reply(ctx, conn, frame.id, r);
    if (r.c !== Err.OK && conn.loginOverdue) {
      conn.loginTimer?.cancel();
      closeLoginTimeout(ctx, conn);
    }
  });
}
