// What the edge's parts share: the injected dependencies, the connection hub, the outbox and the
// lifecycle flags. Built once per edge by server.ts; no module-level state.
import type { ActorClient } from '../actors/actor.js';
import type { AppDirectory } from '../apps/app-directory.js';
import type { Limits } from '../config/config.js';
import type { Bus } from '../bus/bus.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Presence } from '../presence/presence.js';
import type { RoomOnline } from '../groups/room-online.js';
import type { RestGateway } from '../rest/gateway.js';
import type { Store } from '../store/index.js';
import type { Connection } from './connection.js';
import type { Hub } from './hub.js';
import type { Inflight } from './inflight.js';
import type { Outbox } from './outbox.js';
import type { EdgeRooms } from './rooms.js';
import type { RoomJoinBatcher } from './room-join-batch.js';

/** Result of a request; becomes the REPLY's c/m/d. */
export interface OpResult {
  c: number;
  m: string;
  d?: unknown;
}

export interface EdgeDeps {
  config: {
    host: string;
    port: number;
    /** Doubles as the edge id unless edgeId is given. */
    nodeId: string;
    presenceTtlMs: number;
    limits: Limits;
  };
  edgeId?: string;
  apps: AppDirectory;
  store: Pick<Store, 'accounts' | 'messages' | 'conversations' | 'pushRegistry' | 'groups' | 'joinedGroups' | 'groupMembers' | 'groupTopics'>;
  presence: Presence;
  /** Live-room online counts (get_online_member_num); without it the edge reports none. */
  roomOnline?: RoomOnline;
  bus: Bus;
  actors: ActorClient;
  /** REST v4; without it /v4/* answers 404. */
  rest?: RestGateway;
  metrics: Metrics;
  clock: Clock;
  log: Logger;
  /** Start reporting ready on /readyz (default true); the composition root may wait for shards. */
  startReady?: boolean;
}

export interface EdgeContext {
  readonly deps: EdgeDeps;
  readonly edgeId: string;
  readonly limits: Limits;
  readonly hub: Hub;
  readonly outbox: Outbox;
  readonly inflight: Inflight;
  /** Group subscriptions of this edge's sockets (bus subject + uWS topic per group). */
  readonly rooms: EdgeRooms;
  /** ROOM_JOINs coalesced per live room on their way to the room's actor. */
  readonly roomJoins: RoomJoinBatcher;
  readonly log: Logger;
  draining: boolean;
  ready: boolean;
  newConnId(): string;
  /** Removes a logged-in connection from presence and its session actor, and clears
   *  conn.session so it happens once. */
  detach(conn: Connection): void;
}
