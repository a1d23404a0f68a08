// Delivers one C2C message (or recall notice) to the online devices of the given users: the C2C_MSG frame is encoded
// once, then one EdgeMsg push per edge holding any of their connections (presence.routesOf), the
// sending device left out (it has the ack). A device that is offline or misses the push catches up
// with C2C_SYNC, so a failed push is logged, never retried. pushC2cMessages returns the routes it
// read, so the offline pusher can reuse them instead of asking presence again.
import type { Bus } from '../bus/bus.js';
import { subjects } from '../bus/subjects.js';
import { encodeEdgeMsg } from '../edge/edge-messages.js';
import type { Logger } from '../lib/log.js';
import type { Presence, Route } from '../presence/presence.js';
import type { C2cMessageInfo } from '../protocol/c2c-frames.js';
import type { ServerFrame } from '../protocol/frames.js';
import { encodeServerFrame } from '../protocol/codec.js';
import { Op } from '../protocol/ops.js';

export interface C2cPushDeps {
  presence: Presence;
  bus: Bus;
  log: Logger;
}

/** One message for some users' devices, the sending device left out. */
export interface C2cPushItem {
  userIds: readonly string[];
  msg: C2cMessageInfo;
  skipConnId?: string;
}

/** Several messages in order, with one presence lookup for all of them; returns the routes read
 *  (undefined when the lookup failed). */
export async function pushC2cMessages(deps: C2cPushDeps, sdkAppId: number, items: readonly C2cPushItem[]): Promise<Map<string, Route[]> | undefined> {
  const routes = await routesOf(deps, sdkAppId, [...new Set(items.flatMap((i) => i.userIds))]);
  if (!routes) return undefined;
  for (const i of items) send(deps, routes, i.userIds, { op: Op.C2C_MSG, d: { msg: i.msg } }, i.skipConnId);
  return routes;
}

export async function pushC2cFrame(deps: C2cPushDeps, sdkAppId: number, userIds: readonly string[], push: ServerFrame, skipConnId?: string): Promise<void> {
  const routes = await routesOf(deps, sdkAppId, userIds);
  if (routes) send(deps, routes, userIds, push, skipConnId);
}

async function routesOf(deps: C2cPushDeps, sdkAppId: number, userIds: readonly string[]): Promise<Map<string, Route[]> | undefined> {
  try {
    return await deps.presence.routesOf(sdkAppId, userIds);
  } catch (e) {
    deps.log.warn('c2c push: presence lookup failed', { err: e });
    return undefined;
  }
}

function send(deps: C2cPushDeps, routes: Map<string, Route[]>, userIds: readonly string[], push: ServerFrame, skipConnId?: string): void {
  const byEdge = new Map<string, string[]>();
  for (const u of userIds) {
    for (const r of routes.get(u) ?? []) {
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
