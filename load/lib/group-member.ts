// One member socket of the group scenarios: logs in (the edge subscribes it to the user's joined
// groups), notes each timeline's stored maximum as its baseline, then takes every stored message
// that reaches it: pushes (which must come in seq order and never twice) and the acks of its own
// sends (the sending socket gets no push of its own message). At the end it reads each timeline's
// maximum again: every seq above the baseline it never got is a missed message. Records
// publish->receive latency from the stamped body. Optionally sends GROUP_SEND at a rate. Pushes
// are only peeked (seqs and the first text: frame-peek.ts), since in k6 decoding is the cost.
import { Counter, Trend } from 'k6/metrics';
import { clearInterval, setInterval, setTimeout } from 'k6/timers';
import type { GroupRequestResults } from '../../src/protocol/group-requests.js';
import { Err } from '../../src/protocol/error-codes.js';
import { Op } from '../../src/protocol/ops.js';
import { peekGroupMsgs } from './frame-peek.js';
import { stamp, stampOfText } from './groups.js';
import { ImSocket } from './im-socket.js';
import type { LoadUsers } from './users.js';

export const groupMetrics = {
  loginMs: new Trend('im_login_ms', true),
  loginFailed: new Counter('im_login_failed'),
  deliverMs: new Trend('im_group_deliver_ms', true),
  ackMs: new Trend('im_group_ack_ms', true),
  received: new Counter('im_group_msgs_received'),
  acked: new Counter('im_group_acked'),
  sendFailed: new Counter('im_group_send_failed'),
  missed: new Counter('im_group_missed'),
  dups: new Counter('im_group_dup'),
  outOfOrder: new Counter('im_group_out_of_order'),
};

export const GROUP_THRESHOLDS = {
  im_group_missed: ['count==0'],
  im_group_dup: ['count==0'],
  im_group_out_of_order: ['count==0'],
  im_group_send_failed: ['count==0'],
};

/** What one member saw of one timeline. */
class Seen {
  base: number | undefined;
  lastPushed = 0;
  readonly seqs = new Set<number>();

  pushed(seq: number): void {
    if (this.base !== undefined && seq <= this.base) return;
    if (this.seqs.has(seq)) groupMetrics.dups.add(1);
    else if (seq < this.lastPushed) groupMetrics.outOfOrder.add(1);
    this.seqs.add(seq);
    this.lastPushed = Math.max(this.lastPushed, seq);
  }

  /** Seqs in (base, max] never seen. */
  missing(max: number): number {
    if (this.base === undefined) return 0;
    let n = 0;
    for (let s = this.base + 1; s <= max; s++) if (!this.seqs.has(s)) n++;
    return n;
  }
}

export interface Timeline {
  groupId: string;
  topicId?: string;
}

const key = (t: Timeline) => `${t.groupId}|${t.topicId ?? ''}`;

export interface MemberPlan {
  data: LoadUsers;
  url: string;
  user: { userId: string; sig: string };
  device: string;
  /** The timelines this member checks. */
  timelines: Timeline[];
  /** Sends into this timeline at `rate` per second while the run lasts. */
  send?: { to: Timeline; rate: number };
  /** When sending starts and stops (ms from now), and when the final sync runs. */
  sendFromMs: number;
  sendUntilMs: number;
  endAtMs: number;
  /** Paced logins: the member opens its socket this much later; the times above still count
   *  from now, so every member keeps the same send window and end. */
  startInMs?: number;
}

export function groupMember(p: MemberPlan): void {
  const at = p.startInMs ?? 0;
  if (at > 0) {
    setTimeout(() => groupMember({ ...p, startInMs: 0, sendFromMs: p.sendFromMs - at, sendUntilMs: p.sendUntilMs - at, endAtMs: p.endAtMs - at }), at);
    return;
  }
  const m = groupMetrics;
  const seen = new Map(p.timelines.map((t) => [key(t), new Seen()]));
  const maxOf = (r: { d?: unknown }) => (r.d as GroupRequestResults[typeof Op.GROUP_SYNC] | undefined)?.maxSeq ?? 0;
  const t0 = Date.now();
  let ready = false;
  const sock = new ImSocket(p.url, {
    open: (s) =>
      s.login(p.data.sdkAppId, p.user, p.device, (code) => {
        if (code !== Err.OK) {
          m.loginFailed.add(1, { code: String(code) });
          return;
        }
        m.loginMs.add(Date.now() - t0);
        // Start each timeline at its stored maximum: earlier runs' messages are history.
        for (const t of p.timelines) {
          s.request(Op.GROUP_SYNC, { ...t, afterSeq: 2 ** 31, limit: 1 }, (r) => {
            seen.get(key(t))!.base = maxOf(r);
          });
        }
        ready = true;
      }),
    frame: (f, bytes) => {
      if (f.op !== Op.GROUP_MSG) return;
      const d = peekGroupMsgs(bytes, f);
      const tl = d && seen.get(key(d));
      if (!tl) return;
      const now = Date.now();
      for (const msg of d.msgs) {
        if (msg.seq === 0) continue;
        tl.pushed(msg.seq);
        m.received.add(1);
        const { t } = stampOfText(msg.text);
        if (Number.isFinite(t)) m.deliverMs.add(now - t);
      }
    },
  });

  if (p.send) {
    const { to, rate } = p.send;
    let n = 0;
    let tick: number | undefined;
    setTimeout(() => {
      tick = setInterval(() => {
        if (!ready) return;
        const at = Date.now();
        sock.request(Op.GROUP_SEND, { ...to, MsgBody: stamp(n++), Random: Math.floor(Math.random() * 2 ** 32) }, (r) => {
          if (r.c !== Err.OK) m.sendFailed.add(1, { code: String(r.c) });
          else {
            seen.get(key(to))!.seqs.add((r.d as GroupRequestResults[typeof Op.GROUP_SEND]).seq);
            m.acked.add(1);
            m.ackMs.add(Date.now() - at);
          }
        });
      }, 1000 / rate);
    }, p.sendFromMs);
    setTimeout(() => tick !== undefined && clearInterval(tick), p.sendUntilMs);
  }

  setTimeout(() => {
    let pending = p.timelines.length;
    const done = () => --pending <= 0 && sock.close();
    if (pending === 0 || !sock.open) return sock.close();
    for (const t of p.timelines) {
      sock.request(Op.GROUP_SYNC, { ...t, afterSeq: 2 ** 31, limit: 1 }, (r) => {
        const missing = seen.get(key(t))!.missing(maxOf(r));
        if (missing > 0) m.missed.add(missing, { group: t.groupId });
        done();
      });
    }
  }, p.endAtMs);
}
