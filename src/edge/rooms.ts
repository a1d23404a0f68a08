// The edge's group subscriptions (docs/groups.md "Delivery"): for each group with at least one
// local subscriber, ONE bus subscription to subjects.room and ONE uWS topic; a room frame from the
// bus is written to every local subscriber by one topic publish (serialized once per edge). The
// last local subscriber gone -> bus unsubscribe. Slow sockets: uWS skips a subscriber whose send
// buffer is above the behavior's maxBackpressure, so a slow client never slows the room; we count
// those skips (wsBackpressureDrops{action="skip"}) by reading the buffers before each publish.
// Big rooms merge their GROUP_MSG frames per tick (room-merge.ts): one frame per client per tick.
// Gotcha: uWS sockets are valid only from open to close, and uWS drops a closed socket's topics by
// itself, so leaveAll (from the close handler) only forgets; ws.publish never reaches its own ws.
import type { Bus, Subscription } from '../bus/bus.js';
import { subjects } from '../bus/subjects.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Connection } from './connection.js';
import { decodeRoomMsg } from './edge-messages.js';
import { mergeableParts, ROOM_MERGE_MIN_SUBSCRIBERS, RoomMerger } from './room-merge.js';

/** Group subscriptions one socket may hold (its joined groups plus live rooms). */
export const MAX_ROOMS_PER_CONN = 6_000;
/** Live rooms (AVChatRoom) one socket may be in at once. */
export const MAX_LIVE_ROOMS_PER_CONN = 10;

export type RoomKind = 'member' | 'live';
export type JoinOutcome = 'joined' | 'already' | 'limit' | 'closed';

export interface EdgeRoomsDeps {
  bus: Bus;
  metrics: Metrics;
  log: Logger;
  clock: Clock;
  /** uWS app.publish: the frame to every socket subscribed to topic. */
  publish(topic: string, frame: Uint8Array): void;
  /** The uWS behavior's maxBackpressure: uWS skips sockets buffering more than this. */
  skipAboveBytes: number;
}

interface Room {
  readonly sdkAppId: number;
  readonly groupId: string;
  /** The room subject, also the uWS topic name. */
  readonly topic: string;
  readonly conns: Set<Connection>;
  readonly sub: Subscription;
  merger?: RoomMerger;
  /** Local live-room sockets with their user, and sockets per user: the room's online count on
   *  this edge is the number of distinct users (a viewer with two devices counts once). */
  readonly liveConns: Map<Connection, string>;
  readonly liveUsers: Map<string, number>;
}

export class EdgeRooms {
  private readonly rooms = new Map<string, Room>();
  /** Per socket: its rooms by topic, with how it got there. */
  private readonly ofConn = new Map<Connection, Map<string, RoomKind>>();

  constructor(private readonly deps: EdgeRoomsDeps) {}

  /** Groups with local subscribers. */
  get size(): number {
    return this.rooms.size;
  }

  /** Subscribes a logged-in (or logging-in) socket of sdkAppId to the group. Idempotent; a live
   *  join of a socket already in as a member keeps it in as a member. */
  join(conn: Connection, sdkAppId: number, groupId: string, kind: RoomKind): JoinOutcome {
    const ws = conn.ws;
    if (!ws || !conn.open || conn.session?.sdkAppId !== sdkAppId) return 'closed';
    const topic = subjects.room(sdkAppId, groupId);
    let mine = this.ofConn.get(conn);
    if (mine?.has(topic)) {
      if (kind === 'member' && mine.get(topic) === 'live') {
        mine.set(topic, 'member'); // a live-room socket that became a member stays after a ROOM_LEAVE
        removeLive(this.rooms.get(topic)!, conn);
      }
      return 'already';
    }
    if ((mine?.size ?? 0) >= MAX_ROOMS_PER_CONN) return this.limit('rooms_per_conn');
    if (kind === 'live' && mine && countLive(mine) >= MAX_LIVE_ROOMS_PER_CONN) return this.limit('live_rooms');
    const room = this.rooms.get(topic) ?? this.open(sdkAppId, groupId, topic);
    room.conns.add(conn);
    if (kind === 'live') addLive(room, conn, conn.session.userId);
    ws.subscribe(topic);
    if (!mine) this.ofConn.set(conn, (mine = new Map()));
    mine.set(topic, kind);
    return 'joined';
  }

  /** Unsubscribes the socket; true when it was subscribed. `onlyLive` leaves member
   *  subscriptions alone (a ROOM_LEAVE must not cut a member off its group). */
  leave(conn: Connection, sdkAppId: number, groupId: string, onlyLive = false): boolean {
    const topic = subjects.room(sdkAppId, groupId);
    const mine = this.ofConn.get(conn);
    const kind = mine?.get(topic);
    if (!mine || kind === undefined || (onlyLive && kind !== 'live')) return false;
    mine.delete(topic);
    if (mine.size === 0) this.ofConn.delete(conn);
    conn.ws?.unsubscribe(topic);
    this.drop(conn, topic, kind);
    return true;
  }

  /** Forgets every subscription of a closed socket. */
  leaveAll(conn: Connection): void {
    const mine = this.ofConn.get(conn);
    if (!mine) return;
    this.ofConn.delete(conn);
    for (const [topic, kind] of mine) this.drop(conn, topic, kind);
  }

  isIn(conn: Connection, sdkAppId: number, groupId: string): boolean {
    return this.ofConn.get(conn)?.has(subjects.room(sdkAppId, groupId)) ?? false;
  }

  /** Local subscribers of the group on this edge. */
  localCount(sdkAppId: number, groupId: string): number {
    return this.rooms.get(subjects.room(sdkAppId, groupId))?.conns.size ?? 0;
  }

  /** Every room with live-room sockets here and how many distinct users (for online counts). */
  *liveCounts(): Iterable<{ sdkAppId: number; groupId: string; count: number }> {
    for (const r of this.rooms.values()) if (r.liveUsers.size > 0) yield { sdkAppId: r.sdkAppId, groupId: r.groupId, count: r.liveUsers.size };
  }

  /** Drops every bus subscription (edge drain). */
  close(): void {
    for (const r of this.rooms.values()) {
      r.sub.unsubscribe();
      r.merger?.cancel();
    }
    this.deps.metrics.edgeRooms.dec(this.rooms.size);
    this.rooms.clear();
    this.ofConn.clear();
  }

  private open(sdkAppId: number, groupId: string, topic: string): Room {
    const room: Room = { sdkAppId, groupId, topic, conns: new Set(), liveConns: new Map(), liveUsers: new Map(), sub: this.deps.bus.subscribe(topic, (m) => this.deliver(room, m.data)) };
    this.rooms.set(topic, room);
    this.deps.metrics.edgeRooms.inc();
    return room;
  }

  private drop(conn: Connection, topic: string, kind: RoomKind): void {
    const room = this.rooms.get(topic);
    if (!room?.conns.delete(conn)) return;
    if (kind === 'live') removeLive(room, conn);
    if (room.conns.size > 0) return;
    room.sub.unsubscribe();
    room.merger?.cancel();
    this.rooms.delete(topic);
    this.deps.metrics.edgeRooms.dec();
  }

  private deliver(room: Room, data: Uint8Array): void {
    const msg = decodeRoomMsg(data);
    if (!msg) {
      this.deps.log.warn('undecodable room message dropped', { bytes: data.byteLength });
      return;
    }
    if (msg.skipConnId === undefined && !msg.close && room.conns.size >= ROOM_MERGE_MIN_SUBSCRIBERS) {
      const parts = mergeableParts(msg.frame);
      if (parts) {
        room.merger ??= new RoomMerger(this.deps.clock, (frame) => this.write(room, frame));
        room.merger.add(parts);
        return;
      }
    }
    room.merger?.flush(); // what waits for the tick goes first: order is kept
    if (msg.frame.byteLength > 0) this.write(room, msg.frame, msg.skipConnId);
    // uWS writes a topic publish when the event-loop iteration ends: unsubscribing now would
    // drop the last frame, so the sockets leave on the next turn.
    if (msg.close) this.deps.clock.setTimer(0, () => this.closeRoom(room));
  }

  /** The group is gone: every local socket leaves it (member and live-room subscriptions). */
  private closeRoom(room: Room): void {
    for (const conn of [...room.conns]) this.leave(conn, room.sdkAppId, room.groupId);
  }

  private write(room: Room, frame: Uint8Array, skipConnId?: string): void {
    let skipped = 0;
    let sender: Connection | undefined;
    for (const conn of room.conns) {
      if (conn.connId === skipConnId) sender = conn;
      else if ((conn.ws?.getBufferedAmount() ?? 0) > this.deps.skipAboveBytes) skipped++;
    }
    const { metrics } = this.deps;
    if (skipped > 0) metrics.wsBackpressureDrops.inc({ action: 'skip' }, skipped);
    const written = room.conns.size - skipped - (sender ? 1 : 0);
    if (written <= 0) return;
    // ws.publish reaches every subscriber but the publishing socket itself.
    if (sender?.ws) sender.ws.publish(room.topic, frame, true, false);
    else this.deps.publish(room.topic, frame);
    metrics.roomFramesOut.inc(written);
  }

  private limit(which: 'rooms_per_conn' | 'live_rooms'): 'limit' {
    this.deps.metrics.roomLimitHits.inc({ limit: which });
    return 'limit';
  }
}

function countLive(mine: Map<string, RoomKind>): number {
  let n = 0;
  for (const k of mine.values()) if (k === 'live') n++;
  return n;
}

function addLive(room: Room, conn: Connection, userId: string): void {
  room.liveConns.set(conn, userId);
  room.liveUsers.set(userId, (room.liveUsers.get(userId) ?? 0) + 1);
}

function removeLive(room: Room, conn: Connection): void {
  const userId = room.liveConns.get(conn);
  if (userId === undefined) return;
  room.liveConns.delete(conn);
  const n = (room.liveUsers.get(userId) ?? 1) - 1;
  if (n > 0) room.liveUsers.set(userId, n);
  else room.liveUsers.delete(userId);
}
