// In-process RoomOnline for a single node; see room-online.ts for the contract. Time comes from
// the injected Clock, so tests drive expiry with a FakeClock; expired shares are dropped when read.
import type { Clock } from '../lib/clock.js';
import type { RoomCount, RoomOnline } from './room-online.js';
import { assertEdgeId, assertReport, assertRoom, RoomOnlineClosedError } from './room-online-rules.js';

interface Share {
  count: number;
  until: number;
}

const roomKey = (sdkAppId: number, groupId: string) => `${sdkAppId}:${groupId}`;

export class MemoryRoomOnline implements RoomOnline {
  /** Per room: each edge's share. */
  private readonly rooms = new Map<string, Map<string, Share>>();
  /** Per edge: the rooms it reported, so dropEdge needs no scan. */
  private readonly ofEdge = new Map<string, Set<string>>();
  private closed = false;

  constructor(private readonly clock: Clock) {}

  async report(edgeId: string, counts: readonly RoomCount[], ttlMs: number): Promise<void> {
    this.open();
    assertReport(edgeId, counts, ttlMs);
    const until = this.clock.nowMs() + ttlMs;
    let mine = this.ofEdge.get(edgeId);
    if (!mine) this.ofEdge.set(edgeId, (mine = new Set()));
    for (const c of counts) {
      const key = roomKey(c.sdkAppId, c.groupId);
      let shares = this.rooms.get(key);
      if (c.count === 0) {
        shares?.delete(edgeId);
        if (shares?.size === 0) this.rooms.delete(key);
        mine.delete(key);
        continue;
      }
      if (!shares) this.rooms.set(key, (shares = new Map()));
      shares.set(edgeId, { count: c.count, until });
      mine.add(key);
    }
  }

  async count(sdkAppId: number, groupId: string): Promise<number> {
    this.open();
    assertRoom(sdkAppId, groupId);
    const shares = this.rooms.get(roomKey(sdkAppId, groupId));
    if (!shares) return 0;
    const now = this.clock.nowMs();
    let n = 0;
    for (const [edge, s] of shares) {
      if (s.until > now) n += s.count;
      else shares.delete(edge);
    }
    return n;
  }

  async dropEdge(edgeId: string): Promise<void> {
    this.open();
    assertEdgeId(edgeId);
    for (const key of this.ofEdge.get(edgeId) ?? []) {
      const shares = this.rooms.get(key);
      shares?.delete(edgeId);
      if (shares?.size === 0) this.rooms.delete(key);
    }
    this.ofEdge.delete(edgeId);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private open(): void {
    if (this.closed) throw new RoomOnlineClosedError();
  }
}
