// c2c: pairs chatting at a set rate. Each VU holds IM_LOAD_PAIRS_PER_VU pairs, a sender socket and
// a receiver socket per pair (spread over the targets); each sender sends
// IM_LOAD_MSGS_PER_SEC_PER_PAIR messages per second for IM_LOAD_DURATION_S. Measures send->ack and
// send->deliver latency; the receiver checks its pushes for seq gaps and duplicates, and after a
// grace period every acked message must have been delivered (zero loss). Sends are filled into a
// frame encoded once per pair (FrameTemplate) and pushes are only peeked for from/seq/random:
// with k6 on the server's cores the generator's cost per message is what limits the rate.
import exec from 'k6/execution';
import { Counter, Trend } from 'k6/metrics';
import { clearInterval, setInterval, setTimeout } from 'k6/timers';
import { encodeClientFrame } from '../../src/protocol/codec.js';
import { Err } from '../../src/protocol/error-codes.js';
import type { ClientFrame } from '../../src/protocol/frames.js';
import { Op } from '../../src/protocol/ops.js';
import { envInt, targets } from '../lib/env.js';
import { peekC2cMsg } from '../lib/frame-peek.js';
import { FrameTemplate } from '../lib/frame-template.js';
import { ImSocket } from '../lib/im-socket.js';
import { SeqChecker } from '../lib/seq-checker.js';
import { LOGIN_THRESHOLDS } from '../lib/thresholds.js';
import { loadUsers } from '../lib/users.js';

const data = loadUsers();
const VUS = envInt('IM_LOAD_VUS', 10);
const PAIRS = envInt('IM_LOAD_PAIRS_PER_VU', 5);
const RATE = envInt('IM_LOAD_MSGS_PER_SEC_PER_PAIR', 5);
const DURATION_S = envInt('IM_LOAD_DURATION_S', 30);
/** Time after the last send for the last pushes to arrive before loss is counted. */
const GRACE_S = envInt('IM_LOAD_GRACE_S', 5);
const ACK_P99_MS = envInt('IM_LOAD_ACK_P99_MS', 500);
const urls = targets();

export const options = {
  scenarios: { chat: { executor: 'per-vu-iterations', vus: VUS, iterations: 1, maxDuration: `${DURATION_S + GRACE_S + 60}s` } },
  thresholds: {
    ...LOGIN_THRESHOLDS,
    im_c2c_gap: ['count==0'],
    im_c2c_dup: ['count==0'],
    im_c2c_lost: ['count==0'],
    im_c2c_send_failed: ['count==0'],
    im_c2c_ack_ms: [`p(99)<${ACK_P99_MS}`],
  },
};

const loginMs = new Trend('im_login_ms', true);
const loginFailed = new Counter('im_login_failed');
const ackMs = new Trend('im_c2c_ack_ms', true);
const deliverMs = new Trend('im_c2c_deliver_ms', true);
const acked = new Counter('im_c2c_acked');
const delivered = new Counter('im_c2c_delivered');
const sendFailed = new Counter('im_c2c_send_failed');
const lost = new Counter('im_c2c_lost');
const checker = new SeqChecker(new Counter('im_c2c_gap'), new Counter('im_c2c_dup'));

function pair(p: number): void {
  const from = data.users[(2 * p) % data.users.length]!;
  const to = data.users[(2 * p + 1) % data.users.length]!;
  const conv = `${from.userId}>${to.userId}`;
  const sentAt = new Map<number, number>();
  // A fresh random base per run: a repeat of an earlier run's (from, to, random, body) would be a dedup hit.
  const base = Math.floor(Math.random() * 2 ** 31);
  let ackedN = 0;
  let deliveredN = 0;
  let ready = 0;
  let tick: number | undefined;
  const started = Date.now();

  const login = (s: ImSocket, user: { userId: string; sig: string }, device: string) =>
    s.login(data.sdkAppId, user, device, (code) => {
      if (code !== Err.OK) {
        loginFailed.add(1, { code: String(code) });
        return;
      }
      loginMs.add(Date.now() - started);
      if (++ready === 2) start();
    });

  const rx = new ImSocket(urls[(2 * p + 1) % urls.length]!, {
    open: (s) => login(s, to, `k6-rx-${p}`),
    frame: (f, bytes) => {
      if (f.op !== Op.C2C_MSG) return;
      const m = peekC2cMsg(bytes, f);
      if (!m || m.from !== from.userId) return;
      const at = sentAt.get(m.random);
      if (at !== undefined) deliverMs.add(Date.now() - at);
      checker.see(conv, m.seq);
      deliveredN++;
      delivered.add(1);
    },
  });
  const tx = new ImSocket(urls[(2 * p) % urls.length]!, { open: (s) => login(s, from, `k6-tx-${p}`) });

  const send = new FrameTemplate(
    (slot) => encodeClientFrame({ op: Op.C2C_SEND, id: slot(0), d: { to: to.userId, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'k6 c2c' } }], MsgRandom: slot(1) } } as ClientFrame),
    2,
  );

  function start(): void {
    let n = 0;
    tick = setInterval(() => {
      const random = (base + n++) % 2 ** 32;
      const t = Date.now();
      sentAt.set(random, t);
      tx.requestFrame((id) => send.fill([id, random]), (r) => {
        if (r.c !== Err.OK) {
          sendFailed.add(1, { code: String(r.c) });
          return;
        }
        ackMs.add(Date.now() - t);
        ackedN++;
        acked.add(1);
      });
    }, 1000 / RATE);
  }

  setTimeout(() => {
    if (tick !== undefined) clearInterval(tick);
    setTimeout(() => {
      if (ackedN > deliveredN) lost.add(ackedN - deliveredN);
      tx.close();
      rx.close();
    }, GRACE_S * 1000);
  }, DURATION_S * 1000);
}

export default function (): void {
  const vu = exec.vu.idInTest - 1;
  for (let k = 0; k < PAIRS; k++) pair(vu * PAIRS + k);
}
