// In-process presence for a single node; see the Presence interface for the contract. Time comes
// from the injected Clock, so tests drive TTLs with a FakeClock. Routes of an edge whose liveness
// lapsed stop counting at once and are deleted by the next edgeAlive (lazy, as in the Redis
// version); expired PushOnline entries are deleted when read.

import type { Clock } from '../lib/clock.js';
import type { Presence, Route, UserOnlineState } from './presence.js';
import {
  assertAppId,
  assertId,
  assertRoute,
  assertTtl,
  assertUserIds,
  composeOnlineState,
  pickRoute,
  PresenceClosedError,
  PUSH_ONLINE_TTL_MS,
  sortRoutes,
  unique,
  type PushDevice,
} from './presence-rules.js';

interface UserEntry {
  readonly routes: Map<string, Route>; // by connId
  readonly push: Map<string, PushDevice>; // by deviceId
}

interface ConnRef {
  sdkAppId: number;
  userId: string;
  connId: string;
}

export class MemoryPresence implements Presence {
  private readonly apps = new Map<number, Map<string, UserEntry>>();
  /** Liveness deadline (unix ms) per edge. */
  private readonly edgeDeadline = new Map<string, number>();
  /** Per-edge index of its connections, so dropEdge and sweeps need no scan of every user. */
  private readonly edgeConns = new Map<string, Map<string, ConnRef>>();
  private closed = false;

  constructor(private readonly clock: Clock) {}

  async attach(route: Route): Promise<void> {
    this.open();
    assertRoute(route);
    const r = pickRoute(route);
    const user = this.user(r.sdkAppId, r.userId, true)!;
    const previous = user.routes.get(r.connId);
    if (previous) this.unindex(previous);
    user.routes.set(r.connId, r);
    user.push.delete(r.deviceId);
    let conns = this.edgeConns.get(r.edgeId);
    if (!conns) this.edgeConns.set(r.edgeId, (conns = new Map()));
    conns.set(connKey(r), { sdkAppId: r.sdkAppId, userId: r.userId, connId: r.connId });
  }

  async detach(sdkAppId: number, userId: string, connId: string, opts: { pushOnline?: boolean; pushOnlineTtlMs?: number } = {}): Promise<void> {
    this.open();
    assertAppId(sdkAppId);
    assertId('userId', userId);
    assertId('connId', connId);
    const ttl = opts.pushOnlineTtlMs ?? PUSH_ONLINE_TTL_MS;
    if (opts.pushOnline) assertTtl('pushOnlineTtlMs', ttl);
    const user = this.user(sdkAppId, userId, false);
    const r = user?.routes.get(connId);
    if (!user || !r) return;
    user.routes.delete(connId);
    this.unindex(r);
    if (opts.pushOnline) user.push.set(r.deviceId, { deviceId: r.deviceId, platform: r.platform, until: this.clock.nowMs() + ttl });
    this.forgetIfEmpty(sdkAppId, userId, user);
  }

  async edgeAlive(edgeId: string, ttlMs: number): Promise<void> {
    this.open();
    assertId('edgeId', edgeId);
    assertTtl('ttlMs', ttlMs);
    const now = this.clock.nowMs();
    this.edgeDeadline.set(edgeId, now + ttlMs);
    for (const [edge, deadline] of this.edgeDeadline) {
      if (deadline <= now) this.removeEdge(edge);
    }
  }

  async routesOf(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, Route[]>> {
    this.open();
    assertAppId(sdkAppId);
    assertUserIds(userIds);
    const now = this.clock.nowMs();
    const out = new Map<string, Route[]>();
    for (const userId of unique(userIds)) {
      const live = this.liveRoutes(sdkAppId, userId, now);
      if (live.length > 0) out.set(userId, sortRoutes(live));
    }
    return out;
  }

  async onlineState(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, UserOnlineState>> {
    this.open();
    assertAppId(sdkAppId);
    assertUserIds(userIds);
    const now = this.clock.nowMs();
    const out = new Map<string, UserOnlineState>();
    for (const userId of unique(userIds)) {
      const user = this.user(sdkAppId, userId, false);
      if (user) {
        for (const [deviceId, p] of user.push) if (p.until <= now) user.push.delete(deviceId);
        this.forgetIfEmpty(sdkAppId, userId, user);
      }
      out.set(userId, composeOnlineState(this.liveRoutes(sdkAppId, userId, now), [...(user?.push.values() ?? [])], now));
    }
    return out;
  }

  async dropEdge(edgeId: string): Promise<void> {
    this.open();
    assertId('edgeId', edgeId);
    this.removeEdge(edgeId);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private liveRoutes(sdkAppId: number, userId: string, now: number): Route[] {
    const user = this.user(sdkAppId, userId, false);
    if (!user) return [];
    return [...user.routes.values()].filter((r) => (this.edgeDeadline.get(r.edgeId) ?? 0) > now);
  }

  private removeEdge(edgeId: string): void {
    this.edgeDeadline.delete(edgeId);
    const conns = this.edgeConns.get(edgeId);
    this.edgeConns.delete(edgeId);
    for (const c of conns?.values() ?? []) {
      const user = this.user(c.sdkAppId, c.userId, false);
      if (user?.routes.get(c.connId)?.edgeId !== edgeId) continue;
      user.routes.delete(c.connId);
      this.forgetIfEmpty(c.sdkAppId, c.userId, user);
    }
  }

  private unindex(r: Route): void {
    const conns = this.edgeConns.get(r.edgeId);
    conns?.delete(connKey(r));
    if (conns?.size === 0 && !this.edgeDeadline.has(r.edgeId)) this.edgeConns.delete(r.edgeId);
  }

  private user(sdkAppId: number, userId: string, create: boolean): UserEntry | undefined {
    let users = this.apps.get(sdkAppId);
    if (!users) {
      if (!create) return undefined;
      this.apps.set(sdkAppId, (users = new Map()));
    }
    let user = users.get(userId);
    if (!user && create) users.set(userId, (user = { routes: new Map(), push: new Map() }));
    return user;
  }

  private forgetIfEmpty(sdkAppId: number, userId: string, user: UserEntry): void {
    if (user.routes.size > 0 || user.push.size > 0) return;
    const users = this.apps.get(sdkAppId);
    users?.delete(userId);
    if (users?.size === 0) this.apps.delete(sdkAppId);
  }

  private open(): void {
    if (this.closed) throw new PresenceClosedError();
  }
}

const connKey = (c: ConnRef): string => JSON.stringify([c.sdkAppId, c.userId, c.connId]);
