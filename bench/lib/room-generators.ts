// The room generator processes (bench/room-generator.ts) as one set: bench:room's sockets and the
// full-size load runs' crowd (load/crowd.ts). Users are split evenly over the processes, each from
// its own range of source addresses; the set reports how many joined, why the others failed, and
// (counts) frames, messages, sampled latencies and open sockets so far.
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RoomJob } from '../room-generator.js';

const GENERATOR = join(dirname(fileURLToPath(import.meta.url)), '..', 'room-generator.ts');

export interface RoomCounts {
  frames: number;
  msgs: number;
  latencies: number[];
  open: number;
}

export interface RoomGenerators {
  joined: number;
  failed: number;
  /** Why sockets failed to join: reply code or 'closed'/'connect', summed over the processes. */
  failures: Record<string, number>;
  /** Totals so far (latencies since the last call). */
  counts(): Promise<RoomCounts>;
  close(): void;
}

export interface RoomGeneratorOptions {
  processes: number;
  /** Logins in flight over all processes while the sockets open. */
  concurrency: number;
  /** First source-address index (sets running side by side take different ranges). */
  addressOffset?: number;
}

type Ready = { ok: number; failed: number; failures: Record<string, number> };
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export async function startRoomGenerators(job: Omit<RoomJob, 'users' | 'addressOffset' | 'concurrency'>, users: RoomJob['users'], o: RoomGeneratorOptions): Promise<RoomGenerators> {
  const per = Math.ceil(users.length / o.processes);
  const procs: ChildProcess[] = [];
  const ready = await Promise.all(
    Array.from({ length: o.processes }, (_, g) => {
      const proc = fork(GENERATOR, [], { execArgv: ['--import', 'tsx'] });
      procs.push(proc);
      return new Promise<Ready>((resolve) => {
        proc.once('message', (m: Ready) => resolve(m));
        proc.send({ t: 'job', job: { ...job, users: users.slice(g * per, (g + 1) * per), addressOffset: (o.addressOffset ?? 0) + g * per, concurrency: Math.ceil(o.concurrency / o.processes) } satisfies RoomJob });
      });
    }),
  );
  const failures: Record<string, number> = {};
  for (const r of ready) for (const [k, v] of Object.entries(r.failures)) failures[k] = (failures[k] ?? 0) + v;
  return {
    joined: sum(ready.map((r) => r.ok)),
    failed: sum(ready.map((r) => r.failed)),
    failures,
    async counts() {
      const all = await Promise.all(procs.map((p) => new Promise<RoomCounts>((r) => {
        p.once('message', (m: RoomCounts) => r(m));
        p.send({ t: 'mark' });
      })));
      return { frames: sum(all.map((c) => c.frames)), msgs: sum(all.map((c) => c.msgs)), latencies: all.flatMap((c) => c.latencies), open: sum(all.map((c) => c.open)) };
    },
    close() {
      for (const p of procs) p.send({ t: 'close' });
    },
  };
}
