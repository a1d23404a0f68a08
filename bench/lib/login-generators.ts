// Drives bench/login-generator.ts child processes: each gets its share of users and one edge port,
// opens and logs in its sockets with `concurrency` logins in flight, and keeps them open until
// close(). Used by bench:login (one edge, memory per connection) and bench:reconnect (warming the
// cluster and measuring its login rate before the storm).
import { type ChildProcess, fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GENERATOR = join(dirname(fileURLToPath(import.meta.url)), '..', 'login-generator.ts');

export interface LoginJob {
  port: number;
  users: Array<{ userId: string; sig: string }>;
}

export interface LoginRun {
  ok: number;
  failed: number;
  /** First login sent to last login answered, over all generators. */
  seconds: number;
  latencies: number[];
}

export interface LoginGenerators {
  /** Logs every user in (resolves when all generators are done). */
  run(): Promise<LoginRun>;
  /** Closes the sockets and ends the generators. */
  close(): void;
}

interface Done {
  ok: number;
  failed: number;
  firstMs: number;
  lastMs: number;
  latencies: number[];
}

/** Starts one generator per job; resolves once each has its job (the timed part is run()). */
export async function startLoginGenerators(sdkAppId: number, jobs: readonly LoginJob[], concurrency: number): Promise<LoginGenerators> {
  const execArgv = [...(process.env.BENCH_GENERATOR_NODE_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx'];
  const gens: ChildProcess[] = jobs.map(() => fork(GENERATOR, [], { execArgv }));
  let offset = 0;
  await Promise.all(
    gens.map((g, i) => {
      const ready = new Promise((r) => g.once('message', r));
      // Each generator binds its sockets to source addresses of its own (addressOffset).
      g.send({ t: 'job', job: { port: jobs[i]!.port, sdkAppId, users: jobs[i]!.users, addressOffset: offset, concurrency } });
      offset += jobs[i]!.users.length;
      return ready;
    }),
  );
  return {
    async run() {
      const results = await Promise.all(
        gens.map(
          (g) =>
            new Promise<Done>((r) => {
              g.on('message', (m: { t: string } & Done) => m.t === 'done' && r(m));
              g.send({ t: 'go' });
            }),
        ),
      );
      return {
        ok: results.reduce((s, r) => s + r.ok, 0),
        failed: results.reduce((s, r) => s + r.failed, 0),
        seconds: (Math.max(...results.map((r) => r.lastMs)) - Math.min(...results.map((r) => r.firstMs))) / 1000,
        latencies: results.flatMap((r) => r.latencies),
      };
    },
    close() {
      for (const g of gens) g.send({ t: 'close' });
    },
  };
}
