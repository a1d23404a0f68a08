// `npm run bench:login`: logins per second and memory per idle authenticated connection on one
// edge. The server runs as its own process (single role, LMDB store); two generator processes
// open BENCH_CONNS sockets from source addresses spread over 127.0.0.0/8, log each in with a
// valid UserSig, and keep them idle. Memory per connection = growth of the server's RSS (and of
// its V8 heap) from before the first connection to after the last login, measured once the session
// actors of the idle users have passivated (as they do on a worker), divided by the connections.
// The per-process open-file limit caps BENCH_CONNS (one fd per socket on each side).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, totalmem } from 'node:os';
import { signUserSig } from '../src/auth/usersig.js';
import { adminRest } from './lib/admin-rest.js';
import { startLoginGenerators } from './lib/login-generators.js';
import { startBenchServer } from './lib/server-process.js';
import { percentiles } from './lib/stats.js';
import { freePorts } from '../test/support/ports.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const CONNS = Number(process.env.BENCH_CONNS ?? 19_900);
const GENERATORS = Number(process.env.BENCH_GENERATORS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 256);
const ACTOR_IDLE_MS = 1_000;

async function heapUsed(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = /^nodejs_heap_size_used_bytes(?:\{[^}]*\})? (\d+(?:\.\d+)?(?:e\+\d+)?)/m.exec(text);
  return m ? Number(m[1]) : NaN;
}

const [port] = await freePorts(1);
const server = await startBenchServer(port!, { IM_REST_RATE_PER_SEC: '100000', IM_IDLE_TIMEOUT_SEC: '900', IM_LOGIN_POLICY: 'multi', IM_ACTOR_IDLE_MS: String(ACTOR_IDLE_MS) });
console.log(`server pid ${server.pid} on ${server.url}; ${CONNS} connections, ${GENERATORS} generators`);

const now = Math.floor(Date.now() / 1000);
const users = Array.from({ length: CONNS }, (_, i) => ({ userId: `u${i}`, sig: signUserSig(server.sdkAppId, server.secretKey, `u${i}`, 86400, now) }));
await adminRest(server).importAccounts(users.map((u) => u.userId));
await new Promise((r) => setTimeout(r, 2000));
/** Full GC in the server (it runs with --expose-gc; see src/roles/run.ts), then a moment to settle. */
const collect = async () => {
  process.kill(server.pid, 'SIGUSR2');
  await new Promise((r) => setTimeout(r, 1000));
};
await collect();
const rssBefore = server.rssBytes();
const heapBefore = await heapUsed(server.url);

const per = Math.ceil(CONNS / GENERATORS);
const jobs = Array.from({ length: GENERATORS }, (_, g) => ({ port: port!, users: users.slice(g * per, (g + 1) * per) }));
const gens = await startLoginGenerators(server.sdkAppId, jobs, Math.ceil(CONCURRENCY / GENERATORS));
const { ok, failed, seconds, latencies } = await gens.run();
await new Promise((r) => setTimeout(r, ACTOR_IDLE_MS * 4)); // idle sockets; session actors passivate
await collect();
const rssAfter = server.rssBytes();
const heapAfter = await heapUsed(server.url);
const lat = percentiles(latencies, [50, 99]);

const summary = {
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  connections: CONNS,
  loggedIn: ok,
  failed,
  seconds: Number(seconds.toFixed(2)),
  loginsPerSec: Math.round(ok / seconds),
  loginLatencyMs: { p50: Number(lat.p50!.toFixed(1)), p99: Number(lat.p99!.toFixed(1)) },
  serverRssMiB: { before: Math.round(rssBefore / 2 ** 20), after: Math.round(rssAfter / 2 ** 20) },
  bytesPerIdleConnection: Math.round((rssAfter - rssBefore) / Math.max(1, ok)),
  heapBytesPerIdleConnection: Math.round((heapAfter - heapBefore) / Math.max(1, ok)),
  goals: { loginsPerSec: 10_000, bytesPerIdleConnection: 10 * 1024 },
};
console.log(JSON.stringify(summary, null, 2));
mkdirSync(join(HERE, 'results'), { recursive: true });
writeFileSync(join(HERE, 'results', 'login.json'), JSON.stringify(summary, null, 2) + '\n');

// BENCH_HOLD_MS keeps the sockets open for inspection (heap snapshots) before closing.
await new Promise((r) => setTimeout(r, Number(process.env.BENCH_HOLD_MS ?? 0)));
gens.close();
await server.stop();
process.exit(failed > 0 ? 1 : 0);
