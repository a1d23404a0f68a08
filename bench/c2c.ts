// `npm run bench:c2c`: C2C throughput and latency with the load generator (SDK clients over
// WebSocket, bench/lib/c2c-load.ts) in the same run on the same machine, against
//   1. a single-node server process (LMDB store, every role in one process), and
//   2. the cluster (2 edges, 2 workers, NATS, Redis, Cassandra; BENCH_CLUSTER=0 skips it).
// For each: the peak (closed loop, BENCH_WINDOW sends in flight per sender) and the latency at
// half of that peak (open loop at a fixed rate). Writes bench/results/c2c.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePorts } from '../test/support/ports.js';
import { startBenchCluster } from './lib/bench-cluster.js';
import { type C2cLoadResult, type C2cTarget, runC2cLoad } from './lib/c2c-load.js';
import { startBenchServer } from './lib/server-process.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const PAIRS = Number(process.env.BENCH_PAIRS ?? 50);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

interface Figures {
  peak: C2cLoadResult;
  halfPeak: C2cLoadResult;
}

async function measure(target: C2cTarget, label: string): Promise<Figures> {
  const peak = await runC2cLoad(target, { pairs: PAIRS, window: WINDOW, seconds: SECONDS, tag: `${label}p` });
  console.log(label, 'peak', JSON.stringify(peak));
  const halfPeak = await runC2cLoad(target, { pairs: PAIRS, rate: Math.max(1, Math.round(peak.ackedPerSec / 2)), seconds: SECONDS, tag: `${label}h` });
  console.log(label, 'half of peak', JSON.stringify(halfPeak));
  return { peak, halfPeak };
}

async function single(): Promise<Figures> {
  const [port] = await freePorts(1);
  const server = await startBenchServer(port!, { IM_REST_RATE_PER_SEC: '100000' });
  try {
    return await measure({ restUrl: server.url, wsUrls: [server.url], sdkAppId: server.sdkAppId, secretKey: server.secretKey, admin: server.admin }, 'single');
  } finally {
    await server.stop();
  }
}

async function cluster(): Promise<Figures> {
  const b = await startBenchCluster({ edges: 2, workers: 2 });
  try {
    const c = b.cluster;
    return await measure({ restUrl: c.edgeUrl(0), wsUrls: [c.edgeUrl(0), c.edgeUrl(1)], sdkAppId: c.sdkAppId, secretKey: c.secretKey, admin: c.admin }, 'cluster');
  } finally {
    await b.stop();
  }
}

const result = {
  date: new Date().toISOString(),
  cpus: cpus().length,
  cpu: cpus()[0]?.model,
  pairs: PAIRS,
  window: WINDOW,
  single: { store: 'lmdb', ...(await single()) },
  ...(process.env.BENCH_CLUSTER === '0' ? {} : { cluster: { store: 'cassandra', edges: 2, workers: 2, ...(await cluster()) } }),
};
console.log(JSON.stringify(result, null, 2));
mkdirSync(join(HERE, 'results'), { recursive: true });
writeFileSync(join(HERE, 'results', 'c2c.json'), JSON.stringify(result, null, 2) + '\n');
