// The session actor: one per user (id `${sdkAppId}:${userId}`), owner of the user's attached
// devices. It applies the app's login policy on attach, kicks the losers through their edges
// (EdgeMsg kick on subjects.edge) and fires State.StateChange webhooks. State is the device list;
// onActivate rebuilds it from presence, so after a worker failover the new owner knows the devices.
// Gotcha: presence calls are awaited inside turns (presence is a port, not an actor: rule B5.2).
import type { Actor, ActorContext, ActorKind } from '../actors/actor.js';
import type { AppDirectory } from '../apps/app-directory.js';
import type { Bus } from '../bus/bus.js';
import { subjects } from '../bus/subjects.js';
import { encodeEdgeMsg } from '../edge/edge-messages.js';
import type { Clock } from '../lib/clock.js';
import { assertNever, ImError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Presence } from '../presence/presence.js';
import { Err } from '../protocol/error-codes.js';
import { KickReason, type KickReasonValue } from '../protocol/frames.js';
import { Callback } from '../webhooks/commands.js';
import type { Webhooks } from '../webhooks/webhooks.js';
import { devicesToKick } from './login-policy.js';
import { SESSION_KIND, type AttachReply, type DeviceInfo, type SessionMsg } from './session-messages.js';
import { detachEvent, loginEvent, statePlatform } from './state-webhook.js';

export interface SessionDeps {
  presence: Presence;
  bus: Bus;
  webhooks: Webhooks;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  apps: AppDirectory;
}

/** Splits `${sdkAppId}:${userId}`; the user id may itself contain ':'. */
export function parseSessionId(id: string): { sdkAppId: number; userId: string } {
  const at = id.indexOf(':');
  const sdkAppId = Number(id.slice(0, at));
  const userId = id.slice(at + 1);
  if (at <= 0 || !Number.isInteger(sdkAppId) || sdkAppId <= 0 || !userId) throw new ImError(Err.INVALID_PARAMETERS, `bad session id ${JSON.stringify(id)}`);
  return { sdkAppId, userId };
}

class SessionActor implements Actor<SessionMsg> {
  private devices: DeviceInfo[] = [];
  private readonly sdkAppId: number;
  private readonly userId: string;

  constructor(
    id: string,
    private readonly deps: SessionDeps,
    private readonly ctx: ActorContext<SessionMsg>,
  ) {
    ({ sdkAppId: this.sdkAppId, userId: this.userId } = parseSessionId(id));
  }

  async onActivate(): Promise<void> {
    const routes = await this.deps.presence.routesOf(this.sdkAppId, [this.userId]);
    this.devices = (routes.get(this.userId) ?? []).map(({ connId, edgeId, platform, deviceId, since }) => ({ connId, edgeId, platform, deviceId, since }));
  }

  async handle(msg: SessionMsg): Promise<unknown> {
    switch (msg.t) {
      case 'attach':
        return this.attach(msg.device, msg.clientIp);
      case 'detach':
        return this.detach(msg.connId, msg.reason);
      case 'kickAll':
        return this.kickAll(msg.reason);
      case 'devices':
        return this.devices.map((d) => ({ ...d }));
      default:
        return assertNever(msg, 'session message');
    }
  }

  private async attach(device: DeviceInfo, clientIp?: string): Promise<AttachReply> {
    const known = this.devices.some((d) => d.connId === device.connId);
    const policy = this.deps.apps.get(this.sdkAppId)?.loginPolicy ?? 'multi';
    const kicked = devicesToKick(policy, this.devices, device);
    await this.kick(kicked, KickReason.ANOTHER_DEVICE);
    this.devices = [...this.devices.filter((d) => d.connId !== device.connId && !kicked.includes(d)), device];
    if (!known) {
      this.deps.webhooks.after(this.sdkAppId, Callback.StateChange, loginEvent(this.userId, kicked, this.deps.clock.nowMs()), {
        ...(clientIp ? { clientIp } : {}),
        optPlatform: statePlatform(device.platform),
      });
    }
    return { kicked };
  }

  private detach(connId: string, reason: Extract<SessionMsg, { t: 'detach' }>['reason']): void {
    const device = this.devices.find((d) => d.connId === connId);
    if (!device) return; // already kicked or detached: detach is idempotent
    this.devices = this.devices.filter((d) => d !== device);
    this.deps.webhooks.after(this.sdkAppId, Callback.StateChange, detachEvent(this.userId, reason, this.deps.clock.nowMs()), {
      optPlatform: statePlatform(device.platform),
    });
  }

  /** reason is a KickReason value (REST kick: admin, account_delete: deleted); anything else is
   *  reported as admin, so clients and metric labels only ever see the documented values. */
  private async kickAll(reason: string): Promise<number> {
    const all = this.devices;
    this.devices = [];
    await this.kick(all, reason === KickReason.ACCOUNT_DELETED ? KickReason.ACCOUNT_DELETED : KickReason.ADMIN);
    for (const d of all) {
      this.deps.webhooks.after(this.sdkAppId, Callback.StateChange, detachEvent(this.userId, 'kicked', this.deps.clock.nowMs()), {
        optPlatform: statePlatform(d.platform),
      });
    }
    return all.length;
  }

  /** One kick message per edge, then the routes are removed so the devices stop counting at once. */
  private async kick(devices: readonly DeviceInfo[], reason: KickReasonValue): Promise<void> {
    if (devices.length === 0) return;
    const byEdge = new Map<string, string[]>();
    for (const d of devices) byEdge.set(d.edgeId, [...(byEdge.get(d.edgeId) ?? []), d.connId]);
    for (const [edgeId, connIds] of byEdge) {
      this.deps.bus.publish(subjects.edge(edgeId), encodeEdgeMsg({ t: 'kick', connIds, code: Err.KICKED_BY_OTHER_DEVICE, reason }));
    }
    this.deps.metrics.kicks.inc({ reason: reason === KickReason.ANOTHER_DEVICE ? 'login-policy' : reason }, devices.length);
    const results = await Promise.allSettled(devices.map((d) => this.deps.presence.detach(this.sdkAppId, this.userId, d.connId)));
    for (const r of results) if (r.status === 'rejected') this.ctx.log.warn('presence detach of a kicked device failed', { err: r.reason });
  }
}

export function sessionKind(deps: SessionDeps): ActorKind<SessionMsg> {
  return { kind: SESSION_KIND, create: (id, ctx) => new SessionActor(id, deps, ctx) };
}
