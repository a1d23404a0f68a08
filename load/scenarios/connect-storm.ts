// connect-storm: every VU opens IM_LOAD_SOCKETS_PER_VU sockets as fast as it can, logs each in,
// then keeps them open and heartbeating for IM_LOAD_HOLD_S seconds. Measures login latency and
// failures; heartbeats that go unanswered fail the run.
import exec from 'k6/execution';
import { Counter, Trend } from 'k6/metrics';
import { clearInterval, setInterval, setTimeout } from 'k6/timers';
import { Err } from '../../src/protocol/error-codes.js';
import { Op } from '../../src/protocol/ops.js';
import { envInt, targets } from '../lib/env.js';
import { loadUsers } from '../lib/users.js';
import { ImSocket } from '../lib/im-socket.js';
import { LOGIN_THRESHOLDS } from '../lib/thresholds.js';

const data = loadUsers();
const VUS = envInt('IM_LOAD_VUS', 10);
const PER_VU = envInt('IM_LOAD_SOCKETS_PER_VU', 100);
const HOLD_S = envInt('IM_LOAD_HOLD_S', 30);
const HEARTBEAT_S = envInt('IM_LOAD_HEARTBEAT_S', 10);
const urls = targets();

export const options = {
  scenarios: { storm: { executor: 'per-vu-iterations', vus: VUS, iterations: 1, maxDuration: `${HOLD_S + 120}s` } },
  thresholds: { ...LOGIN_THRESHOLDS, im_heartbeat_missed: ['count==0'] },
};

const loginMs = new Trend('im_login_ms', true);
const loggedIn = new Counter('im_logged_in');
const loginFailed = new Counter('im_login_failed');
const heartbeatMissed = new Counter('im_heartbeat_missed');

export default function (): void {
  const vu = exec.vu.idInTest - 1;
  for (let k = 0; k < PER_VU; k++) {
    const n = vu * PER_VU + k;
    const user = data.users[n % data.users.length]!;
    const started = Date.now();
    let beat: number | undefined;
    let ok = false;
    const sock = new ImSocket(urls[n % urls.length]!, {
      open: (s) =>
        s.login(data.sdkAppId, user, `k6-${n}`, (code) => {
          if (code !== Err.OK) {
            loginFailed.add(1, { code: String(code) });
            s.close();
            return;
          }
          ok = true;
          loggedIn.add(1);
          loginMs.add(Date.now() - started);
          beat = setInterval(() => {
            if (s.outstanding() > 0) heartbeatMissed.add(s.outstanding());
            s.request(Op.HEARTBEAT, undefined, () => undefined);
          }, HEARTBEAT_S * 1000);
        }),
      error: () => {
        if (!ok) loginFailed.add(1, { code: 'connect' });
      },
    });
    setTimeout(() => {
      if (beat !== undefined) clearInterval(beat);
      sock.close();
    }, HOLD_S * 1000);
  }
}
