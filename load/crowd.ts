// A crowd for full-size runs on ONE machine: group members held by Node processes
// (bench/room-generator.ts: raw sockets, frames counted from their headers) while k6 plays the
// measured members. k6 spends about 37 µs of CPU per received WebSocket frame even with a no-op
// handler (measured on this 2-core machine against a plain ws server: 30,000 frames/s took 1.16
// cores), so 10,000 k6 members of a room receiving 4-7 merged frames a second each would need more
// cores than the machine has. With a separate generator machine, run the scenario without a crowd.
// Mode 'im' logs in and joins a live room (ROOM_JOIN); 'member' only logs in (a group member is
// subscribed to its joined groups at login).
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RoomJob } from '../bench/room-generator.js';

const GENERATOR = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench', 'room-generator.ts');
/** Generator processes: each holds its share of the sockets (and stays under the open-file limit). */
const CROWD_PROCESSES = 2;
/** Logins in flight per process while the crowd gathers. */
const CROWD_CONCURRENCY = 64;
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

export interface Crowd {
  joined: number;
  failed: number;
  failures: Record<string, number>;
  /** Frames received so far and sockets still open. */
  counts(): Promise<{ frames: number; open: number }>;
  close(): void;
}

export async function gatherCrowd(o: CrowdOptions): Promise<Crowd> {
  const per = Math.ceil(o.users.length / CROWD_PROCESSES);
  const procs: ChildProcess[] = [];
  const ready = await Promise.all(
    Array.from({ length: CROWD_PROCESSES }, (_, g) => {
      const proc = fork(GENERATOR, [], { execArgv: ['--import', 'tsx'] });
      procs.push(proc);
      const users = o.users.slice(g * per, (g + 1) * per).map((u) => ({ ...u, platform: 'Web' }));
      return new Promise<{ ok: number; failed: number; failures: Record<string, number> }>((resolve) => {
        proc.once('message', (m: { ok: number; failed: number; failures: Record<string, number> }) => resolve(m));
        proc.send({ t: 'job', job: { mode: o.mode, port: o.port, sdkAppId: o.sdkAppId, groupId: o.groupId, users, addressOffset: ADDRESS_OFFSET + g * per, concurrency: CROWD_CONCURRENCY } satisfies RoomJob });
      });
    }),
  );
  const failures: Record<string, number> = {};
  for (const r of ready) for (const [k, v] of Object.entries(r.failures)) failures[k] = (failures[k] ?? 0) + v;
  return {
    joined: ready.reduce((a, r) => a + r.ok, 0),
    failed: ready.reduce((a, r) => a + r.failed, 0),
    failures,
    async counts() {
      const all = await Promise.all(procs.map((p) => new Promise<{ frames: number; open: number }>((resolve) => {
        p.once('message', (m: { frames: number; open: number }) => resolve(m));
        p.send({ t: 'mark' });
      })));
      return { frames: all.reduce((a, c) => a + c.frames, 0), open: all.reduce((a, c) => a + c.open, 0) };
    },
    close() {
      for (const p of procs) p.send({ t: 'close' });
    },
  };
}
