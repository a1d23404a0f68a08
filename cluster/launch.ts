// `npm run cluster [-- topology.json] [--no-services]`: starts the real services (NATS with
// JetStream, Redis, Cassandra; cluster/services) unless told not to, then the topology's edges
// and workers, restarting any that exits. Ctrl-C / SIGTERM drains every process, then stops the
// services this run started.
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Launcher } from './launcher.js';
import { DEFAULT_TOPOLOGY, loadTopology } from './topology.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const withServices = !args.includes('--no-services');
const topoPath = args.find((a) => a.endsWith('.json'));
const topology = topoPath ? loadTopology(resolve(topoPath)) : DEFAULT_TOPOLOGY;

const env: Record<string, string> = {
  IM_DATA_DIR: process.env.IM_DATA_DIR ?? join(ROOT, 'var', 'cluster'),
  IM_NATS_URL: process.env.IM_NATS_URL ?? `nats://127.0.0.1:${process.env.NATS_PORT ?? 14222}`,
  IM_REDIS_URL: process.env.IM_REDIS_URL ?? `redis://127.0.0.1:${process.env.REDIS_PORT ?? 16379}`,
  IM_CASSANDRA_CONTACT_POINTS: process.env.IM_CASSANDRA_CONTACT_POINTS ?? `127.0.0.1:${process.env.CASSANDRA_PORT ?? 19042}`,
};

if (withServices) {
  console.log('starting NATS, Redis and Cassandra (cluster/services/start-all.sh)…');
  execFileSync('bash', [join(ROOT, 'cluster', 'services', 'start-all.sh')], { stdio: 'inherit' });
}

const launcher = new Launcher({
  topology,
  env,
  restartOnExit: true,
  onLine: (name, line) => process.stdout.write(`[${name}] ${line}\n`),
});
launcher.start();
console.log(`cluster: ${topology.edges} edges, ${topology.workers} workers, ${topology.shardCount} shards`);
for (const n of launcher.names().filter((n) => n.startsWith('edge'))) console.log(`  ${n}: ${launcher.urlOf(n)} (ws: /ws, REST: /v4/...)`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('draining…');
  await launcher.stop();
  if (withServices) execFileSync('bash', [join(ROOT, 'cluster', 'services', 'stop-all.sh')], { stdio: 'inherit' });
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
