// connect-storm: IM_LOAD_VUS x IM_LOAD_SOCKETS_PER_VU sockets open at IM_LOAD_LOGIN_RATE logins
// per second (spread evenly, interleaved over the VUs; 0 = every socket at once), each logs in,
// then all stay open and heartbeat for IM_LOAD_HOLD_S seconds after the last one opened. Measures
// login latency (from the socket's open), failures, how late the generator opened each socket
// against its schedule (im_open_lag_ms) and when each login completed (im_login_done_ms, from the
// test's start: logins / its max = the rate achieved); heartbeats that go unanswered fail the run.
// The LOGIN frames are encoded once before the test (SharedArray): in k6 one costs ~0.4 ms, which
// at thousands of logins per second would make the generator, not the server, the queue.
import { SharedArray } from 'k6/data';
import encoding from 'k6/encoding';
import exec from 'k6/execution';
import { Counter, Trend } from 'k6/metrics';
import { clearInterval, setInterval, setTimeout } from 'k6/timers';
import { Err } from '../../src/protocol/error-codes.js';
import { Op } from '../../src/protocol/ops.js';
import { envInt, loginDelayMs, targets } from '../lib/env.js';
import { loadUsers } from '../lib/users.js';
import { FIRST_REQUEST_ID, ImSocket, loginFrame } from '../lib/im-socket.js';
import { LOGIN_THRESHOLDS } from '../lib/thresholds.js';

const data = loadUsers();
const VUS = envInt('IM_LOAD_VUS', 10);
const PER_VU = envInt('IM_LOAD_SOCKETS_PER_VU', 100);
const HOLD_S = envInt('IM_LOAD_HOLD_S', 30);
const HEARTBEAT_S = envInt('IM_LOAD_HEARTBEAT_S', 10);
const LOGIN_RATE = envInt('IM_LOAD_LOGIN_RATE', 0);
const urls = targets();
const device = (n: number) => `k6-${n}`;
const userOf = (n: number) => data.users[n % data.users.length]!;
/** Socket n's LOGIN frame, base64 (k6 decodes base64 natively). */
const logins = new SharedArray('login-frames', () =>
  Array.from({ length: VUS * PER_VU }, (_, n) => encoding.b64encode(loginFrame(data.sdkAppId, userOf(n), device(n), FIRST_REQUEST_ID).slice().buffer)),
);
/** Seconds from the first socket to the last one opening. */
const RAMP_S = LOGIN_RATE > 0 ? (VUS * PER_VU) / LOGIN_RATE : 0;

export const options = {
  scenarios: { storm: { executor: 'per-vu-iterations', vus: VUS, iterations: 1, maxDuration: `${Math.ceil(RAMP_S + HOLD_S) + 120}s` } },
  thresholds: { ...LOGIN_THRESHOLDS, im_heartbeat_missed: ['count==0'] },
};

const loginMs = new Trend('im_login_ms', true);
const loggedIn = new Counter('im_logged_in');
const loginFailed = new Counter('im_login_failed');
const heartbeatMissed = new Counter('im_heartbeat_missed');
const loginDoneMs = new Trend('im_login_done_ms', true);
const openLagMs = new Trend('im_open_lag_ms', true);

export default function (): void {
  const vu = exec.vu.idInTest - 1;
  const t0 = exec.scenario.startTime;
  // Socket k of this VU is the (k * VUS + vu)-th to open overall: the VUs take turns.
  for (let k = 0; k < PER_VU; k++) {
    const at = loginDelayMs(k, vu, VUS, LOGIN_RATE);
    setTimeout(() => {
      openLagMs.add(Math.max(0, Date.now() - (t0 + at)));
      connect(vu * PER_VU + k);
    }, Math.max(0, t0 + at - Date.now()));
  }
}

function connect(n: number): void {
  const frame = new Uint8Array(encoding.b64decode(logins[n] as string));
  const started = Date.now();
  let beat: number | undefined;
  let ok = false;
  const sock = new ImSocket(urls[n % urls.length]!, {
    open: (s) =>
      s.loginWith(frame, (code) => {
        if (code !== Err.OK) {
          loginFailed.add(1, { code: String(code) });
          s.close();
          return;
        }
        ok = true;
        loggedIn.add(1);
        loginMs.add(Date.now() - started);
        loginDoneMs.add(Date.now() - exec.scenario.startTime);
        beat = setInterval(() => {
          if (s.outstanding() > 0) heartbeatMissed.add(s.outstanding());
          s.request(Op.HEARTBEAT, undefined, () => undefined);
        }, HEARTBEAT_S * 1000);
      }),
    error: () => {
      if (!ok) loginFailed.add(1, { code: 'connect' });
    },
  });
  setTimeout(
    () => {
      if (beat !== undefined) clearInterval(beat);
      sock.close();
    },
    exec.scenario.startTime + (RAMP_S + HOLD_S) * 1000 - Date.now(),
  );
}
