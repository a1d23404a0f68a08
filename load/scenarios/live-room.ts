// live-room: one AVChatRoom (created in setup through REST create_group), IM_LOAD_VUS x
// IM_LOAD_SOCKETS_PER_VU members online (ROOM_JOIN), and an open-loop sender posting
// IM_LOAD_ROOM_RATE messages per second through REST send_group_msg with mixed priority (20 % High,
// 50 % Normal, 30 % Low) for IM_LOAD_DURATION_S. Every message carries its send time and, for High
// ones, a running number. Members record publish->receive latency (all of them, or one in
// IM_LOAD_LATENCY_EVERY), frames per second (the room merges a tick's messages into one frame) and
// any High message they missed (a number between the lowest and highest they saw that never came:
// must be zero; every member checks). IM_LOAD_GROUP_ID uses an existing room instead of a new one.
// Dropped Normal/Low sends are counted by MsgDropReason. Frames are only peeked (frame-peek.ts).
import exec from 'k6/execution';
import { Counter, Trend } from 'k6/metrics';
import { clearInterval, setInterval, setTimeout } from 'k6/timers';
import { Err } from '../../src/protocol/error-codes.js';
import { Op } from '../../src/protocol/ops.js';
import { env, envInt, targets } from '../lib/env.js';
import { peekGroupMsgs } from '../lib/frame-peek.js';
import { ImSocket } from '../lib/im-socket.js';
import { stampOfText } from '../lib/groups.js';
import { rest, restOk } from '../lib/rest.js';
import { HighSeen, nthRoomMessage } from '../lib/room-mix.js';
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
/** VUs the sender may use at once (sends in flight). */
const SENDER_VUS = 20;
const DELIVER_P99_MS = envInt('IM_LOAD_DELIVER_P99_MS', 1000);
/** Members recording latency samples: one in this many (1 = all). Every member counts frames and
 *  messages and checks the High numbers. */
const LATENCY_EVERY = Math.max(1, envInt('IM_LOAD_LATENCY_EVERY', 1));
const urls = targets();

export const options = {
  scenarios: {
    members: { executor: 'per-vu-iterations', vus: VUS, iterations: 1, maxDuration: `${WARMUP_S + DURATION_S + GRACE_S + 60}s`, exec: 'members' },
    // Open loop: RATE sends a second whatever each one's latency (a REST send blocks its VU).
    sender: { executor: 'constant-arrival-rate', rate: RATE, timeUnit: '1s', duration: `${DURATION_S}s`, preAllocatedVUs: SENDER_VUS, maxVUs: SENDER_VUS, startTime: `${WARMUP_S}s`, exec: 'sender' },
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
const sendMs = new Trend('im_room_send_ms', true);
const dropped = new Counter('im_room_dropped');
const highMissed = new Counter('im_room_high_missed');
const highDup = new Counter('im_room_high_dup');

export function setup(): { groupId: string } {
  // A room made beforehand (load/full-size.ts gathers a crowd in it first).
  const given = env('IM_LOAD_GROUP_ID', '');
  if (given) return { groupId: given };
  const owner = data.users[0]!.userId;
  const r = restOk(data, 'group_open_http_svc/create_group', { Type: 'AVChatRoom', Name: 'k6 live room', Owner_Account: owner });
  return { groupId: String(r.GroupId) };
}

/** Body text "t=<send ms> h=<High number or -1>", read by hand (regular expressions are slow in
 *  k6's runtime; the send time is read as group-chat's stamps are, stampOfText). */
const highOf = (text: string): number => {
  const at = text.indexOf(' h=');
  return at < 0 ? -1 : parseInt(text.slice(at + 3), 10);
};

/** One VU's tallies, added to the k6 counters once a second: a k6 metric sample per message costs
 *  more than the message (10,000 members x 40 msg/s would be 400,000 samples a second). */
class Tally {
  frames = 0;
  received = 0;
  flush(): void {
    if (this.frames > 0) frames.add(this.frames);
    if (this.received > 0) received.add(this.received);
    this.frames = 0;
    this.received = 0;
  }
}

export function members(ctx: { groupId: string }): void {
  const vu = exec.vu.idInTest - 1;
  const started = Date.now();
  const tally = new Tally();
  const flusher = setInterval(() => tally.flush(), 1000);
  for (let k = 0; k < PER_VU; k++) {
    const n = vu * PER_VU + k;
    const user = data.users[(n + 1) % data.users.length]!;
    // Every member checks the High numbers; one in LATENCY_EVERY also records latency samples.
    const timed = n % LATENCY_EVERY === 0;
    const highs = new HighSeen(highMissed, highDup);
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
      frame: (f, bytes) => {
        if (f.op !== Op.GROUP_MSG) return;
        const d = peekGroupMsgs(bytes, f);
        if (!d || d.groupId !== ctx.groupId) return;
        tally.frames++;
        tally.received += d.msgs.length;
        const now = Date.now();
        for (const m of d.msgs) {
          if (timed) {
            const { t } = stampOfText(m.text);
            if (Number.isFinite(t)) deliverMs.add(now - t);
          }
          const h = highOf(m.text);
          if (h >= 0) highs.see(h);
        }
      },
    });
    setTimeout(() => {
      sock.close();
      highs.report();
    }, (WARMUP_S + DURATION_S + GRACE_S) * 1000);
  }
  setTimeout(() => {
    clearInterval(flusher);
    tally.flush();
  }, (WARMUP_S + DURATION_S + GRACE_S) * 1000 + 500);
}

export function sender(ctx: { groupId: string }): void {
  const { priority, high } = nthRoomMessage(exec.scenario.iterationInTest);
  const r = rest(data, 'group_open_http_svc/send_group_msg', {
    GroupId: ctx.groupId,
    Random: Math.floor(Math.random() * 2 ** 32),
    MsgPriority: priority,
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `t=${Date.now()} h=${high}` } }],
  });
  sendMs.add(r.ms);
  if (r.status !== 200 || r.answer.ErrorCode !== 0) {
    sendFailed.add(1, { status: String(r.status), code: String(r.answer.ErrorCode) });
    if (exec.scenario.iterationInTest < 3) console.error(`send_group_msg failed: HTTP ${r.status} ${JSON.stringify(r.answer)}`);
  } else if (r.answer.MsgDropReason) dropped.add(1, { priority, reason: String(r.answer.MsgDropReason) });
  else if (priority === 'High') highSent.add(1);
}
