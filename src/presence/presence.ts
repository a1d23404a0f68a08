// The presence port: where each user's devices are connected (user -> edge routes) and their
// online state. Speaks the domain, not a vendor's verbs. Routes live only while their edge keeps
// heartbeating: when an edge dies without cleaning up, its routes stop counting after the TTL
// (a crashed edge never leaves users "Online" forever).
// Implementations: memory.ts (one process), redis.ts. Contract: test/contract/presence.contract.ts.

import type { Platform } from '../sessions/login-policy.js';

export interface Route {
  sdkAppId: number;
  userId: string;
  /** Unique per socket across the cluster. */
  connId: string;
  edgeId: string;
  platform: Platform;
  deviceId: string;
  since: number; // unix ms
}

export type OnlineStatus = 'Online' | 'PushOnline' | 'Offline';

export interface DeviceState {
  platform: Platform;
  deviceId: string;
  status: Exclude<OnlineStatus, 'Offline'>;
}

export interface UserOnlineState {
  status: OnlineStatus;
  devices: DeviceState[];
}

export interface Presence {
  /** Records a live connection. The edge must be heartbeating (see edgeAlive) to count. */
  attach(route: Route): Promise<void>;
  /** Removes a connection. With pushOnline, the device stays reachable by offline push
   *  (PushOnline) for pushOnlineTtlMs. */
  detach(sdkAppId: number, userId: string, connId: string, opts?: { pushOnline?: boolean; pushOnlineTtlMs?: number }): Promise<void>;
  /** Edge liveness heartbeat; routes of an edge count only until ttlMs after its last call. */
  edgeAlive(edgeId: string, ttlMs: number): Promise<void>;
  /** Live routes of each user (users with none are absent). One round trip for the batch. */
  routesOf(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, Route[]>>;
  /** Online / PushOnline / Offline with per-device detail, for every requested user. */
  onlineState(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, UserOnlineState>>;
  /** A graceful edge stop: forget its routes now instead of waiting for the TTL. */
  dropEdge(edgeId: string): Promise<void>;
  close(): Promise<void>;
}
