// `npm run bench`: runs every benchmark in turn (each starts its own server process) and writes
// bench/results.md, a table of what each measured with the machine it ran on. Each benchmark also
// keeps its JSON in bench/results/. Benchmarks of later features add themselves to BENCHES.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BarChart, barChartSvg } from './lib/svg-chart.js';

const HERE = dirname(fileURLToPath(import.meta.url));

interface Bench {
  script: string;
  result: string;
  /** Extra environment of the run (sizes). */
  env?: Record<string, string>;
  /** Run on its own (it takes long), not by `npm run bench`: only its kept result is reported. */
  reportOnly?: boolean;
  rows(r: Record<string, any>): Array<[string, string, string]>; // [measure, value, goal]
  /** Charts drawn from the result, each written to bench/results/<file>.svg. */
  charts?(r: Record<string, any>): Array<{ file: string; chart: BarChart }>;
}

/** The live-room rows and chart, for each room size benchmarked (room.json: 10,000 sockets). */
function roomBench(result: string, env: Record<string, string> = {}): Bench {
  return {
    script: 'room.ts',
    result,
    env,
      rows: (r) => [
        [`AVChatRoom deliveries per second (${r.sockets} sockets on one edge, ${r.ratePerSec} msg/s sent, ${r.mix})`, String(r.im.deliveriesPerSec), ''],
        ['baseline: raw uWS topic publish, same sockets and rate: deliveries per second', String(r.raw.deliveriesPerSec), 'ceiling'],
        ...(r.socketIo
          ? ([
              [`baseline: socket.io + Redis adapter room, same sockets and rate: deliveries per second (latency p50 / p99 ${r.socketIo.latencyMs.p50} / ${r.socketIo.latencyMs.p99} ms, server CPU ${r.socketIo.serverCpuCores} cores)`, String(r.socketIo.deliveriesPerSec), ''],
              ['AVChatRoom ÷ socket.io room deliveries per second', String(r.deliveriesRatioVsSocketIo), '≥ 5'],
              // Where the ÷ socket.io goal sits against this stack's own ceiling in the same run.
              ['5 × socket.io room ÷ raw uWS publish (the share of the raw publish that goal asks for)', ((5 * r.socketIo.deliveriesPerSec) / r.raw.deliveriesPerSec).toFixed(2), ''],
            ] as Array<[string, string, string]>)
          : []),
        ['AVChatRoom ÷ raw uWS deliveries per second (the room rate admits ' + r.im.admittedPerSec + ' msg/s of ' + r.ratePerSec + ')', String(r.deliveriesRatio), '≥ 0.8'],
        ['fan-out completeness: deliveries per admitted message per socket, AVChatRoom ÷ raw uWS', String(r.completenessRatio), ''],
        ['AVChatRoom publish→receive latency p50 / p99 (ms; raw uWS: ' + `${r.raw.latencyMs.p50} / ${r.raw.latencyMs.p99})`, `${r.im.latencyMs.p50} / ${r.im.latencyMs.p99}`, ''],
        ['AVChatRoom frames per client per second (merged per 50 ms tick; raw uWS: ' + `${r.raw.framesPerClientPerSec})`, String(r.im.framesPerClientPerSec), ''],
        ['AVChatRoom High-priority drops', String(r.highPriorityDrops), '0'],
        ...(r.im.sendAckMs ? [['send_group_msg → ack p50 / p99 (ms)', `${r.im.sendAckMs.p50} / ${r.im.sendAckMs.p99}`, ''] as [string, string, string]] : []),
        ['server CPU (cores) AVChatRoom / raw uWS', `${r.im.serverCpuCores} / ${r.raw.serverCpuCores}`, ''],
      ],
      charts: (r) => [
        {
          file: result === 'room.json' ? 'room-deliveries' : `room-deliveries-${r.sockets}`,
          chart: {
            title: `AVChatRoom: deliveries per second, ${r.sockets} sockets on one edge`,
            unit: `messages received by sockets per second; ${r.ratePerSec} msg/s sent, generators on the same 2 cores`,
            bars: [
              { label: 'tim-server AVChatRoom (rate-limited room)', value: r.im.deliveriesPerSec },
              { label: 'raw uWS topic publish', value: r.raw.deliveriesPerSec },
              ...(r.socketIo ? [{ label: 'socket.io + Redis adapter room', value: r.socketIo.deliveriesPerSec }] : []),
            ],
          },
        },
      ],
  };
}

/** The k6 scenarios at full size on one node (load/full-size.ts; load/README.md says why each size). */
function fullSizeRows(r: Record<string, any>): Array<[string, string, string]> {
  const f = (scenario: string) => r[scenario]?.figures ?? {};
  const p = (m: Record<string, any> | undefined) => (m ? `${Math.round(m.med)} / ${Math.round(m['p(99)'])}` : '');
  const ok = (scenario: string) => (r[scenario]?.ok ? 'green' : 'thresholds crossed');
  const rows: Array<[string, string, string]> = [];
  const cs = f('connect-storm');
  rows.push([`k6 connect-storm: ${cs.im_logged_in?.count} sockets at 2,000 logins/s offered: logins/s achieved, login p50 / p99 (ms)`, `${cs.loginsPerSecond}; ${p(cs.im_login_ms)}`, `${ok('connect-storm')} (p99 < 2,000)`]);
  const c = f('c2c');
  rows.push([`k6 c2c: 500 pairs at 4 msg/s: acked, ack p50 / p99 (ms), gaps + dups + lost`, `${c.im_c2c_acked?.count}; ${p(c.im_c2c_ack_ms)}; ${(c.im_c2c_gap?.count ?? 0) + (c.im_c2c_dup?.count ?? 0) + (c.im_c2c_lost?.count ?? 0)}`, `${ok('c2c')} (p99 < 500, 0)`]);
  const g = f('group-chat');
  rows.push([`k6 group-chat: 2 × 500 members: received, deliver p50 / p99 (ms), missed + dups`, `${g.im_group_msgs_received?.count}; ${p(g.im_group_deliver_ms)}; ${(g.im_group_missed?.count ?? 0) + (g.im_group_dup?.count ?? 0)}`, `${ok('group-chat')} (p99 < 1,000, 0)`]);
  const l = f('live-room');
  rows.push([`k6 live-room: 10,000 online (200 k6 + ${r['live-room']?.crowd?.joined} crowd), 40 msg/s: deliver p50 / p99 (ms), High missed, join failures`, `${p(l.im_room_deliver_ms)}; ${l.im_room_high_missed?.count}; ${l.im_room_join_failed?.count}`, `${ok('live-room')} (p99 < 1,000, 0, 0)`]);
  const m = f('community');
  rows.push([`k6 community: 100,000 members, 10,000 online (1,000 k6 + ${r.community?.crowd?.joined} crowd), 10 topics: deliver p50 / p99 (ms), missed + dups`, `${p(m.im_group_deliver_ms)}; ${(m.im_group_missed?.count ?? 0) + (m.im_group_dup?.count ?? 0)}`, `${ok('community')} (p99 < 2,000, 0)`]);
  const a = f('rest-admin');
  rows.push([`k6 rest-admin: 500 requests/s: requests, p50 / p99 (ms), errors`, `${a.http_reqs?.count}; ${a.im_rest_ms ? `${a.im_rest_ms.med.toFixed(1)} / ${a.im_rest_ms['p(99)'].toFixed(1)}` : ''}; ${a.im_rest_errors?.count}`, `${ok('rest-admin')} (p99 < 500, 0)`]);
  return rows;
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
    charts: (r) => [
      {
        file: 'memory-per-connection',
        chart: {
          title: 'Memory per idle authenticated connection',
          unit: 'bytes (goal ≤ 10,240)',
          bars: [
            { label: 'resident memory (RSS growth)', value: r.bytesPerIdleConnection },
            { label: 'V8 heap', value: r.heapBytesPerIdleConnection },
          ],
        },
      },
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
      // Where the ÷ socket.io goal sits against this stack's own ceiling in the same run.
      const need = (3 * r.baselines.socketIo.ackedPerSec) / r.baselines.rawUws.ackedPerSec;
      rows.push(['3 × socket.io relay ÷ raw uWS relay (the share of the raw relay that goal asks for, with auth, storage and order on)', need.toFixed(2), '']);
      const warm = r.clusterWarmupS === undefined ? '' : `, after a ${r.clusterWarmupS} s warm-up`;
      if (r.cluster) add(`cluster (2 edges, 2 workers, Cassandra${warm})`, r.cluster, '≥ 5,000');
      return rows;
    },
    charts: (r) => {
      const servers: Array<[string, Record<string, any>]> = [
        ['tim-server, single node (LMDB)', r.single.peak],
        ...(r.cluster ? ([['tim-server, cluster (Cassandra)', r.cluster.peak]] as Array<[string, Record<string, any>]>) : []),
        ['socket.io + Redis adapter (no storage)', r.baselines.socketIo],
        ['raw uWS relay (no auth, storage)', r.baselines.rawUws],
      ];
      return [
        { file: 'c2c-throughput', chart: { title: 'One-to-one: acked messages per second at the peak', unit: `msg/s, ${r.pairs} pairs, ${r.window} in flight per sender, generator on the same 2 cores`, bars: servers.map(([label, f]) => ({ label, value: f.ackedPerSec })) } },
        {
          file: 'c2c-latency',
          chart: {
            title: 'One-to-one: send → deliver latency',
            unit: 'ms; ours at half of its peak, baselines at their peak',
            series: ['p50', 'p99'],
            bars: [
              { label: 'single node, half of peak', value: r.single.halfPeak.sendToDeliverMs.p50, value2: r.single.halfPeak.sendToDeliverMs.p99 },
              ...(r.cluster ? [{ label: 'cluster, half of peak', value: r.cluster.halfPeak.sendToDeliverMs.p50, value2: r.cluster.halfPeak.sendToDeliverMs.p99 }] : []),
              { label: 'socket.io relay, peak', value: r.baselines.socketIo.sendToDeliverMs.p50, value2: r.baselines.socketIo.sendToDeliverMs.p99 },
              { label: 'raw uWS relay, peak', value: r.baselines.rawUws.sendToDeliverMs.p50, value2: r.baselines.rawUws.sendToDeliverMs.p99 },
            ],
          },
        },
      ];
    },
  },
  roomBench('room.json'),
  // The largest room one edge process holds under this machine's 20,000 open-file limit.
  roomBench('room-19000.json', { BENCH_ROOM_SOCKETS: '19000' }),
  {
    script: 'reconnect-storm.ts',
    result: 'reconnect-storm.json',
    rows: (r) => [
      [`reconnect storm: clients on a 2-edge cluster, one edge stopped mid-run (k6, ${r.clients} clients, first logins at ${r.loginRate}/s): clients moved / resynced`, `${r.moved} / ${r.resynced}`, '10,000 clients'],
      ['resync time (socket lost → synced) p50 / p99 / max (ms)', `${Math.round(r.resyncMs.p50)} / ${Math.round(r.resyncMs.p99)} / ${Math.round(r.resyncMs.max)}`, 'max ≤ 30,000'],
      ['first login p50 / p99 (ms) on the cluster (Cassandra, 4 server processes and k6 on 2 cores)', `${Math.round(r.loginMs.p50)} / ${Math.round(r.loginMs.p99)}`, 'p99 < 2,000 (k6 threshold)'],
      ...(r.warmup
        ? [[`cluster logins per second before the storm (${r.warmup.logins} warm-up logins over both edges, Node generators, ${r.warmup.inFlight} in flight), p50 / p99 (ms)`, `${r.warmup.loginsPerSec}; ${r.warmup.loginMs.p50} / ${r.warmup.loginMs.p99}`, ''] as [string, string, string]]
        : []),
      ['gaps / duplicates / messages lost / clients not resynced', `${r.gaps} / ${r.duplicates} / ${r.lost} / ${r.notResynced}`, '0 / 0 / 0 / 0'],
    ],
  },
  {
    script: '../load/full-size.ts',
    result: 'load-full-size.json',
    reportOnly: true,
    rows: (r) => fullSizeRows(r),
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
// BENCH_ONLY=c2c.ts,login.ts runs some; BENCH_REPORT_ONLY=1 rebuilds the report from the JSON kept
// in bench/results/ (e.g. after running benchmarks one by one).
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const reportOnly = process.env.BENCH_REPORT_ONLY === '1';
let failed = 0;
const charts: string[] = [];
for (const b of BENCHES) {
  try {
    if (!reportOnly && !b.reportOnly && (!only || only.includes(b.script))) {
      console.log(`== ${b.script} ${JSON.stringify(b.env ?? {})}`);
      execFileSync(process.execPath, ['--import', 'tsx', join(HERE, b.script)], { stdio: 'inherit', env: { ...process.env, ...b.env } });
    }
    const r = JSON.parse(readFileSync(join(HERE, 'results', b.result), 'utf8')) as Record<string, any>;
    for (const [measure, value, goal] of b.rows(r)) lines.push(`| ${b.script} | ${measure} | ${value} | ${goal} |`);
    for (const c of b.charts?.(r) ?? []) {
      writeFileSync(join(HERE, 'results', `${c.file}.svg`), barChartSvg(c.chart));
      charts.push(`![${c.chart.title}](results/${c.file}.svg)`);
    }
  } catch (e) {
    failed++;
    lines.push(`| ${b.script} | failed: ${(e as Error).message.split('\n')[0]} | | |`);
  }
}
if (charts.length) lines.push('', '## Charts', '', ...charts.flatMap((c) => [c, '']));
writeFileSync(join(HERE, 'results.md'), lines.join('\n') + '\n');
console.log(lines.join('\n'));
process.exit(failed ? 1 : 0);
