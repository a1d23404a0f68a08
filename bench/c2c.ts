// `npm run bench:c2c`: C2C throughput and send->deliver latency on a single-node server process
// (LMDB store, every role in one process), with the load generator (SDK clients over WebSocket) in
// the same run on the same machine. BENCH_PAIRS sender/recipient pairs, each sender keeping
// BENCH_WINDOW sends in flight for BENCH_SECONDS. Reports acked messages per second and p50/p99 of
// send->ack and send->push-delivered latency. Writes bench/results/c2c.json. The cluster figure
// (Cassandra) is not measured here yet.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { signUserSig } from '../src/auth/usersig.js';
import { ImClient, type WebSocketCtor } from '../src/client/index.js';
import { freePorts } from '../test/support/ports.js';
import { startBenchServer } from './lib/server-process.js';
import { percentiles } from './lib/stats.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const PAIRS = Number(process.env.BENCH_PAIRS ?? 50);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

const [port] = await freePorts(1);
const server = await startBenchServer(port!, { IM_REST_RATE_PER_SEC: '100000' });
const now = () => Math.floor(Date.now() / 1000);
const adminSig = signUserSig(server.sdkAppId, server.secretKey, server.admin, 86400, now());
const clients: ImClient[] = [];

async function login(userId: string): Promise<ImClient> {
  const c = new ImClient({ WebSocket: WebSocket as unknown as WebSocketCtor, heartbeatMs: 0 });
  clients.push(c);
  await c.connect(server.url.replace(/^http/, 'ws') + '/ws');
  await c.login({ sdkAppId: server.sdkAppId, userId, userSig: signUserSig(server.sdkAppId, server.secretKey, userId, 86400, now()), platform: 'Android', deviceId: `${userId}-bench` });
  return c;
}

try {
  const senders = Array.from({ length: PAIRS }, (_, i) => `s${i}`);
  const receivers = Array.from({ length: PAIRS }, (_, i) => `r${i}`);
  const all = [...senders, ...receivers];
  for (let i = 0; i < all.length; i += 100) {
    const q = `sdkappid=${server.sdkAppId}&identifier=${server.admin}&usersig=${adminSig}&random=${i}&contenttype=json`;
    await fetch(`${server.url}/v4/im_open_login_svc/multiaccount_import?${q}`, { method: 'POST', body: JSON.stringify({ Accounts: all.slice(i, i + 100) }) });
  }
  const sent = new Map<string, number>();
  const ackMs: number[] = [];
  const deliverMs: number[] = [];
  let acked = 0;
  let errors = 0;
  const rx = await Promise.all(receivers.map(login));
  for (const c of rx) c.on('c2cMessage', (m) => {
    const t = sent.get(`${m.from}:${m.random}`);
    if (t !== undefined) deliverMs.push(performance.now() - t);
  });
  const tx = await Promise.all(senders.map(login));
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    tx.flatMap((c, i) =>
      Array.from({ length: WINDOW }, async (_, w) => {
        for (let n = 0; performance.now() < deadline; n++) {
          const random = w * 1_000_000 + n;
          const t = performance.now();
          sent.set(`${senders[i]}:${random}`, t);
          try {
            await c.c2c.send(receivers[i]!, { MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `bench ${n}` } }], MsgRandom: random });
            ackMs.push(performance.now() - t);
            acked++;
          } catch {
            errors++;
          }
        }
      }),
    ),
  );
  const elapsed = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 500));
  const round = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v * 100) / 100]));
  const result = {
    date: new Date().toISOString(),
    store: 'lmdb (single node)',
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    pairs: PAIRS,
    window: WINDOW,
    seconds: Math.round(elapsed * 10) / 10,
    acked,
    errors,
    ackedPerSec: Math.round(acked / elapsed),
    sendToAckMs: round(percentiles(ackMs, [50, 99])),
    sendToDeliverMs: round(percentiles(deliverMs, [50, 99])),
    delivered: deliverMs.length,
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync(join(HERE, 'results'), { recursive: true });
  writeFileSync(join(HERE, 'results', 'c2c.json'), JSON.stringify(result, null, 2) + '\n');
} finally {
  for (const c of clients) c.close();
  await server.stop();
}
