// reconnect-storm: IM_LOAD_VUS x IM_LOAD_CLIENTS_PER_VU clients, each receiving C2C messages from its
// VU's feeder (a sender socket that sends round-robin at IM_LOAD_MSGS_PER_SEC per VU). First logins
// arrive at IM_LOAD_LOGIN_RATE per second; one that fails (or whose socket the server closes, e.g.
// its login deadline) is a failed login and is retried, never counted as a resync. Clients
// lose their edge: either it is stopped by whoever drives the run (cluster runs), or, with
// IM_LOAD_DROP_AT_S > 0, each client drops its own socket at that time (single node). A client
// that lost its socket reconnects to the next target, logs in and resynchronises with C2C_SYNC
// from the last seq it saw, holding back pushes until the sync is done and then dropping pushes
// the sync already covered (in flight while it ran, counted as overlap), as an SDK does. Checks:
// no gap and no duplicate across pushes and sync pages, every acked message seen by the end (a
// final sync), resync time (first socket lost -> synced, failed attempts included) within
// IM_LOAD_RESYNC_MAX_MS, and no logged-in socket closed for any reason but its edge draining.
import exec from 'k6/execution';
import { Counter, Trend } from 'k6/metrics';
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'k6/timers';
import type { C2cMessageInfo, C2cResults } from '../../src/protocol/c2c-frames.js';
import { CloseCode } from '../../src/protocol/close-codes.js';
import { Err } from '../../src/protocol/error-codes.js';
import { DEFAULT_HEARTBEAT_MS } from '../../src/protocol/limits.js';
import { Op } from '../../src/protocol/ops.js';
import { envInt, loginDelayMs, targets } from '../lib/env.js';
import { peekC2cMsg } from '../lib/frame-peek.js';
import { FIRST_REQUEST_ID, ImSocket, loginFrame, NOT_CONNECTED } from '../lib/im-socket.js';
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
/** Seconds between a client's heartbeats (the SDK's default, DEFAULT_HEARTBEAT_MS). */
const HEARTBEAT_S = Math.max(1, envInt('IM_LOAD_HEARTBEAT_S', DEFAULT_HEARTBEAT_MS / 1000));
/** Longest the end waits for the final syncs before counting the silent ones as not resynced. */
const FINAL_WAIT_S = 30;
/** First logins per second over all VUs (0 = all at once). */
const LOGIN_RATE = envInt('IM_LOAD_LOGIN_RATE', 1_000);
/** 1: every client's first socket goes to the first target, so stopping that edge moves all of
 *  them; 0: first sockets are spread over the targets (a balancer's share). */
const FIRST_ON_ONE = envInt('IM_LOAD_FIRST_ON_ONE', 0) === 1;
const SYNC_PAGE = 100;
/** Longest the feeder waits for its clients' first logins before sending anyway. */
const START_WAIT_S = 60;
const urls = targets();

export const options = {
  scenarios: { storm: { executor: 'per-vu-iterations', vus: VUS, iterations: 1, maxDuration: `${DURATION_S + GRACE_S + FINAL_WAIT_S + 60}s` } },
  thresholds: {
    ...LOGIN_THRESHOLDS,
    im_resync_gap: ['count==0'],
    im_resync_dup: ['count==0'],
    im_resync_lost: ['count==0'],
    im_resync_failed: ['count==0'],
    im_resync_ms: [`max<${RESYNC_MAX_MS}`],
    im_storm_unexpected_close: ['count==0'],
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
/** Every socket close, by target (1-based), close code (0 = none: refused, reset) and phase. */
const closes = new Counter('im_storm_closes');
/** Logged-in sockets closed because their edge is draining: the clients the storm moved. */
const moved = new Counter('im_storm_moved');
/** Logged-in sockets closed for another reason than their edge draining (kick, idle, backpressure...). */
const unexpected = new Counter('im_storm_unexpected_close');

/** What the checker reads of a message (a C2C push peeked, or a sync page's message). */
type SeenMsg = Pick<C2cMessageInfo, 'from' | 'seq'>;

interface Client {
  user: { userId: string; sig: string };
  conv: string;
  sock?: ImSocket;
  /** Pushes held back while a sync runs. */
  held?: SeenMsg[];
  seen: number;
  ackedN: number;
  lostAt?: number;
  /** When the last resync finished. */
  syncedAt?: number;
  /** Target index of its first socket; each reconnect goes on to the next target. */
  home: number;
  attempt: number;
  ending: boolean;
  /** Its history baseline is set: from then on a lost socket is a resync. */
  baselined: boolean;
  /** Target (1-based) of the current socket and how far it got: 'login' until LOGIN's reply,
   *  then 'online', or 'refused' when LOGIN was answered with an error. */
  edge: number;
  phase: 'login' | 'online' | 'refused';
  /** The client is dropping its own socket (IM_LOAD_DROP_AT_S). */
  dropping?: boolean;
  /** Its LOGIN, encoded once before the paced logins start (each socket's first request): in
   *  k6's runtime an encode costs about 400 µs, which at the storm's rates queued logins in k6. */
  login: Uint8Array;
}

export default function (): void {
  const vu = exec.vu.idInTest - 1;
  const feeder = data.users[(vu * (CLIENTS + 1)) % data.users.length]!;
  const clients: Client[] = Array.from({ length: CLIENTS }, (_, k) => {
    const user = data.users[(vu * (CLIENTS + 1) + 1 + k) % data.users.length]!;
    const login = loginFrame(data.sdkAppId, user, `k6-storm-${user.userId}`, FIRST_REQUEST_ID);
    const home = FIRST_ON_ONE ? 0 : (k + vu) % urls.length;
    return { user, conv: `${feeder.userId}>${user.userId}`, seen: 0, ackedN: 0, home, attempt: 0, ending: false, baselined: false, edge: 0, phase: 'login', login };
  });
  const started = Date.now();
  const tally: Record<string, number> = {};
  const count = (key: string) => void (tally[key] = (tally[key] ?? 0) + 1);
  /** Clients whose history is measured: the feeder waits for all (or START_WAIT_S), so no message races a baseline. */
  let baselined = 0;

  const apply = (c: Client, m: SeenMsg) => {
    if (m.from !== feeder.userId) return;
    checker.see(c.conv, m.seq);
    c.seen++;
  };

  /** Pages C2C_SYNC from the last seq seen until complete, then releases held pushes. */
  const sync = (c: Client, s: ImSocket, done: () => void, failed: (code: number) => void = (code) => resyncFailed.add(1, { code: String(code) })) => {
    const after = checker.lastSeq(c.conv) ?? 0;
    s.request(Op.C2C_SYNC, { peer: feeder.userId, afterSeq: after, limit: SYNC_PAGE }, (r) => {
      if (r.c !== Err.OK) {
        count(`sync-error ${r.c}`);
        return failed(r.c);
      }
      const page = r.d as C2cResults[typeof Op.C2C_SYNC];
      for (const m of page.messages) apply(c, m);
      if (!page.complete && page.messages.length > 0) return sync(c, s, done, failed);
      const held = c.held ?? [];
      c.held = undefined;
      const last = checker.lastSeq(c.conv) ?? 0;
      for (const m of held) if (m.seq > last) apply(c, m);
      done();
    });
  };

  const connect = (c: Client) => {
    // A client that never got its baseline is still on its first login: no resync to measure yet.
    const first = !c.baselined;
    const edge = (c.home + c.attempt) % urls.length;
    c.edge = edge + 1;
    c.phase = 'login';
    c.dropping = false;
    c.held = first ? undefined : [];
    const t0 = Date.now();
    const s = new ImSocket(urls[edge]!, {
      open: (sock) =>
        sock.loginWith(c.login, (code) => {
          if (code !== Err.OK) {
            loginFailed.add(1, { code: String(code) });
            count(`login-error ${c.edge} ${code}`);
            c.phase = 'refused';
            sock.close(); // the close handler tries again
            return;
          }
          c.phase = 'online';
          if (first) {
            loginMs.add(Date.now() - t0);
            // Everything stored before the run is history: the checker starts after it.
            sock.request(Op.C2C_SYNC, { peer: feeder.userId, afterSeq: 2 ** 31, limit: 1 }, (r) => {
              if (r.c !== Err.OK) {
                if (r.c === NOT_CONNECTED) return; // closed meanwhile: the close handler tries again
                loginFailed.add(1, { code: `baseline-${r.c}` });
                c.phase = 'refused';
                sock.close();
                return;
              }
              checker.baseline(c.conv, (r.d as C2cResults[typeof Op.C2C_SYNC]).maxSeq);
              c.baselined = true;
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
      // Pushes are only peeked for what the checker reads (sender and seq): decoding is k6's cost.
      frame: (f, bytes) => {
        if (f.op !== Op.C2C_MSG) return;
        const m = peekC2cMsg(bytes, f);
        if (!m) return;
        if (c.held) c.held.push(m);
        else if (c.syncedAt !== undefined && Date.now() - c.syncedAt < OVERLAP_MS && m.seq <= (checker.lastSeq(c.conv) ?? 0)) overlap.add(1);
        else apply(c, m);
      },
      error: (e) => count(`error ${c.edge} ${c.phase} ${e.replace(/[0-9.:]+/g, '#').slice(0, 80)}`),
      close: (code, reason) => {
        if (c.ending || c.sock !== s) return;
        closes.add(1, { edge: String(c.edge), code: String(code), phase: c.phase });
        count(`close ${c.edge} ${code} ${c.phase} t${Math.floor((Date.now() - started) / 5000) * 5} ${reason}`);
        // A logged-in client may only lose its socket because its edge went away (or it dropped it).
        if (c.phase === 'online' && code === CloseCode.SERVER_DRAINING) moved.add(1);
        else if (c.phase === 'online' && !c.dropping) unexpected.add(1, { edge: String(c.edge), code: String(code) });
        // The server (or the network) ended a login before it succeeded: a failed login, retried.
        if (c.phase === 'login' && first) loginFailed.add(1, { code: `closed-${code}` });
        // The resync clock runs from the first socket lost to the synced state, across failed attempts.
        if (c.baselined) c.lostAt ??= Date.now();
        c.attempt++;
        // A storm: everyone comes back at once, spread over a second like real clients.
        setTimeout(() => connect(c), Math.random() * 1000);
      },
    });
    c.sock = s;
  };

  // Paced first logins (LOGIN_RATE per second over all VUs, interleaved), as users arrive.
  clients.forEach((c, k) => (LOGIN_RATE > 0 ? setTimeout(() => connect(c), loginDelayMs(k, vu, VUS, LOGIN_RATE)) : connect(c)));

  // The feeder reconnects too when its edge goes; sends while it is away (until its new socket
  // is logged in) are simply not made.
  let tx: ImSocket | undefined;
  let current: ImSocket | undefined;
  let feeding = true;
  const feed = (attempt: number) => {
    tx = undefined;
    const s = new ImSocket(urls[(vu + attempt) % urls.length]!, {
      open: (sock) =>
        sock.login(data.sdkAppId, feeder, `k6-feeder-${vu}`, (code) => {
          if (code === Err.OK) {
            if (current === s) tx = s;
            return;
          }
          loginFailed.add(1, { code: String(code) });
          sock.close(); // the close handler tries again
        }),
      close: (code, reason) => {
        count(`feeder-close ${code} ${reason}`);
        if (tx === s) tx = undefined;
        if (feeding && current === s) setTimeout(() => feed(attempt + 1), Math.random() * 1000);
      },
    });
    current = s;
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
      } else count(`send-error ${r.c}`); // not acked: the lost check does not expect it
    });
  }, 1000 / RATE);
  setTimeout(() => {
    feeding = false;
    clearInterval(tick);
  }, DURATION_S * 1000);

  // Heartbeats as an SDK sends them (the edge's idle timeout closes silent sockets): each second a
  // slice of the clients, so every one beats once per HEARTBEAT_S.
  let beatAt = 0;
  const beat = setInterval(() => {
    const slice = Math.ceil(clients.length / HEARTBEAT_S);
    for (let i = 0; i < slice; i++) {
      const c = clients[beatAt++ % clients.length]!;
      if (c.phase === 'online') c.sock?.request(Op.HEARTBEAT, undefined, () => undefined);
    }
  }, 1000);

  if (DROP_AT_S > 0)
    setTimeout(
      () =>
        clients.forEach((c) =>
          setTimeout(() => {
            c.dropping = true;
            c.sock?.close();
          }, Math.random() * 1000),
        ),
      DROP_AT_S * 1000,
    );

  // The end: a last sync on every live socket, then what was acked but never seen is lost. A
  // final sync that never answers (its socket went meanwhile) is a client not resynced.
  setTimeout(() => {
    current?.close();
    clearInterval(beat);
    const waiting = new Set(clients);
    const checked = new Set<Client>();
    const finish = (c: Client, failed?: string) => {
      if (!waiting.delete(c)) return;
      if (failed) {
        resyncFailed.add(1, { code: failed });
        count(`fail ${failed}`);
      } else checked.add(c);
      if (waiting.size > 0) return;
      clearTimeout(deadline);
      for (const x of clients) {
        // Only a client whose final sync answered knows what it has seen; the others are failures already.
        if (checked.has(x) && x.ackedN > x.seen) lost.add(x.ackedN - x.seen);
        x.ending = true;
        x.sock?.close();
      }
      console.log(`storm-tally ${JSON.stringify(tally)}`);
    };
    const deadline = setTimeout(() => [...waiting].forEach((c) => finish(c, 'final-sync-timeout')), FINAL_WAIT_S * 1000);
    for (const c of clients) {
      if (c.sock?.open && c.phase === 'online' && c.held === undefined) sync(c, c.sock, () => finish(c), (code) => finish(c, `final-${code}`));
      else finish(c, 'not-resynced');
    }
  }, (DURATION_S + GRACE_S) * 1000);
}
