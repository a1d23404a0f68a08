// startEdge: one uWS App on config host/port serving /ws, /v4/*, /metrics, /healthz, /readyz.
// Lifecycle: heartbeat presence (edgeAlive) before accepting, so routes of this edge count at once;
// drain() stops accepting, tells every client to reconnect elsewhere (DRAIN), waits up to
// limits.drainMs for in-flight requests, closes the sockets and drops this edge's routes.
import { randomId } from '../lib/ids.js';
import type { TimerHandle } from '../lib/clock.js';
import { CloseCode } from '../protocol/close-codes.js';
import { encodeServerFrame } from '../protocol/codec.js';
import { Op } from '../protocol/ops.js';
import { sessionAddr } from '../sessions/session-messages.js';
import type { Connection } from './connection.js';
import type { EdgeContext, EdgeDeps } from './context.js';
import { subscribeDeliveries } from './delivery.js';
import { Hub } from './hub.js';
import { httpRoutes } from './http.js';
import { Inflight } from './inflight.js';
import { checkEdgeLimits } from './limits-check.js';
import { BACKPRESSURE_CLOSE_HEADROOM, Outbox } from './outbox.js';
import { EdgeRooms } from './rooms.js';
import { RoomJoinBatcher } from './room-join-batch.js';
import { RoomOnlineReporter } from './room-online-report.js';
import { loadUws, type us_listen_socket, type us_socket } from './uws.js';
import { wsBehavior } from './ws-handlers.js';

export type { EdgeDeps } from './context.js';

/** edgeAlive is refreshed this many times per presence TTL, so one slow refresh is harmless. */
export const EDGE_ALIVE_PER_TTL = 3;

export interface Edge {
  readonly edgeId: string;
  /** The bound port (config port 0 picks a free one). */
  readonly port: number;
  connectionCount(): number;
  /** /readyz answers 200 only when ready and not draining. */
  setReady(ready: boolean): void;
  /** Graceful stop; idempotent (every call returns the same promise). */
  drain(): Promise<void>;
}

export async function startEdge(deps: EdgeDeps): Promise<Edge> {
  const uws = loadUws();
  const { config, presence, actors, clock, metrics } = deps;
  const { limits } = config;
  checkEdgeLimits(limits);
  const edgeId = deps.edgeId ?? config.nodeId;
  const log = deps.log.child({ edgeId });
  const bootId = randomId(4);
  let seq = 0;
  const app = uws.App();

  const ctx: EdgeContext = {
    deps,
    edgeId,
    limits,
    log,
    hub: new Hub(metrics),
    outbox: new Outbox(metrics, limits.maxBackpressureBytes),
    inflight: new Inflight(),
    rooms: new EdgeRooms({
      bus: deps.bus,
      metrics,
      log,
      clock,
      publish: (topic, frame) => void app.publish(topic, frame, true, false),
      skipAboveBytes: limits.maxBackpressureBytes + BACKPRESSURE_CLOSE_HEADROOM,
    }),
    roomJoins: new RoomJoinBatcher(actors, limits.askTimeoutMs, metrics),
    draining: false,
    ready: deps.startReady ?? true,
    newConnId: () => `${bootId}${(++seq).toString(36)}.${randomId(4)}`,
    detach(conn: Connection) {
      const s = conn.session;
      if (!s) return;
      conn.session = undefined;
      presence.detach(s.sdkAppId, s.userId, conn.connId).catch((err: unknown) => log.warn('presence detach failed', { err }));
      actors.tell(sessionAddr(s.sdkAppId, s.userId), { t: 'detach', connId: conn.connId, reason: conn.detachReason ?? 'close' });
    },
  };

  await presence.edgeAlive(edgeId, config.presenceTtlMs);
  let aliveTimer: TimerHandle | undefined;
  const keepAlive = () => {
    aliveTimer = clock.setTimer(Math.max(1, Math.floor(config.presenceTtlMs / EDGE_ALIVE_PER_TTL)), () => {
      presence.edgeAlive(edgeId, config.presenceTtlMs).catch((err: unknown) => log.warn('edge heartbeat failed', { err }));
      if (!ctx.draining) keepAlive();
    });
  };
  keepAlive();
  const deliveries = subscribeDeliveries(ctx);
  const online = deps.roomOnline ? new RoomOnlineReporter({ online: deps.roomOnline, rooms: ctx.rooms, edgeId, clock, log }) : undefined;
  online?.start();

  app.ws('/ws', wsBehavior(ctx, uws));
  httpRoutes(ctx, app);
  let listenSocket: us_listen_socket;
  try {
    listenSocket = await new Promise<us_listen_socket>((resolve, reject) => {
      app.listen(config.host, config.port, (ls) => (ls ? resolve(ls) : reject(new Error(`edge cannot listen on ${config.host}:${config.port}`))));
    });
  } catch (e) {
    aliveTimer?.cancel();
    deliveries.unsubscribe();
    ctx.rooms.close();
    await online?.stop();
    throw e;
  }
  const port = uws.us_socket_local_port(listenSocket as unknown as us_socket);
  log.info('edge listening', { host: config.host, port });

  let drained: Promise<void> | undefined;
  const drain = async (): Promise<void> => {
    ctx.draining = true;
    uws.us_listen_socket_close(listenSocket);
    const notice = encodeServerFrame({ op: Op.DRAIN, m: 'server draining, reconnect', d: { retryWithinMs: limits.drainMs } });
    for (const conn of ctx.hub.all()) ctx.outbox.send(conn, notice);
    if (!(await ctx.inflight.idle(clock, limits.drainMs))) log.warn('drain deadline passed with requests in flight', { inflight: ctx.inflight.size });
    for (const conn of ctx.hub.all()) ctx.outbox.close(conn, CloseCode.SERVER_DRAINING, 'server draining');
    aliveTimer?.cancel();
    deliveries.unsubscribe();
    ctx.rooms.close();
    await online?.stop();
    await presence.dropEdge(edgeId).catch((err: unknown) => log.warn('presence dropEdge failed', { err }));
    log.info('edge drained');
  };

  return {
    edgeId,
    port,
    connectionCount: () => ctx.hub.size,
    setReady: (ready) => void (ctx.ready = ready),
    drain: () => (drained ??= drain()),
  };
}
