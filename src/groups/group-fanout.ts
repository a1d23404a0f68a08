// GroupFanout over the bus and presence (docs/groups.md "Delivery"). toMembers: the frame encoded
// once and published once on the group's room subject; every edge with subscribed sockets gets it
// and writes it with one uWS topic publish. toUsers: presence routes, then one EdgeMsg push per
// edge (as C2C pushes). subscribe: presence routes, then one EdgeMsg subscribe per edge so those
// users' sockets join or leave the group's fan-out. closeRoom: one publish on the room subject
// after which every edge drops all its sockets from the group (dismiss). Fire and forget: a
// device that misses a frame catches up by sync, so failures are logged, never retried; no call
// throws for a bus hiccup.
import type { Bus } from '../bus/bus.js';
import { subjects } from '../bus/subjects.js';
import { encodeEdgeMsg, encodeRoomMsg, type EdgeMsg } from '../edge/edge-messages.js';
import type { Logger } from '../lib/log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Presence, Route } from '../presence/presence.js';
import { encodeServerFrame } from '../protocol/codec.js';
import type { GroupFanout } from './group-context.js';

/** Users per presence lookup (one round trip each), so a 6,000-member change is a few calls. */
export const FANOUT_ROUTES_BATCH = 1_000;

export interface GroupFanoutDeps {
  bus: Bus;
  presence: Presence;
  log: Logger;
  metrics?: Metrics;
}

export function createGroupFanout(deps: GroupFanoutDeps, sdkAppId: number, groupId: string): GroupFanout {
  const subject = subjects.room(sdkAppId, groupId);
  const log = deps.log;
  return {
    toMembers(frame, opts) {
      try {
        deps.bus.publish(subject, encodeRoomMsg({ frame: encodeServerFrame(frame), ...(opts?.skipConnId ? { skipConnId: opts.skipConnId } : {}) }));
      } catch (err) {
        log.warn('group frame not published', { groupId, err });
      }
    },
    async toUsers(userIds, frame, opts) {
      const byEdge = await connsByEdge(deps, sdkAppId, userIds, opts?.skipConnId);
      if (byEdge.size === 0) return;
      const bytes = encodeServerFrame(frame);
      for (const [edgeId, connIds] of byEdge) publish(deps, edgeId, { t: 'push', connIds, frame: bytes });
    },
    async subscribe(userIds, on) {
      const byEdge = await connsByEdge(deps, sdkAppId, userIds);
      for (const [edgeId, connIds] of byEdge) publish(deps, edgeId, { t: 'subscribe', connIds, sdkAppId, groupId, on });
    },
    closeRoom(frame) {
      try {
        deps.bus.publish(subject, encodeRoomMsg({ frame: frame ? encodeServerFrame(frame) : new Uint8Array(0), close: true }));
      } catch (err) {
        log.warn('group close not published', { groupId, err });
      }
    },
  };
}

async function connsByEdge(deps: GroupFanoutDeps, sdkAppId: number, userIds: readonly string[], skipConnId?: string): Promise<Map<string, string[]>> {
  const byEdge = new Map<string, string[]>();
  const unique = [...new Set(userIds)];
  for (let i = 0; i < unique.length; i += FANOUT_ROUTES_BATCH) {
    let routes: Map<string, Route[]>;
    try {
      routes = await deps.presence.routesOf(sdkAppId, unique.slice(i, i + FANOUT_ROUTES_BATCH));
    } catch (err) {
      deps.log.warn('group fan-out: presence lookup failed', { err });
      continue;
    }
    for (const list of routes.values()) {
      for (const r of list) {
        if (r.connId === skipConnId) continue;
        const conns = byEdge.get(r.edgeId);
        if (conns) conns.push(r.connId);
        else byEdge.set(r.edgeId, [r.connId]);
      }
    }
  }
  return byEdge;
}

function publish(deps: GroupFanoutDeps, edgeId: string, msg: EdgeMsg): void {
  try {
    deps.bus.publish(subjects.edge(edgeId), encodeEdgeMsg(msg));
  } catch (err) {
    deps.log.warn('group fan-out not sent', { edgeId, t: msg.t, err });
  }
}
