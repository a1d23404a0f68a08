// `npm run bench:c2c`: one-to-one throughput and latency with the load generator (bench/lib/
// c2c-load.ts) in the same run on the same machine, against
//   1. the single-node server process (LMDB store, every role in one process),
//   2. the baselines on the same workload: a raw uWS relay (the ceiling of this stack: no auth,
//      storage or order) and socket.io with its Redis adapter (no storage), each its own process,
//   3. the cluster (2 edges, 2 workers, NATS, Redis, Cassandra; BENCH_CLUSTER=0 skips it).
// For each: the peak (closed loop, BENCH_WINDOW sends in flight per sender); for ours also the
// latency at half of that peak (open loop). Each target first runs the same load unrecorded for
// BENCH_WARMUP_S seconds (the cluster BENCH_CLUSTER_WARMUP_S): JIT compilers would otherwise be
// measured instead of the steady state. V8 warms within seconds; a fresh Cassandra JVM spends two
// to four times the CPU per statement until some 60,000 statements have run (measured here: the
// cluster's C2C rate went 860, 1,848, 2,443 msg/s over three 10 s rounds).
// Writes bench/results/c2c.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePorts } from '../test/support/ports.js';
import { startBaseline, startBenchRedis } from './lib/baseline-process.js';
import { startBenchCluster } from './lib/bench-cluster.js';
import { type ChatTransport, imTransport, rawRelayTransport, socketIoTransport } from './lib/chat-transports.js';
import { type C2cLoadResult, runC2cLoad } from './lib/c2c-load.js';
import { startBenchServer } from './lib/server-process.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const PAIRS = Number(process.env.BENCH_PAIRS ?? 50);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 10);
const CLUSTER_WARMUP_S = Number(process.env.BENCH_CLUSTER_WARMUP_S ?? 30);

interface Figures {
  peak: C2cLoadResult;
  halfPeak: C2cLoadResult;
}

const peakOf = async (t: ChatTransport, label: string, warmupS = WARMUP_S): Promise<C2cLoadResult> => {
  if (warmupS > 0) await runC2cLoad(t, { pairs: PAIRS, window: WINDOW, seconds: warmupS, tag: `${label}w` });
  const r = await runC2cLoad(t, { pairs: PAIRS, window: WINDOW, seconds: SECONDS, tag: `${label}p` });
  console.log(label, 'peak', JSON.stringify(r));
  return r;
};

async function measure(t: ChatTransport, label: string, warmupS = WARMUP_S): Promise<Figures> {
  const peak = await peakOf(t, label, warmupS);
  const halfPeak = await runC2cLoad(t, { pairs: PAIRS, rate: Math.max(1, Math.round(peak.ackedPerSec / 2)), seconds: SECONDS, tag: `${label}h` });
  console.log(label, 'half of peak', JSON.stringify(halfPeak));
  return { peak, halfPeak };
}

async function single(): Promise<Figures> {
  const [port] = await freePorts(1);
  const server = await startBenchServer(port!, { IM_REST_RATE_PER_SEC: '100000' });
  try {
    return await measure(imTransport({ restUrl: server.url, wsUrls: [server.url], sdkAppId: server.sdkAppId, secretKey: server.secretKey, admin: server.admin }), 'single');
  } finally {
    await server.stop();
  }
}

async function baselines(): Promise<{ rawUws: C2cLoadResult; socketIo: C2cLoadResult }> {
  const [p1, p2] = await freePorts(2);
  const raw = await startBaseline('raw-relay-server.ts', p1!);
  let rawUws: C2cLoadResult;
  try {
    rawUws = await peakOf(rawRelayTransport(raw.url), 'raw');
  } finally {
    await raw.stop();
  }
  const redis = startBenchRedis();
  try {
    const sio = await startBaseline('socketio-relay-server.ts', p2!, [redis.url]);
    try {
      return { rawUws, socketIo: await peakOf(socketIoTransport(sio.url), 'sio') };
    } finally {
      await sio.stop();
    }
  } finally {
    redis.stop();
  }
}

async function cluster(): Promise<Figures> {
  const b = await startBenchCluster({ edges: 2, workers: 2 });
  try {
    const c = b.cluster;
    return await measure(imTransport({ restUrl: c.edgeUrl(1), wsUrls: [c.edgeUrl(1), c.edgeUrl(2)], sdkAppId: c.sdkAppId, secretKey: c.secretKey, admin: c.admin }), 'cluster', CLUSTER_WARMUP_S);
  } finally {
    await b.stop();
  }
}

const ours = await single();
const base = await baselines();
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
const result = {
  date: new Date().toISOString(),
  cpus: cpus().length,
  cpu: cpus()[0]?.model,
  pairs: PAIRS,
  window: WINDOW,
  warmupS: WARMUP_S,
  clusterWarmupS: CLUSTER_WARMUP_S,
  single: { store: 'lmdb', ...ours },
  baselines: base,
  ratios: { vsRawUws: ratio(ours.peak.ackedPerSec, base.rawUws.ackedPerSec), vsSocketIo: ratio(ours.peak.ackedPerSec, base.socketIo.ackedPerSec) },
  ...(process.env.BENCH_CLUSTER === '0' ? {} : { cluster: { store: 'cassandra', edges: 2, workers: 2, ...(await cluster()) } }),
};
console.log(JSON.stringify(result, null, 2));
mkdirSync(join(HERE, 'results'), { recursive: true });
writeFileSync(join(HERE, 'results', 'c2c.json'), JSON.stringify(result, null, 2) + '\n');
