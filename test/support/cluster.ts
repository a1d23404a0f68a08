// Starts a real cluster (edge and worker processes through cluster/launcher.ts) against the real
// services of `npm test`, each test file in its own Cassandra keyspace, Redis key space, NATS lease
// bucket and data dir, and waits until every process answers /readyz.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Launcher } from '../../cluster/launcher.js';
import { DEFAULT_TOPOLOGY, type Topology } from '../../cluster/topology.js';
import { itEnv } from './it-env.js';
import { freePorts } from './ports.js';

export interface TestCluster {
  launcher: Launcher;
  topology: Topology;
  sdkAppId: number;
  secretKey: string;
  admin: string;
  edgeUrl(i: number): string;
  wsUrl(i: number): string;
  workerUrl(i: number): string;
  waitReady(timeoutMs?: number): Promise<void>;
  logs: string[];
  stop(): Promise<void>;
}

export async function startTestCluster(opts: { edges?: number; workers?: number; env?: Record<string, string> } = {}): Promise<TestCluster> {
  const env = itEnv();
  const edges = opts.edges ?? 2;
  const workers = opts.workers ?? 2;
  const ports = await freePorts(edges + workers);
  const topology: Topology = {
    ...DEFAULT_TOPOLOGY,
    edges,
    workers,
    edgeBasePort: ports[0]!,
    workerBasePort: ports[edges]!,
  };
  const tag = randomBytes(4).toString('hex');
  const sdkAppId = 1400000000 + (parseInt(tag.slice(0, 4), 16) % 100000);
  const secretKey = randomBytes(32).toString('hex');
  const admin = 'administrator';
  const logs: string[] = [];
  const launcher = new Launcher({
    topology,
    restartOnExit: false,
    env: {
      IM_DATA_DIR: mkdtempSync(join(tmpdir(), 'im-e2e-')),
      IM_NATS_URL: env.natsUrl,
      IM_REDIS_URL: env.redisUrl,
      IM_CASSANDRA_CONTACT_POINTS: env.cassandra.contactPoints.join(','),
      IM_CASSANDRA_KEYSPACE: `im_e2e_${tag}`,
      IM_LEASE_BUCKET: `im_leases_${tag}`,
      IM_REDIS_PREFIX: `e2e:${tag}:`,
      IM_SDKAPPID: String(sdkAppId),
      IM_SECRET_KEY: secretKey,
      IM_ADMIN: admin,
      IM_LOG_LEVEL: 'warn',
      ...opts.env,
    },
    onLine: (name, line) => {
      logs.push(`[${name}] ${line}`);
      if (logs.length > 5000) logs.shift();
    },
  });
  launcher.start();
  const cluster: TestCluster = {
    launcher,
    topology,
    sdkAppId,
    secretKey,
    admin,
    logs,
    edgeUrl: (i) => launcher.urlOf(`edge-${i}`),
    wsUrl: (i) => launcher.urlOf(`edge-${i}`).replace(/^http/, 'ws') + '/ws',
    workerUrl: (i) => launcher.urlOf(`worker-${i}`),
    waitReady: (timeoutMs = 60_000) => waitAllReady(launcher, timeoutMs, logs),
    stop: () => launcher.stop(),
  };
  await cluster.waitReady();
  return cluster;
}

async function waitAllReady(launcher: Launcher, timeoutMs: number, logs: string[]): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const name of launcher.names()) {
    for (;;) {
      const ok = await fetch(`${launcher.urlOf(name)}/readyz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`${name} not ready after ${timeoutMs} ms; last logs:\n${logs.slice(-40).join('\n')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
