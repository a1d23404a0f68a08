// reconnect-storm: IM_LOAD_VUS x IM_LOAD_CLIENTS_PER_VU clients, each receiving C2C messages from its
// VU's feeder (a sender socket that sends round-robin at IM_LOAD_MSGS_PER_SEC per VU). Clients
// lose their edge: either it is stopped by whoever drives the run (cluster runs), or, with
// IM_LOAD_DROP_AT_S > 0, each client drops its own socket at that time (single node). A client
// that lost its socket reconnects to the next target, logs in and resynchronises with C2C_SYNC
// from the last seq it saw, holding back pushes until the sync is done and then dropping pushes
// the sync already covered (in flight while it ran, counted as overlap), as an SDK does. Checks:
// no gap and no duplicate across pushes and sync pages, every acked message seen by the end (a
// final sync), and resync time (socket lost -> synced) within IM_LOAD_RESYNC_MAX_MS.
import exec from 'k6/execution';
import { Counter, Trend } from 'k6/metrics';
import { clearInterval, setInterval, setTimeout } from 'k6/timers';
import type { C2cMessageInfo, C2cResults } from '../../src/protocol/c2c-frames.js';
import { Err } from '../../src/protocol/error-codes.js';
import { Op } from '../../src/protocol/ops.js';
import { envInt, targets } from '../lib/env.js';
import { ImSocket } from '../lib/im-socket.js';
import { SeqChecker } from '../lib/seq-checker.js';
import { LOGIN_THRESHOLDS } from '../lib/thresholds.js';
import { loadUsers } from '../lib/users.js';

const data = loadUsers();
const VUS = envInt('IM_LOAD_VUS', 10);
const CLIENTS = envInt('IM_LOAD_CLIENTS_PER_VU', 50);
const RATE = envInt('IM_LOAD_MSGS_PER_SEC', 20);
const DURATION_S = envInt('IM_LOAD_DURATION_S', 30);
const DROP_AT_S = envInt('IM_LOAD_DROP_AT_S', 0);
const GRACE_S = envInt('IM_LOAD_GRACE_S', 5);
const RESYNC_MAX_MS = envInt('IM_LOAD_RESYNC_MAX_MS', 30_000);
const SYNC_PAGE = 100;
/** Longest the feeder waits for its clients' first logins before sending anyway. */
const START_WAIT_S = 60;
const urls = targets();

export const options = {
  scenarios: { storm: { executor: 'per-vu-iterations', vus: VUS, iterations: 1, maxDuration: `${DURATION_S + GRACE_S + 90}s` } },
  thresholds: {
    ...LOGIN_THRESHOLDS,
    im_resync_gap: ['count==0'],
    im_resync_dup: ['count==0'],
    im_resync_lost: ['count==0'],
    im_resync_failed: ['count==0'],
    im_resync_ms: [`max<${RESYNC_MAX_MS}`],
  },
};

const loginMs = new Trend('im_login_ms', true);
const loginFailed = new Counter('im_login_failed');
const resyncMs = new Trend('im_resync_ms', true);
const resynced = new Counter('im_resynced');
const resyncFailed = new Counter('im_resync_failed');
const lost = new Counter('im_resync_lost');
const acked = new Counter('im_resync_acked');
const checker = new SeqChecker(new Counter('im_resync_gap'), new Counter('im_resync_dup'));
/** Pushes already covered by the resync's pages (sent while the sync ran): an SDK drops them by seq. */
const overlap = new Counter('im_resync_overlap');
/** How long after a resync a push at or below the synced seq counts as overlap, not duplicate. */
const OVERLAP_MS = 10_000;

interface Client {
  user: { userId: string; sig: string };
  conv: string;
  sock?: ImSocket;
  /** Pushes held back while a sync runs. */
  held?: C2cMessageInfo[];
  seen: number;
  ackedN: number;
  lostAt?: number;
  /** When the last resync finished. */
  syncedAt?: number;
  attempt: number;
  ending: boolean;
}

export default function (): void {
  const vu = exec.vu.idInTest - 1;
  const feeder = data.users[(vu * (CLIENTS + 1)) % data.users.length]!;
  const clients: Client[] = Array.from({ length: CLIENTS }, (_, k) => {
    const user = data.users[(vu * (CLIENTS + 1) + 1 + k) % data.users.length]!;
    return { user, conv: `${feeder.userId}>${user.userId}`, seen: 0, ackedN: 0, attempt: 0, ending: false };
  });
  const started = Date.now();
  /** Clients whose history is measured: the feeder waits for all (or START_WAIT_S), so no message races a baseline. */
  let baselined = 0;

  const apply = (c: Client, m: C2cMessageInfo) => {
    if (m.from !== feeder.userId) return;
    checker.see(c.conv, m.seq);
    c.seen++;
  };

  /** Pages C2C_SYNC from the last seq seen until complete, then releases held pushes. */
  const sync = (c: Client, s: ImSocket, done: () => void) => {
    const after = checker.lastSeq(c.conv) ?? 0;
    s.request(Op.C2C_SYNC, { peer: feeder.userId, afterSeq: after, limit: SYNC_PAGE }, (r) => {
      if (r.c !== Err.OK) {
        resyncFailed.add(1, { code: String(r.c) });
        return;
      }
      const page = r.d as C2cResults[typeof Op.C2C_SYNC];
      for (const m of page.messages) apply(c, m);
      if (!page.complete && page.messages.length > 0) return sync(c, s, done);
      const held = c.held ?? [];
      c.held = undefined;
      const last = checker.lastSeq(c.conv) ?? 0;
      for (const m of held) if (m.seq > last) apply(c, m);
      done();
    });
  };

  const connect = (c: Client, first: boolean) => {
    const url = urls[(clients.indexOf(c) + vu + c.attempt) % urls.length]!;
    c.held = first ? undefined : [];
    const t0 = Date.now();
    const s = new ImSocket(url, {
      open: (sock) =>
        sock.login(data.sdkAppId, c.user, `k6-storm-${c.user.userId}`, (code) => {
          if (code !== Err.OK) {
            loginFailed.add(1, { code: String(code) });
            return;
          }
          if (first) {
            loginMs.add(Date.now() - t0);
            // Everything stored before the run is history: the checker starts after it.
            sock.request(Op.C2C_SYNC, { peer: feeder.userId, afterSeq: 2 ** 31, limit: 1 }, (r) => {
              checker.baseline(c.conv, (r.d as C2cResults[typeof Op.C2C_SYNC] | undefined)?.maxSeq ?? 0);
              baselined++;
            });
            return;
          }
          sync(c, sock, () => {
            resyncMs.add(Date.now() - (c.lostAt ?? Date.now()));
            resynced.add(1);
            c.lostAt = undefined;
            c.syncedAt = Date.now();
          });
        }),
      push: (f) => {
        if (f.op !== Op.C2C_MSG) return;
        const m = (f.d as { msg: C2cMessageInfo }).msg;
        if (c.held) c.held.push(m);
        else if (c.syncedAt !== undefined && Date.now() - c.syncedAt < OVERLAP_MS && m.seq <= (checker.lastSeq(c.conv) ?? 0)) overlap.add(1);
        else apply(c, m);
      },
      close: () => {
        if (c.ending || c.sock !== s) return;
        c.lostAt = Date.now();
        c.attempt++;
        // A storm: everyone comes back at once, spread over a second like real clients.
        setTimeout(() => connect(c, false), Math.random() * 1000);
      },
    });
    c.sock = s;
  };

  for (const c of clients) connect(c, true);

  // The feeder reconnects too when its edge goes; sends while it is away are simply not made.
  let tx: ImSocket | undefined;
  let feeding = true;
  const feed = (attempt: number) => {
    const s = new ImSocket(urls[(vu + attempt) % urls.length]!, {
      open: (sock) =>
        sock.login(data.sdkAppId, feeder, `k6-feeder-${vu}`, (code) => {
          if (code !== Err.OK) loginFailed.add(1, { code: String(code) });
        }),
      close: () => {
        if (feeding && tx === s) setTimeout(() => feed(attempt + 1), Math.random() * 1000);
      },
    });
    tx = s;
  };
  feed(0);
  const base = Math.floor(Math.random() * 2 ** 31);
  let n = 0;
  const tick = setInterval(() => {
    if (baselined < clients.length && Date.now() - started < START_WAIT_S * 1000) return;
    const c = clients[n % clients.length]!;
    const random = (base + n++) % 2 ** 32;
    tx?.request(Op.C2C_SEND, { to: c.user.userId, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `storm ${random}` } }], MsgRandom: random }, (r) => {
      if (r.c === Err.OK) {
        c.ackedN++;
        acked.add(1);
      }
    });
  }, 1000 / RATE);
  setTimeout(() => {
    feeding = false;
    clearInterval(tick);
  }, DURATION_S * 1000);

  if (DROP_AT_S > 0) setTimeout(() => clients.forEach((c) => setTimeout(() => c.sock?.close(), Math.random() * 1000)), DROP_AT_S * 1000);

  // The end: a last sync on every live socket, then what was acked but never seen is lost.
  setTimeout(() => {
    tx?.close();
    let pending = clients.length;
    const finish = () => {
      if (--pending > 0) return;
      for (const c of clients) {
        if (c.ackedN > c.seen) lost.add(c.ackedN - c.seen);
        c.ending = true;
        c.sock?.close();
      }
    };
    for (const c of clients) {
      if (c.sock?.open && c.held === undefined) sync(c, c.sock, finish);
      else {
        resyncFailed.add(1, { code: 'not-resynced' });
        finish();
      }
    }
  }, (DURATION_S + GRACE_S) * 1000);
}
