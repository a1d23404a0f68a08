// Coalesces this edge's ROOM_JOINs per live room, group-commit style: while one GroupRoomJoin of a
// room is being answered, the joins that arrive wait and leave together as the next one (at most
// ROOM_JOIN_BATCH_MAX viewers each). A quiet room's join leaves at once; a join storm costs the
// room actor one mailbox entry per edge at a time instead of one per viewer (10,000 viewers joining
// at once overflowed the mailbox before). A failed ask answers every join of its batch with the error.
import type { ActorClient } from '../actors/actor.js';
import { groupAddr, type RoomJoinResult, type RoomViewer } from '../groups/group-messages.js';
import { ROOM_JOIN_BATCH_MAX } from '../groups/group-manage-room-join.js';
import type { Metrics } from '../metrics/metrics.js';

export type RoomJoinAnswer = RoomJoinResult['results'][number];

interface Waiter {
  viewer: RoomViewer;
  resolve(a: RoomJoinAnswer): void;
  reject(e: unknown): void;
}

interface RoomQueue {
  sdkAppId: number;
  groupId: string;
  waiting: Waiter[];
  busy: boolean;
}

export class RoomJoinBatcher {
  private readonly rooms = new Map<string, RoomQueue>();

  constructor(
    private readonly actors: ActorClient,
    private readonly askTimeoutMs: number,
    private readonly metrics: Pick<Metrics, 'edgeRoomJoinBatch'>,
  ) {}

  /** Resolves to this viewer's answer from the room actor; rejects when the ask itself failed. */
  join(sdkAppId: number, groupId: string, viewer: RoomViewer): Promise<RoomJoinAnswer> {
    const key = `${sdkAppId}:${groupId}`;
    let q = this.rooms.get(key);
    if (!q) this.rooms.set(key, (q = { sdkAppId, groupId, waiting: [], busy: false }));
    const room = q;
    const answer = new Promise<RoomJoinAnswer>((resolve, reject) => room.waiting.push({ viewer, resolve, reject }));
    if (!room.busy) void this.drain(key, room);
    return answer;
  }

  /** Sends the room's waiting joins batch after batch until none is left, then forgets the room. */
  private async drain(key: string, q: RoomQueue): Promise<void> {
    q.busy = true;
    while (q.waiting.length > 0) {
      const batch = q.waiting.splice(0, ROOM_JOIN_BATCH_MAX);
      this.metrics.edgeRoomJoinBatch.observe(batch.length);
      try {
        const r = await this.actors.ask<RoomJoinResult>(
          groupAddr(q.sdkAppId, q.groupId),
          { t: 'roomJoin', sdkAppId: q.sdkAppId, groupId: q.groupId, viewers: batch.map((w) => w.viewer) },
          { timeoutMs: this.askTimeoutMs },
        );
        batch.forEach((w, i) => {
          const a = r.results[i];
          if (a) w.resolve(a);
          else w.reject(new Error(`room join answered ${r.results.length} of ${batch.length} viewers`));
        });
      } catch (e) {
        for (const w of batch) w.reject(e);
      }
    }
    q.busy = false;
    this.rooms.delete(key);
  }
}
