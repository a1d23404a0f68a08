// Delivers one C2C message (or recall notice) to the online devices of the given users: the C2C_MSG frame is encoded
// once, then one EdgeMsg push per edge holding any of their connections (presence.routesOf), the
// sending device left out (it has the ack). A device that is offline or misses the push catches up
// with C2C_SYNC, so a failed push is logged, never retried.
import type { Bus } from '../bus/bus.js';
import { subjects } from '../bus/subjects.js';
import { encodeEdgeMsg } from '../edge/edge-messages.js';
import type { Logger } from '../lib/log.js';
import type { Presence } from '../presence/presence.js';
import type { C2cMessageInfo } from '../protocol/c2c-frames.js';
import type { ServerFrame } from '../protocol/frames.js';
import { encodeServerFrame } from '../protocol/codec.js';
import { Op } from '../protocol/ops.js';

export interface C2cPushDeps {
  presence: Presence;
  bus: Bus;
  log: Logger;
}

export const pushC2cMessage = (deps: C2cPushDeps, sdkAppId: number, userIds: readonly string[], msg: C2cMessageInfo, skipConnId?: string): Promise<void> =>
  pushC2cFrame(deps, sdkAppId, userIds, { op: Op.C2C_MSG, d: { msg } }, skipConnId);

export async function pushC2cFrame(deps: C2cPushDeps, sdkAppId: number, userIds: readonly string[], push: ServerFrame, skipConnId?: string): Promise<void> {
  let routes;
  try {
    routes = await deps.presence.routesOf(sdkAppId, userIds);
  } catch (e) {
    deps.log.warn('c2c push: presence lookup failed', { err: e });
    return;
  }
  const byEdge = new Map<string, string[]>();
  for (const list of routes.values()) {
    for (const r of list) {
      if (r.connId === skipConnId) continue;
      const conns = byEdge.get(r.edgeId);
      if (conns) conns.push(r.connId);
      else byEdge.set(r.edgeId, [r.connId]);
    }
  }
  if (byEdge.size === 0) return;
  const frame = encodeServerFrame(push);
  for (const [edgeId, connIds] of byEdge) {
    try {
      deps.bus.publish(subjects.edge(edgeId), encodeEdgeMsg({ t: 'push', connIds, frame }));
    } catch (e) {
      deps.log.warn('c2c push not sent', { edgeId, err: e });
    }
  }
}
