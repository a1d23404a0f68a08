// Delivers new change-log entries to a user's online devices: one SOCIAL_CHANGES frame, encoded
// once, then one EdgeMsg push per edge holding the user's connections (presence.routesOf). A
// device that is offline or misses the push catches up with SOCIAL_SYNC, so a failed push is
// logged, never retried.
import type { Bus } from '../bus/bus.js';
import { subjects } from '../bus/subjects.js';
import { encodeEdgeMsg } from '../edge/edge-messages.js';
import type { Logger } from '../lib/log.js';
import type { Presence } from '../presence/presence.js';
import { encodeServerFrame } from '../protocol/codec.js';
import { Op } from '../protocol/ops.js';
import type { SocialChange } from '../store/index.js';

export interface PushDeps {
  presence: Presence;
  bus: Bus;
  log: Logger;
}

export async function pushChanges(deps: PushDeps, sdkAppId: number, userId: string, changes: readonly SocialChange[]): Promise<void> {
  if (changes.length === 0) return;
  let routes;
  try {
    routes = (await deps.presence.routesOf(sdkAppId, [userId])).get(userId) ?? [];
  } catch (e) {
    deps.log.warn('social push: presence lookup failed', { err: e });
    return;
  }
  if (routes.length === 0) return;
  const frame = encodeServerFrame({ op: Op.SOCIAL_CHANGES, d: { changes: changes.map((c) => ({ seq: c.seq, kind: c.kind, time: c.time, data: c.data })) } });
  const byEdge = new Map<string, string[]>();
  for (const r of routes) byEdge.set(r.edgeId, [...(byEdge.get(r.edgeId) ?? []), r.connId]);
  for (const [edgeId, connIds] of byEdge) {
    try {
      deps.bus.publish(subjects.edge(edgeId), encodeEdgeMsg({ t: 'push', connIds, frame }));
    } catch (e) {
      deps.log.warn('social push not sent', { edgeId, err: e });
    }
  }
}
