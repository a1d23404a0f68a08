// `npm run bench:room`: one AVChatRoom with BENCH_ROOM_SOCKETS (default 10,000) sockets on one edge
// (single-node server process, LMDB), each from its own address in 127.0.0.0/8, logged in and
// joined with ROOM_JOIN; a sender posts send_group_msg at BENCH_ROOM_RATE (default 40) msg/s, open
// loop, priorities mixed High/Normal/Low, for BENCH_SECONDS. Measured: deliveries (messages
// received by sockets) per second, publish->receive latency p50/p99 (sampled sockets), frames per
// client per second, High-priority drops, server CPU. Then the baseline on the same machine: a raw
// uWS server (bench/lib/raw-uws-room.ts) whose sockets all subscribe one topic, the same message
// rate published with app.publish; and socket.io with its Redis adapter (bench/baselines), the same
// sockets joining one room and the same rate emitted to it. All three are reported, with ratios.
// Generators run on the same cores as the server: the figures include their cost. The raw
// baseline writes one frame per message while the edge merges a busy room's messages per 50 ms
// tick, so when the generators saturate, the baseline's clients fall behind first (its latency
// then measures the generators' backlog). deliveryCompleteness (deliveries per admitted message
// per socket) compares the fan-out without the room's rate limit.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signUserSig } from '../src/auth/usersig.js';
import { adminRest } from './lib/admin-rest.js';
import { io as sio } from 'socket.io-client';
import { startBaseline, startBenchRedis } from './lib/baseline-process.js';
import { startRoomGenerators, type RoomGenerators } from './lib/room-generators.js';
import { openRawWs } from './lib/raw-ws.js';
import { rawRoomFrame, roomText } from './lib/room-frames.js';
import { startBenchServer } from './lib/server-process.js';
import { percentiles } from './lib/stats.js';
import type { RoomJob } from './room-generator.js';
import { freePorts } from '../test/support/ports.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const DEFAULT_SOCKETS = 10_000;
const SOCKETS = Number(process.env.BENCH_ROOM_SOCKETS ?? DEFAULT_SOCKETS);
const RATE = Number(process.env.BENCH_ROOM_RATE ?? 40);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP_MS = 3_000;
const GENERATORS = Number(process.env.BENCH_GENERATORS ?? 2);
const CONCURRENCY = 128;
const GROUP_ID = 'bench-live-room';
/** Device slots a user may fill (10 Web, 3 per native platform, the multi login policy). With
 *  BENCH_ROOM_SOCKETS_PER_USER > 1 the room admits SOCKETS / n users and a member's other sockets
 *  take the actor's fast path. The default, one user per socket, measures 10,000 members joining:
 *  each costs the actor a member row; a room past LIVE_ROOM_TIPS_MAX_MEMBERS sends no join tips. */
const SLOTS = ['Web', 'Web', 'Web', 'Web', 'Web', 'Web', 'Web', 'Web', 'Web', 'Web', ...['Android', 'iPhone', 'iPad', 'PC', 'Mac', 'Unknown'].flatMap((p) => [p, p, p])];
const SOCKETS_PER_USER = Math.min(SLOTS.length, Number(process.env.BENCH_ROOM_SOCKETS_PER_USER ?? 1));
/** Priority of the k-th message: 20% High, 50% Normal, 30% Low, interleaved. */
const MIX = ['High', 'Normal', 'Low', 'Normal', 'High', 'Normal', 'Low', 'Normal', 'Low', 'Normal'] as const;
type Priority = (typeof MIX)[number];

interface SendStats { sent: Record<Priority, number>; dropped: Record<Priority, number>; errors: number; lastError?: string; ackMs: number[] }

const cpuSeconds = (pid: number): number => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, in clock ticks of 1/100 s
};

/** This bench's generator processes over the given users (bench/lib/room-generators.ts). */
const startGenerators = (job: Omit<RoomJob, 'users' | 'addressOffset' | 'concurrency'>, users: RoomJob['users']): Promise<RoomGenerators> =>
  startRoomGenerators(job, users, { processes: GENERATORS, concurrency: CONCURRENCY });

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const emptyByPriority = (): Record<Priority, number> => ({ High: 0, Normal: 0, Low: 0 });

/** Open loop: message k leaves at start + k / RATE s, whatever the previous ones are doing. */
function runSender(send: (k: number, p: Priority) => Promise<void>): { stop(): Promise<void> } {
  const start = performance.now();
  let k = 0;
  let stopped = false;
  const inflight = new Set<Promise<void>>();
  const tick = () => {
    if (stopped) return;
    const due = Math.floor(((performance.now() - start) / 1000) * RATE);
    while (k <= due) {
      const p = send(k, MIX[k % MIX.length]!).finally(() => inflight.delete(p));
      inflight.add(p);
      k++;
    }
    setTimeout(tick, Math.max(1, Math.floor(1000 / RATE / 2)));
  };
  tick();
  return {
    async stop() {
      stopped = true;
      await Promise.all(inflight);
    },
  };
}

async function measure(gens: RoomGenerators, pid: number, sender: { stop(): Promise<void> }) {
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  const a = await gens.counts();
  const cpuA = cpuSeconds(pid);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const b = await gens.counts();
  const secs = (performance.now() - t0) / 1000;
  const cpu = (cpuSeconds(pid) - cpuA) / secs;
  await sender.stop();
  const lat = percentiles(b.latencies, [50, 99]);
  return {
    sockets: b.open,
    seconds: Number(secs.toFixed(1)),
    deliveriesPerSec: Math.round((b.msgs - a.msgs) / secs),
    framesPerClientPerSec: Number(((b.frames - a.frames) / secs / Math.max(1, b.open)).toFixed(2)),
    latencyMs: { p50: Number(lat.p50!.toFixed(1)), p99: Number(lat.p99!.toFixed(1)), samples: b.latencies.length },
    serverCpuCores: Number(cpu.toFixed(2)),
  };
}

async function metricValue(url: string, name: string, label?: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const re = new RegExp(`^${name}(?:\\{([^}]*)\\})? (\\S+)$`, 'gm');
  let total = 0;
  for (const m of text.matchAll(re)) if (!label || (m[1] ?? '').includes(label)) total += Number(m[2]);
  return total;
}

// ---- the IM edge ------------------------------------------------------------------------------
async function imRun() {
  const [port] = await freePorts(1);
  const server = await startBenchServer(port!, { IM_REST_RATE_PER_SEC: '100000', IM_IDLE_TIMEOUT_SEC: '900', IM_LOGIN_POLICY: 'multi' });
  console.log(`IM server pid ${server.pid} on ${server.url}`);
  const now = Math.floor(Date.now() / 1000);
  const rest = adminRest(server).call;
  const created = await rest('group_open_http_svc/create_group', { Type: 'AVChatRoom', Name: 'bench', GroupId: GROUP_ID });
  if (created.ErrorCode !== 0) throw new Error(`create_group failed: ${JSON.stringify(created)}`);
  const sigs = new Map<string, string>();
  const sigOf = (u: string) => sigs.get(u) ?? (sigs.set(u, signUserSig(server.sdkAppId, server.secretKey, u, 86400, now)), sigs.get(u)!);
  const users = Array.from({ length: SOCKETS }, (_, i) => {
    const userId = `r${Math.floor(i / SOCKETS_PER_USER)}`;
    return { userId, sig: sigOf(userId), platform: SLOTS[(i % SOCKETS_PER_USER) % SLOTS.length]! };
  });
  const joinStart = performance.now();
  const gens = await startGenerators({ mode: 'im', port: port!, sdkAppId: server.sdkAppId, groupId: GROUP_ID }, users);
  const joinSecs = (performance.now() - joinStart) / 1000;
  const { joined, failures } = gens;
  console.log(`IM: ${joined} sockets of ${sigs.size} users logged in and joined (${gens.failed} failed ${JSON.stringify(failures)}) in ${joinSecs.toFixed(1)} s`);

  const stats: SendStats = { sent: emptyByPriority(), dropped: emptyByPriority(), errors: 0, ackMs: [] };
  const sender = runSender(async (k, p) => {
    stats.sent[p]++;
    const t0 = performance.now();
    try {
      const res = await rest('group_open_http_svc/send_group_msg', { GroupId: GROUP_ID, Random: k + 1, MsgPriority: p, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: roomText(Date.now()) } }] });
      if (res.ErrorCode !== 0) {
        stats.errors++;
        stats.lastError = `${res.ErrorCode} ${res.ErrorInfo}`;
      } else if (typeof res.MsgDropReason === 'string' && res.MsgDropReason !== '') stats.dropped[p]++;
      stats.ackMs.push(performance.now() - t0);
    } catch (e) {
      stats.errors++;
      stats.lastError = String(e);
    }
  });
  const m = await measure(gens, server.pid, sender);
  const skipped = await metricValue(server.url, 'im_ws_backpressure_drops_total', 'action="skip"');
  const closed = await metricValue(server.url, 'im_ws_backpressure_drops_total', 'action="close"');
  gens.close();
  await server.stop();
  // Messages the room admitted per second (sent minus dropped by the room's rate, over the whole run).
  const sent = sum(Object.values(stats.sent));
  const admittedShare = (sent - sum(Object.values(stats.dropped)) - stats.errors) / Math.max(1, sent);
  const completeness = m.deliveriesPerSec / Math.max(1, RATE * admittedShare * m.sockets);
  const ack = percentiles(stats.ackMs, [50, 99]);
  const { ackMs: _ackMs, ...sends } = stats;
  return { ...m, joined, users: sigs.size, joinFailures: failures, joinSeconds: Number(joinSecs.toFixed(1)), sends, sendAckMs: { p50: Number(ack.p50!.toFixed(1)), p99: Number(ack.p99!.toFixed(1)) }, admittedPerSec: Number((RATE * admittedShare).toFixed(1)), deliveryCompleteness: Number(completeness.toFixed(3)), slowSocketSkips: skipped, backpressureCloses: closed };
}

// ---- the raw uWS baseline ---------------------------------------------------------------------
async function rawRun() {
  const [port] = await freePorts(1);
  const proc = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'lib', 'raw-uws-room.ts')], { env: { ...process.env, RAW_ROOM_PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => proc.stdout!.on('data', (d: Buffer) => d.toString().includes('listening') && resolve()));
  const exited = new Promise((r) => proc.once('exit', r));
  const users = Array.from({ length: SOCKETS }, (_, i) => ({ userId: `r${i}`, sig: '', platform: 'Web' }));
  const gens = await startGenerators({ mode: 'raw', port: port!, sdkAppId: 0, groupId: GROUP_ID }, users);
  console.log(`raw: ${gens.joined} sockets subscribed`);
  const pub = await openRawWs({ host: '127.0.0.1', port: port!, path: '/pub', onMessage: () => undefined });
  const sender = runSender(async (k, p) => pub.send(rawRoomFrame(GROUP_ID, Date.now(), p.toLowerCase(), k)));
  const m = await measure(gens, proc.pid!, sender);
  pub.close();
  gens.close();
  proc.kill('SIGTERM');
  await exited;
  return { ...m, deliveryCompleteness: Number((m.deliveriesPerSec / Math.max(1, RATE * m.sockets)).toFixed(3)) };
}

// ---- the socket.io baseline ------------------------------------------------------------------
/** socket.io with its Redis adapter (bench/baselines/socketio-relay-server.ts): every socket joins
 *  room GROUP_ID; a socket.io client in this process emits `pub` at the same rate. */
async function sioRun() {
  const [port] = await freePorts(1);
  const redis = startBenchRedis();
  try {
    const server = await startBaseline('socketio-relay-server.ts', port!, [redis.url]);
    try {
      const users = Array.from({ length: SOCKETS }, (_, i) => ({ userId: `s${i}`, sig: '', platform: 'Web' }));
      const gens = await startGenerators({ mode: 'sio', port: port!, sdkAppId: 0, groupId: GROUP_ID }, users);
      console.log(`socket.io: ${gens.joined} sockets joined`);
      const pub = sio(server.url, { transports: ['websocket'], query: { u: 'sender' }, reconnection: false });
      await new Promise<void>((r) => pub.once('connect', () => r()));
      const sender = runSender(async () => void pub.emit('pub', { r: GROUP_ID, b: roomText(Date.now()) }));
      const m = await measure(gens, server.pid, sender);
      pub.close();
      gens.close();
      return { ...m, deliveryCompleteness: Number((m.deliveriesPerSec / Math.max(1, RATE * m.sockets)).toFixed(3)) };
    } finally {
      await server.stop();
    }
  } finally {
    redis.stop();
  }
}

// BENCH_ROOM_ONLY=im|raw|sio runs one side (while tuning); the report needs all three.
const only = process.env.BENCH_ROOM_ONLY;
const pause = () => new Promise((r) => setTimeout(r, 2_000)); // the closed sockets' file descriptors are released
const im = only && only !== 'im' ? undefined : await imRun();
await pause();
const raw = only && only !== 'raw' ? undefined : await rawRun();
await pause();
const socketIo = only && only !== 'sio' ? undefined : await sioRun();
const summary = {
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  sockets: SOCKETS,
  ratePerSec: RATE,
  mix: 'High 20% / Normal 50% / Low 30%',
  im,
  raw,
  socketIo,
  deliveriesRatio: im && raw ? Number((im.deliveriesPerSec / Math.max(1, raw.deliveriesPerSec)).toFixed(3)) : null,
  deliveriesRatioVsSocketIo: im && socketIo ? Number((im.deliveriesPerSec / Math.max(1, socketIo.deliveriesPerSec)).toFixed(3)) : null,
  // The room's rate drops part of the Normal/Low sends by design; this compares the fan-out alone:
  // deliveries per admitted message per socket, IM edge against raw uWS.
  completenessRatio: im && raw ? Number((im.deliveryCompleteness / Math.max(0.001, raw.deliveryCompleteness)).toFixed(3)) : null,
  highPriorityDrops: im ? im.sends.dropped.High : null,
  goals: { deliveriesRatio: 0.8, deliveriesRatioVsSocketIo: 5, highPriorityDrops: 0 },
};
console.log(JSON.stringify(summary, null, 2));
mkdirSync(join(HERE, 'results'), { recursive: true });
writeFileSync(join(HERE, 'results', SOCKETS === DEFAULT_SOCKETS ? 'room.json' : `room-${SOCKETS}.json`), JSON.stringify(summary, null, 2) + '\n');
process.exit(0);
