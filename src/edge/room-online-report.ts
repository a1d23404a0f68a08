// Reports this edge's live-room viewers (distinct users per room, EdgeRooms.liveCounts; a user on
// two edges counts on both) to the RoomOnline port every ROOM_ONLINE_REPORT_MS, each counting for
// ROOM_ONLINE_REPORTS_PER_TTL reports so one late report is harmless; rooms that emptied since the
// last report are reported as 0 at once. At drain the edge's counts are dropped.
// get_online_member_num reads the sum (RoomOnline.count).
import type { Clock, TimerHandle } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import type { RoomCount, RoomOnline } from '../groups/room-online.js';
import { MAX_ROOM_COUNTS_PER_REPORT } from '../groups/room-online-rules.js';
import type { EdgeRooms } from './rooms.js';

export const ROOM_ONLINE_REPORT_MS = 2_000;
export const ROOM_ONLINE_REPORTS_PER_TTL = 3;

export class RoomOnlineReporter {
  private timer: TimerHandle | undefined;
  private last = new Set<string>();
  private stopped = false;

  constructor(
    private readonly deps: { online: RoomOnline; rooms: EdgeRooms; edgeId: string; clock: Clock; log: Logger },
  ) {}

  start(): void {
    this.schedule();
  }

  /** Reports now (also what the timer runs). */
  async report(): Promise<void> {
    const counts: RoomCount[] = [];
    const now = new Set<string>();
    for (const c of this.deps.rooms.liveCounts()) {
      counts.push(c);
      now.add(key(c.sdkAppId, c.groupId));
    }
    for (const k of this.last) {
      if (now.has(k)) continue;
      const at = k.indexOf(':');
      counts.push({ sdkAppId: Number(k.slice(0, at)), groupId: k.slice(at + 1), count: 0 });
    }
    this.last = now;
    const ttl = ROOM_ONLINE_REPORT_MS * ROOM_ONLINE_REPORTS_PER_TTL;
    for (let i = 0; i < counts.length; i += MAX_ROOM_COUNTS_PER_REPORT) {
      await this.deps.online.report(this.deps.edgeId, counts.slice(i, i + MAX_ROOM_COUNTS_PER_REPORT), ttl);
    }
  }

  /** Stops reporting and forgets this edge's counts. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    await this.deps.online.dropEdge(this.deps.edgeId).catch((err: unknown) => this.deps.log.warn('room online drop failed', { err }));
  }

  private schedule(): void {
    this.timer = this.deps.clock.setTimer(ROOM_ONLINE_REPORT_MS, () => {
      this.report()
        .catch((err: unknown) => this.deps.log.warn('room online report failed', { err }))
        .finally(() => {
          if (!this.stopped) this.schedule();
        });
    });
  }
}

const key = (sdkAppId: number, groupId: string) => `${sdkAppId}:${groupId}`;
