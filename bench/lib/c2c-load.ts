// The C2C load generator of `npm run bench:c2c`: `pairs` sender/recipient pairs over a
// ChatTransport (our SDK, or a baseline's client: chat-transports.ts), spread over the server's URLs. Two modes: closed loop (each sender
// keeps `window` sends in flight: the peak) and open loop (sends issued at a fixed total rate
// whatever the answers: latency at a given load). Records send->ack and send->push-delivered
// latency per message; a message counts as delivered once the recipient's device got its push.
import { performance } from 'node:perf_hooks';
import type { ChatClient, ChatTransport } from './chat-transports.js';
import { percentiles } from './stats.js';

export interface C2cLoadOptions {
  pairs: number;
  seconds: number;
  /** Closed loop: sends in flight per sender. */
  window?: number;
  /** Open loop: total sends per second (overrides window). */
  rate?: number;
  /** Distinguishes the users of several runs against one server. */
  tag: string;
}

export interface C2cLoadResult {
  server: string;
  mode: string;
  pairs: number;
  seconds: number;
  acked: number;
  errors: number;
  ackedPerSec: number;
  sendToAckMs: Record<string, number>;
  sendToDeliverMs: Record<string, number>;
  delivered: number;
}

/** Ticks of the open-loop pacer. */
const PACE_MS = 5;

export async function runC2cLoad(transport: ChatTransport, o: C2cLoadOptions): Promise<C2cLoadResult> {
  const clients: ChatClient[] = [];
  try {
    const senders = Array.from({ length: o.pairs }, (_, i) => `${o.tag}s${i}`);
    const receivers = Array.from({ length: o.pairs }, (_, i) => `${o.tag}r${i}`);
    await transport.prepare([...senders, ...receivers]);
    const sent = new Map<string, number>();
    const ackMs: number[] = [];
    const deliverMs: number[] = [];
    let acked = 0;
    let errors = 0;
    const onDeliver = (from: string, random: number) => {
      const k = `${from}:${random}`;
      const at = sent.get(k);
      if (at !== undefined) {
        deliverMs.push(performance.now() - at);
        sent.delete(k);
      }
    };
    // Receivers on the edge after their sender's, so most messages cross edges in a cluster.
    const rx = await Promise.all(receivers.map((u, i) => transport.connect(u, i + 1, onDeliver)));
    clients.push(...rx);
    const tx = await Promise.all(senders.map((u, i) => transport.connect(u, i, () => {})));
    clients.push(...tx);
    const sendOne = async (i: number, random: number): Promise<void> => {
      const t0 = performance.now();
      sent.set(`${senders[i]}:${random}`, t0);
      try {
        await tx[i]!.send(receivers[i]!, random);
        ackMs.push(performance.now() - t0);
        acked++;
      } catch {
        errors++;
      }
    };
    const started = performance.now();
    const deadline = started + o.seconds * 1000;
    if (o.rate) {
      const inflight: Promise<void>[] = [];
      let n = 0;
      while (performance.now() < deadline) {
        const due = Math.floor(((performance.now() - started) / 1000) * o.rate);
        for (; n < due; n++) inflight.push(sendOne(n % o.pairs, n));
        await new Promise((r) => setTimeout(r, PACE_MS));
      }
      await Promise.all(inflight);
    } else {
      const window = o.window ?? 8;
      await Promise.all(
        tx.flatMap((_, i) =>
          Array.from({ length: window }, async (_, w) => {
            for (let n = 0; performance.now() < deadline; n++) await sendOne(i, w * 1_000_000 + n);
          }),
        ),
      );
    }
    const elapsed = (performance.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 500));
    return {
      server: transport.name,
      mode: o.rate ? `open loop, ${o.rate} msg/s` : `closed loop, ${o.window ?? 8} in flight per sender`,
      pairs: o.pairs,
      seconds: round(elapsed),
      acked,
      errors,
      ackedPerSec: Math.round(acked / elapsed),
      sendToAckMs: roundAll(percentiles(ackMs, [50, 99])),
      sendToDeliverMs: roundAll(percentiles(deliverMs, [50, 99])),
      delivered: deliverMs.length,
    };
  } finally {
    for (const c of clients) c.close();
  }
}

const round = (v: number) => Math.round(v * 100) / 100;
const roundAll = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v)]));
