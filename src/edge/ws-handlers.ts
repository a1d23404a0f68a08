// The uWS WebSocket behavior of /ws. Gotchas handled here: the upgrade request object is valid
// only inside the callback (headers and the address are copied at once), the message ArrayBuffer
// is neutered when the callback returns (copied before anything async), and uWS aborts frames above
// its own hard limit without a close frame, so frames above limits.maxFrameBytes are refused here
// first, with a proper 1009 close.
import type { WebSocketBehavior } from '@trufflesuite/uws-js-unofficial';
import { CloseCode } from '../protocol/close-codes.js';
import { Err } from '../protocol/error-codes.js';
import { Op } from '../protocol/ops.js';
import { encodeServerFrame } from '../protocol/codec.js';
import { Connection, type SocketData } from './connection.js';
import type { EdgeContext } from './context.js';
import { frameHandler } from './dispatch.js';
import { closeLoginTimeout } from './login.js';
import { BACKPRESSURE_CLOSE_HEADROOM } from './outbox.js';
import type { Uws } from './uws.js';

/** uWS itself drops (no close frame) frames above maxFrameBytes * this; between the two limits
 *  the edge closes cleanly with 1009. */
export const UWS_HARD_FRAME_FACTOR = 4;

// uWS close messages for the cases it closes by itself.
const UWS_TOO_BIG = 'Received too big message';
const UWS_TIMED_OUT = 'WebSocket timed out from inactivity';

const text = new TextDecoder();

/** Printable remote address; uWS prints IPv4-mapped IPv6 in full hex. */
export function clientIpOf(raw: ArrayBuffer): string {
  const ip = text.decode(raw);
  const mapped = /^0000:0000:0000:0000:0000:ffff:([0-9a-f]{2})([0-9a-f]{2}):([0-9a-f]{2})([0-9a-f]{2})$/i.exec(ip);
  return mapped ? mapped.slice(1).map((h) => parseInt(h, 16)).join('.') : ip;
}

export function wsBehavior(ctx: EdgeContext, uws: Uws): WebSocketBehavior<SocketData> {
  const { limits } = ctx;
  const { metrics, clock } = ctx.deps;
  const handleFrame = frameHandler(ctx);
  return {
    maxPayloadLength: limits.maxFrameBytes * UWS_HARD_FRAME_FACTOR,
    maxBackpressure: limits.maxBackpressureBytes + BACKPRESSURE_CLOSE_HEADROOM,
    closeOnBackpressureLimit: 0, // the outbox closes with CloseCode.BACKPRESSURE instead
    idleTimeout: limits.idleTimeoutSec,
    sendPingsAutomatically: false, // liveness is the client's HEARTBEAT, as in Tencent's SDK
    compression: uws.DISABLED,

    upgrade(res, req, context) {
      const key = req.getHeader('sec-websocket-key');
      const protocol = req.getHeader('sec-websocket-protocol');
      const extensions = req.getHeader('sec-websocket-extensions');
      if (ctx.draining) {
        res.writeStatus('503 Service Unavailable').end('draining');
        return;
      }
      const conn = new Connection(ctx.newConnId(), clientIpOf(res.getRemoteAddressAsText()));
      res.upgrade<SocketData>({ conn }, key, protocol, extensions, context);
    },

    open(ws) {
      const conn = ws.getUserData().conn;
      conn.ws = ws;
      ctx.hub.add(conn);
      conn.loginTimer = clock.setTimer(limits.loginTimeoutMs, () => {
        if (conn.state === 'awaiting-login') return closeLoginTimeout(ctx, conn);
        if (conn.state !== 'logging-in') return;
        // A login the server is still working on may finish (cutting it only brings the client
        // back with another one, adding load where the server is already slow): if it fails, the
        // socket closes then (dispatch.ts); one more deadline bounds a login that never answers.
        conn.loginOverdue = true;
        conn.loginTimer = clock.setTimer(limits.loginTimeoutMs, () => {
          if (conn.state !== 'logged-in') closeLoginTimeout(ctx, conn);
        });
      });
      if (ctx.draining) {
        ctx.outbox.send(conn, encodeServerFrame({ op: Op.DRAIN, m: 'server draining', d: { retryWithinMs: limits.drainMs } }));
        ctx.outbox.close(conn, CloseCode.SERVER_DRAINING, 'server draining');
      }
    },

    message(ws, message, isBinary) {
      const conn = ws.getUserData().conn;
      if (!conn.open) return;
      if (message.byteLength > limits.maxFrameBytes) {
        metrics.wsFrameTooLarge.inc();
        ctx.outbox.close(conn, CloseCode.FRAME_TOO_LARGE, 'frame too large');
        return;
      }
      if (!isBinary) {
        metrics.wsProtocolErrors.inc({ code: String(Err.BAD_FRAME) });
        ctx.outbox.send(conn, encodeServerFrame({ op: Op.ERROR, c: Err.BAD_FRAME, m: 'frames must be binary MessagePack' }));
        return;
      }
      handleFrame(conn, new Uint8Array(message.slice(0)));
    },

    close(ws, _code, message) {
      const conn = ws.getUserData().conn;
      const why = text.decode(message);
      if (why === UWS_TOO_BIG) metrics.wsFrameTooLarge.inc();
      if (why === UWS_TIMED_OUT) {
        metrics.wsIdleTimeouts.inc();
        conn.detachReason ??= 'timeout';
      }
      if (conn.loggedInAt !== undefined) metrics.wsConnections.dec({ state: 'logged-in' });
      conn.state = 'closed';
      conn.ws = undefined;
      conn.loginTimer?.cancel();
      ctx.hub.remove(conn);
      ctx.rooms.leaveAll(conn);
      ctx.detach(conn);
    },
  };
}
