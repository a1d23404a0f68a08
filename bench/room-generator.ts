// Child process of bench/room.ts: opens its share of room sockets (each from its own source address
// in 127.0.0.0/8) and keeps them reading. Mode 'im': LOGIN then ROOM_JOIN on the IM edge; mode
// 'member': LOGIN only (a group member, subscribed to its joined groups at login; load/crowd.ts);
// 'raw': a bare socket on the raw uWS baseline (subscribed by the server on open); mode 'sio': the
// Engine.IO/socket.io handshake by hand (open, namespace connect, `join` with an ack, pings
// answered) on the socket.io baseline. Counting is kept
// cheap because the generators share the machine with the server: every frame is counted from its
// WebSocket header and its messages by a marker search in the payload; only one socket in
// LATENCY_SAMPLE_EVERY decodes the send times for latency.
// Messages: parent -> {job}, child -> {ready, ok, failed}; parent -> {mark} -> child {counts};
// parent -> {close}.
import { decodeServerFrame, encodeClientFrame, encodeRequestFrame, isProtocolError } from '../src/protocol/codec.js';
import { Op } from '../src/protocol/ops.js';
import { openRawWs, type RawWs } from './lib/raw-ws.js';
import { MARKER } from './lib/room-frames.js';

export interface RoomJob {
  mode: 'im' | 'member' | 'raw' | 'sio';
  port: number;
  sdkAppId: number;
  groupId: string;
  /** One entry per socket (a user may hold several sockets, one per platform slot). */
  users: Array<{ userId: string; sig: string; platform: string }>;
  addressOffset: number;
  concurrency: number;
}

const LATENCY_SAMPLE_EVERY = 25;
const MARKER_BYTES = Buffer.from(MARKER);

let job: RoomJob;
const sockets: RawWs[] = [];
let frames = 0;
let msgs = 0;
let latencies: number[] = [];
let ok = 0;
let failed = 0;
/** Why sockets failed to join: reply code or 'closed'/'connect'. */
const failures: Record<string, number> = {};
const fail = (why: string) => (failures[why] = (failures[why] ?? 0) + 1);

function sourceAddress(i: number): string {
  const n = job.addressOffset + i;
  return `127.${Math.floor(n / (254 * 256)) % 256}.${Math.floor(n / 254) % 256}.${(n % 254) + 1}`;
}

function countMarkers(p: Uint8Array): number {
  const b = Buffer.from(p.buffer, p.byteOffset, p.byteLength);
  let n = 0;
  for (let at = b.indexOf(MARKER_BYTES); at >= 0; at = b.indexOf(MARKER_BYTES, at + MARKER_BYTES.length)) n++;
  return n;
}

/** socket.io packets (text): open '0{..}', namespace connected '40{..}', ack of join '430[..]', ping '2'. */
function sioSetup(ws: RawWs, data: Uint8Array, settle: (good: boolean) => void): boolean {
  const t = Buffer.from(data).toString('utf8');
  if (t === '2') ws.sendText('3');
  else if (t.startsWith('0')) ws.sendText('40');
  else if (t.startsWith('40')) ws.sendText(`420${JSON.stringify(['join', job.groupId])}`);
  else if (t.startsWith('430')) settle(true);
  else return false;
  return true;
}

/** Send times after the marker in each message of a text frame (socket.io events). */
function sampleText(p: Uint8Array): void {
  const t = Buffer.from(p).toString('utf8');
  const now = Date.now();
  for (let at = t.indexOf(MARKER); at >= 0; at = t.indexOf(MARKER, at + MARKER.length)) latencies.push(now - Number.parseInt(t.slice(at + MARKER.length), 10));
}

/** Send times (unix ms) carried after the marker in each message's text. */
function sampleLatencies(p: Uint8Array): void {
  const f = decodeServerFrame(p);
  if (isProtocolError(f) || f.op !== Op.GROUP_MSG) return;
  const now = Date.now();
  for (const m of f.d.msgs) {
    const text = JSON.stringify(m.body);
    const at = text.indexOf(MARKER);
    if (at >= 0) latencies.push(now - Number.parseInt(text.slice(at + MARKER.length), 10));
  }
}

function openOne(i: number): Promise<void> {
  const u = job.users[i]!;
  const sampled = i % LATENCY_SAMPLE_EVERY === 0;
  return new Promise<void>((resolve) => {
    let settled = false;
    const settle = (good: boolean) => {
      if (settled) return;
      settled = true;
      if (good) ok++;
      else failed++;
      resolve();
    };
    let ws: RawWs | undefined;
    openRawWs({
      host: '127.0.0.1',
      port: job.port,
      path: job.mode === 'sio' ? `/socket.io/?EIO=4&transport=websocket&u=s${job.addressOffset + i}` : '/ws',
      localAddress: sourceAddress(i),
      onMessage: (data, self) => {
        if (job.mode === 'sio' && sioSetup(self, data, settle)) return;
        if (!settled && job.mode !== 'sio') {
          // Setup replies (LOGIN id 1, ROOM_JOIN id 2): the only frames decoded on every socket.
          const f = decodeServerFrame(data);
          if (isProtocolError(f) || f.op !== Op.REPLY) return;
          if (f.c !== 0) {
            fail(`${f.id === 1 ? 'login' : 'join'} ${f.c}`);
            return settle(false);
          }
          if (f.id === 1 && job.mode === 'member') settle(true);
          else if (f.id === 1) ws!.send(encodeRequestFrame(Op.ROOM_JOIN, 2, { groupId: job.groupId }));
          else if (f.id === 2) settle(true);
          return;
        }
        frames++;
        const n = countMarkers(data);
        msgs += n;
        if (sampled && n > 0) (job.mode === 'sio' ? sampleText : sampleLatencies)(data);
      },
      onClose: () => {
        if (!settled) fail('closed');
        settle(false);
      },
    }).then(
      (s) => {
        ws = s;
        sockets.push(s);
        if (job.mode === 'raw') return settle(true);
        if (job.mode === 'sio') return;
        s.send(encodeClientFrame({ op: Op.LOGIN, id: 1, d: { sdkAppId: job.sdkAppId, userId: u.userId, userSig: u.sig, platform: u.platform as 'Web', deviceId: `d${job.addressOffset + i}` } }));
      },
      () => {
        fail('connect');
        settle(false);
      },
    );
  });
}

process.on('message', async (m: { t: string; job?: RoomJob }) => {
  if (m.t === 'job') {
    job = m.job!;
    let next = 0;
    const lane = async () => {
      while (next < job.users.length) await openOne(next++);
    };
    await Promise.all(Array.from({ length: job.concurrency }, lane));
    process.send!({ t: 'ready', ok, failed, failures });
  } else if (m.t === 'mark') {
    process.send!({ t: 'counts', frames, msgs, latencies, open: sockets.filter((s) => !s.socket.destroyed).length });
    latencies = [];
  } else if (m.t === 'close') {
    for (const s of sockets) s.socket.destroy();
    process.exit(0);
  }
});
