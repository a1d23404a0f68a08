// A real cluster for benchmarks: NATS, Redis and Cassandra started by cluster/services on ports of
// their own (so a bench never touches the services of `npm test` or a developer's), then edge and
// worker processes through the launcher (test/support/cluster.ts). stop() stops all of it.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestCluster, type TestCluster } from '../../test/support/cluster.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVICES = join(ROOT, 'cluster', 'services');

/** Service ports of benchmark runs. */
const PORTS = { NATS_PORT: '34222', NATS_MONITOR_PORT: '38222', REDIS_PORT: '36379', CASSANDRA_PORT: '39042', CASSANDRA_STORAGE_PORT: '37000' };

export interface BenchCluster {
  cluster: TestCluster;
  stop(): Promise<void>;
}

export async function startBenchCluster(opts: { edges: number; workers: number; env?: Record<string, string> }): Promise<BenchCluster> {
  const env = { ...process.env, ...PORTS, SVC_DIR: process.env.BENCH_SVC_DIR ?? '/tmp/im-bench-services' };
  const stopServices = () => execFileSync('bash', [join(SERVICES, 'stop-all.sh')], { env, stdio: 'inherit' });
  execFileSync('bash', [join(SERVICES, 'start-all.sh')], { env, stdio: 'inherit' });
  process.env.IM_IT_NATS_URL = `nats://127.0.0.1:${PORTS.NATS_PORT}`;
  process.env.IM_IT_REDIS_URL = `redis://127.0.0.1:${PORTS.REDIS_PORT}`;
  process.env.IM_IT_CASSANDRA = `127.0.0.1:${PORTS.CASSANDRA_PORT}`;
  let cluster: TestCluster;
  try {
    cluster = await startTestCluster({ edges: opts.edges, workers: opts.workers, env: { IM_REST_RATE_PER_SEC: '100000', ...opts.env } });
  } catch (e) {
    stopServices();
    throw e;
  }
  return {
    cluster,
    stop: async () => {
      await cluster.stop();
      stopServices();
    },
  };
}
