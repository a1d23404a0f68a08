// live-room: one AVChatRoom (created in setup through REST create_group), IM_LOAD_VUS x
// IM_LOAD_SOCKETS_PER_VU members online (ROOM_JOIN), and one sender posting IM_LOAD_ROOM_RATE
// messages per second through REST send_group_msg with mixed priority (20 % High, 50 % Normal,
// 30 % Low) for IM_LOAD_DURATION_S. Every message carries its send time and, for High ones, a
// running number. Members record publish->receive latency, frames per second (the room merges a
// tick's messages into one frame) and any High message they missed (a gap in the High numbers:
// must be zero). Dropped Normal/Low sends are counted by MsgDropReason.
import exec from 'k6/execution';
import { Counter, Trend } from 'k6/metrics';
import { clearInterval, setInterval, setTimeout } from 'k6/timers';
import type { GroupMessageInfo } from '../../src/protocol/group-frames.js';
import { Err } from '../../src/protocol/error-codes.js';
import { Op } from '../../src/protocol/ops.js';
import { envInt, targets } from '../lib/env.js';
import { ImSocket } from '../lib/im-socket.js';
import { rest, restOk } from '../lib/rest.js';
import { SeqChecker } from '../lib/seq-checker.js';
import { LOGIN_THRESHOLDS } from '../lib/thresholds.js';
import { loadUsers } from '../lib/users.js';

const data = loadUsers();
const VUS = envInt('IM_LOAD_VUS', 10);
const PER_VU = envInt('IM_LOAD_SOCKETS_PER_VU', 100);
const RATE = envInt('IM_LOAD_ROOM_RATE', 40);
const DURATION_S = envInt('IM_LOAD_DURATION_S', 30);
/** Members join first; the sender starts after this. */
const WARMUP_S = envInt('IM_LOAD_WARMUP_S', 5);
const GRACE_S = envInt('IM_LOAD_GRACE_S', 3);
const DELIVER_P99_MS = envInt('IM_LOAD_DELIVER_P99_MS', 1000);
const urls = targets();

export const options = {
  scenarios: {
    members: { executor: 'per-vu-iterations', vus: VUS, iterations: 1, maxDuration: `${WARMUP_S + DURATION_S + GRACE_S + 60}s`, exec: 'members' },
    sender: { executor: 'per-vu-iterations', vus: 1, iterations: 1, startTime: `${WARMUP_S}s`, maxDuration: `${DURATION_S + 60}s`, exec: 'sender' },
  },
  thresholds: {
    ...LOGIN_THRESHOLDS,
    im_room_high_missed: ['count==0'],
    im_room_join_failed: ['count==0'],
    im_room_send_failed: ['count==0'],
    im_room_deliver_ms: [`p(99)<${DELIVER_P99_MS}`],
  },
};

const loginFailed = new Counter('im_login_failed');
const loginMs = new Trend('im_login_ms', true);
const joinFailed = new Counter('im_room_join_failed');
const deliverMs = new Trend('im_room_deliver_ms', true);
const frames = new Counter('im_room_frames');
const received = new Counter('im_room_msgs_received');
const highSent = new Counter('im_room_high_sent');
const sendFailed = new Counter('im_room_send_failed');
const dropped = new Counter('im_room_dropped');
const highMissed = new Counter('im_room_high_missed');
const highDup = new Counter('im_room_high_dup');

export function setup(): { groupId: string } {
  const owner = data.users[0]!.userId;
  const r = restOk(data, 'group_open_http_svc/create_group', { Type: 'AVChatRoom', Name: 'k6 live room', Owner_Account: owner });
  return { groupId: String(r.GroupId) };
}

/** Body text: "t=<send ms> h=<high number or -1>". */
const parse = (m: GroupMessageInfo): { t: number; h: number } => {
  const text = String((m.body[0] as { MsgContent?: { Text?: string } } | undefined)?.MsgContent?.Text ?? '');
  const t = /t=(\d+)/.exec(text);
  const h = /h=(-?\d+)/.exec(text);
  return { t: t ? Number(t[1]) : NaN, h: h ? Number(h[1]) : -1 };
};

export function members(ctx: { groupId: string }): void {
  const vu = exec.vu.idInTest - 1;
  const started = Date.now();
  for (let k = 0; k < PER_VU; k++) {
    const n = vu * PER_VU + k;
    const user = data.users[(n + 1) % data.users.length]!;
    const highs = new SeqChecker(highMissed, highDup);
    let lastHigh = -1;
    const sock = new ImSocket(urls[n % urls.length]!, {
      open: (s) =>
        s.login(data.sdkAppId, user, `k6-room-${n}`, (code) => {
          if (code !== Err.OK) {
            loginFailed.add(1, { code: String(code) });
            return;
          }
          loginMs.add(Date.now() - started);
          s.request(Op.ROOM_JOIN, { groupId: ctx.groupId }, (r) => {
            if (r.c !== Err.OK) joinFailed.add(1, { code: String(r.c) });
          });
        }),
      push: (f) => {
        if (f.op !== Op.GROUP_MSG) return;
        const d = f.d as { groupId: string; msgs: GroupMessageInfo[] };
        if (d.groupId !== ctx.groupId) return;
        frames.add(1);
        const now = Date.now();
        for (const m of d.msgs) {
          const { t, h } = parse(m);
          received.add(1);
          if (Number.isFinite(t)) deliverMs.add(now - t);
          if (h >= 0) {
            // The first High seen starts the count: members may join after the first ones.
            if (lastHigh < 0) highs.baseline('high', h - 1);
            highs.see('high', h);
            lastHigh = h;
          }
        }
      },
    });
    setTimeout(() => sock.close(), (WARMUP_S + DURATION_S + GRACE_S) * 1000);
  }
}

export function sender(ctx: { groupId: string }): void {
  let high = 0;
  let n = 0;
  const tick = setInterval(() => {
    const roll = (n++ * 7) % 10; // a fixed 2/5/3 mix: 0-1 High, 2-6 Normal, 7-9 Low
    const priority = roll < 2 ? 'High' : roll < 7 ? 'Normal' : 'Low';
    const h = priority === 'High' ? high++ : -1;
    const r = rest(data, 'group_open_http_svc/send_group_msg', {
      GroupId: ctx.groupId,
      Random: Math.floor(Math.random() * 2 ** 32),
      MsgPriority: priority,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `t=${Date.now()} h=${h}` } }],
    });
    if (r.status !== 200 || r.answer.ErrorCode !== 0) {
      sendFailed.add(1, { status: String(r.status), code: String(r.answer.ErrorCode) });
      if (n < 3) console.error(`send_group_msg failed: HTTP ${r.status} ${JSON.stringify(r.answer)}`);
    }
    else if (r.answer.MsgDropReason) dropped.add(1, { priority, reason: String(r.answer.MsgDropReason) });
    else if (priority === 'High') highSent.add(1);
  }, 1000 / RATE);
  setTimeout(() => clearInterval(tick), DURATION_S * 1000);
}
