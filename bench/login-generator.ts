// Child process of bench/login.ts: opens its share of sockets (each from its own source address in
// 127.0.0.0/8), logs each one in, keeps them open and idle, and reports timings to the parent.
// Messages: parent -> {job} (too large for the environment), child -> {ready}, parent -> {go},
// child, {done, ok, failed, firstMs, lastMs, latencies},
// parent -> {close}.
import { encodeClientFrame, decodeServerFrame, isProtocolError } from '../src/protocol/codec.js';
import { Op } from '../src/protocol/ops.js';
import { openRawWs, type RawWs } from './lib/raw-ws.js';

interface Job {
  port: number;
  sdkAppId: number;
  users: Array<{ userId: string; sig: string }>;
  addressOffset: number;
  concurrency: number;
}

let job: Job;
const sockets: RawWs[] = [];
const latencies: number[] = [];
let ok = 0;
let failed = 0;
let firstMs = 0;
let lastMs = 0;

/** 127.0.0.1 .. 127.255.255.254, skipping .0 and .255 in the last octet. */
function sourceAddress(i: number): string {
  const n = job.addressOffset + i;
  const last = (n % 254) + 1;
  const mid = Math.floor(n / 254) % 256;
  const hi = Math.floor(n / (254 * 256)) % 256;
  return `127.${hi}.${mid}.${last}`;
}

async function loginOne(i: number): Promise<void> {
  const u = job.users[i]!;
  const started = performance.now();
  await new Promise<void>((resolve) => {
    let done = false;
    const finish = (good: boolean) => {
      if (done) return;
      done = true;
      if (good) ok++;
      else failed++;
      latencies.push(performance.now() - started);
      lastMs = Date.now();
      resolve();
    };
    openRawWs({
      host: '127.0.0.1',
      port: job.port,
      path: '/ws',
      localAddress: sourceAddress(i),
      onMessage: (data) => {
        const f = decodeServerFrame(data);
        if (!isProtocolError(f) && f.op === Op.REPLY && f.id === 1) finish(f.c === 0);
      },
      onClose: () => finish(false),
    }).then(
      (ws) => {
        sockets.push(ws);
        ws.send(encodeClientFrame({ op: Op.LOGIN, id: 1, d: { sdkAppId: job.sdkAppId, userId: u.userId, userSig: u.sig, platform: 'Android', deviceId: `d${i}` } }));
      },
      () => finish(false),
    );
  });
}

process.on('message', async (m: { t: string; job?: Job }) => {
  if (m.t === 'job') {
    job = m.job!;
    process.send!({ t: 'ready' });
  } else if (m.t === 'go') {
    firstMs = Date.now();
    let next = 0;
    const lane = async () => {
      while (next < job.users.length) await loginOne(next++);
    };
    await Promise.all(Array.from({ length: job.concurrency }, lane));
    process.send!({ t: 'done', ok, failed, firstMs, lastMs, latencies });
  } else if (m.t === 'close') {
    for (const s of sockets) s.socket.destroy();
    process.exit(0);
  }
});
