// `npm run bench`: runs every benchmark in turn (each starts its own server process) and writes
// bench/results.md, a table of what each measured with the machine it ran on. Each benchmark also
// keeps its JSON in bench/results/. Benchmarks of later features add themselves to BENCHES.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

interface Bench {
  script: string;
  result: string;
  rows(r: Record<string, any>): Array<[string, string, string]>; // [measure, value, goal]
}

const BENCHES: Bench[] = [
  {
    script: 'login.ts',
    result: 'login.json',
    rows: (r) => [
      ['logins per second (19,900 sockets, generator on the same cores)', String(r.loginsPerSec), '≥ 10,000'],
      ['login latency p50 / p99 (ms)', `${r.loginLatencyMs.p50} / ${r.loginLatencyMs.p99}`, ''],
      ['resident memory per idle authenticated connection (bytes)', String(r.bytesPerIdleConnection), '≤ 10,240'],
      ['V8 heap per idle authenticated connection (bytes)', String(r.heapBytesPerIdleConnection), ''],
    ],
  },
  {
    script: 'social-check.ts',
    result: 'social-check.json',
    rows: (r) => [
      ['friend_check, 1,000 accounts: p50 / p95 (ms)', `${r.friend_check_ms.p50} / ${r.friend_check_ms.p95}`, 'one round trip'],
      ['black_list_check, 1,000 accounts: p50 / p95 (ms)', `${r.black_list_check_ms.p50} / ${r.black_list_check_ms.p95}`, 'one round trip'],
    ],
  },
  {
    script: 'c2c.ts',
    result: 'c2c.json',
    rows: (r) => {
      const rows: Array<[string, string, string]> = [];
      const add = (where: string, f: Record<string, any>, goal: string) => {
        rows.push([`C2C acked messages per second, ${where} (${r.pairs} pairs, ${r.window} in flight each)`, String(f.peak.ackedPerSec), goal]);
        rows.push([`C2C send→ack / send→deliver p99 at the peak, ${where} (ms)`, `${f.peak.sendToAckMs.p99} / ${f.peak.sendToDeliverMs.p99}`, '']);
        rows.push([`C2C send→ack p50 / p99 at half of the peak (${f.halfPeak.mode}), ${where} (ms)`, `${f.halfPeak.sendToAckMs.p50} / ${f.halfPeak.sendToAckMs.p99}`, 'p99 ≤ 50']);
        rows.push([`C2C send→deliver p50 / p99 at half of the peak, ${where} (ms)`, `${f.halfPeak.sendToDeliverMs.p50} / ${f.halfPeak.sendToDeliverMs.p99}`, '']);
      };
      add('single node (LMDB)', r.single, '≥ 20,000');
      rows.push([`baseline: raw uWS relay, same workload (no auth, storage or order): acked msg/s`, String(r.baselines.rawUws.ackedPerSec), 'ceiling']);
      rows.push([`baseline: socket.io + Redis adapter relay (no storage): acked msg/s`, String(r.baselines.socketIo.ackedPerSec), '']);
      rows.push(['C2C single node ÷ raw uWS relay / ÷ socket.io relay', `${r.ratios.vsRawUws} / ${r.ratios.vsSocketIo}`, '÷ socket.io ≥ 3']);
      if (r.cluster) add('cluster (2 edges, 2 workers, Cassandra)', r.cluster, '≥ 5,000');
      return rows;
    },
  },
];

const lines = [
  '# Benchmark results',
  '',
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${new Date().toISOString()}.`,
  'Load generators run on the same machine as the server.',
  '',
  '| benchmark | measure | value | goal |',
  '|---|---|---|---|',
];
let failed = 0;
for (const b of BENCHES) {
  console.log(`== ${b.script}`);
  try {
    execFileSync(process.execPath, ['--import', 'tsx', join(HERE, b.script)], { stdio: 'inherit' });
    const r = JSON.parse(readFileSync(join(HERE, 'results', b.result), 'utf8')) as Record<string, any>;
    for (const [measure, value, goal] of b.rows(r)) lines.push(`| ${b.script} | ${measure} | ${value} | ${goal} |`);
  } catch (e) {
    failed++;
    lines.push(`| ${b.script} | failed: ${(e as Error).message.split('\n')[0]} | | |`);
  }
}
writeFileSync(join(HERE, 'results.md'), lines.join('\n') + '\n');
console.log(lines.join('\n'));
process.exit(failed ? 1 : 0);
