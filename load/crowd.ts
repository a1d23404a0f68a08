// A crowd for full-size runs on ONE machine: group members held by Node processes
// (bench/lib/room-generators.ts: raw sockets, frames counted from their headers) while k6 plays the
// measured members. k6 spends about 37 µs of CPU per received WebSocket frame even with a no-op
// handler (measured on this 2-core machine against a plain ws server: 30,000 frames/s took 1.16
// cores), so 10,000 k6 members of a room receiving 4-7 merged frames a second each would need more
// cores than the machine has. With a separate generator machine, run the scenario without a crowd.
// Mode 'im' logs in and joins a live room (ROOM_JOIN); 'member' only logs in (a group member is
// subscribed to its joined groups at login).
import { startRoomGenerators, type RoomGenerators } from '../bench/lib/room-generators.js';

/** Generator processes: each holds its share of the sockets (and stays under the open-file limit). */
const CROWD_PROCESSES = 2;
/** Logins in flight over the processes while the crowd gathers. */
const CROWD_CONCURRENCY = 128;
/** Source addresses after this offset: the k6 members connect from 127.0.0.1. */
const ADDRESS_OFFSET = 1_000;

export interface CrowdOptions {
  mode: 'im' | 'member';
  port: number;
  sdkAppId: number;
  /** The live room to join ('im'); unused by 'member'. */
  groupId: string;
  users: Array<{ userId: string; sig: string }>;
}

export type Crowd = RoomGenerators;

export const gatherCrowd = (o: CrowdOptions): Promise<Crowd> =>
  startRoomGenerators(
    { mode: o.mode, port: o.port, sdkAppId: o.sdkAppId, groupId: o.groupId },
    o.users.map((u) => ({ ...u, platform: 'Web' })),
    { processes: CROWD_PROCESSES, concurrency: CROWD_CONCURRENCY, addressOffset: ADDRESS_OFFSET },
  );
