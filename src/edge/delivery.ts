// The edge's inbox on the bus (subjects.edge(edgeId)): `push` writes pre-encoded frames to local
// sockets, `kick` sends KICKED and closes, `subscribe` adds or removes sockets to a group's fan-out
// (edge/rooms.ts; an unsubscribe also ends a live-room join). Unknown connIds are skipped
// silently: the socket closed in the meantime, which is normal. Every write goes through the
// outbox (backpressure).
import type { Subscription } from '../bus/bus.js';
import { subjects } from '../bus/subjects.js';
import { CloseCode } from '../protocol/close-codes.js';
import { encodeServerFrame } from '../protocol/codec.js';
import { Op } from '../protocol/ops.js';
import type { EdgeContext } from './context.js';
import { decodeEdgeMsg, type EdgeMsg } from './edge-messages.js';

export function handleEdgeMsg(ctx: EdgeContext, msg: EdgeMsg): void {
  switch (msg.t) {
    case 'push':
      for (const id of msg.connIds) {
        const conn = ctx.hub.get(id);
        if (conn?.state === 'logged-in') ctx.outbox.send(conn, msg.frame);
      }
      return;
    case 'kick': {
      const frame = encodeServerFrame({ op: Op.KICKED, c: msg.code, m: msg.reason });
      for (const id of msg.connIds) {
        const conn = ctx.hub.get(id);
        if (!conn?.open) continue;
        ctx.outbox.send(conn, frame);
        conn.detachReason = 'kicked';
        ctx.outbox.close(conn, CloseCode.KICKED, msg.reason);
      }
      return;
    }
    case 'subscribe':
      for (const id of msg.connIds) {
        const conn = ctx.hub.get(id);
        if (!conn) continue;
        if (msg.on) ctx.rooms.join(conn, msg.sdkAppId, msg.groupId, 'member');
        else ctx.rooms.leave(conn, msg.sdkAppId, msg.groupId);
      }
      return;
  }
}

export function subscribeDeliveries(ctx: EdgeContext): Subscription {
  return ctx.deps.bus.subscribe(subjects.edge(ctx.edgeId), (m) => {
    const msg = decodeEdgeMsg(m.data);
    if (!msg) {
      ctx.log.warn('undecodable edge message dropped', { bytes: m.data.byteLength });
      return;
    }
    handleEdgeMsg(ctx, msg);
  });
}
