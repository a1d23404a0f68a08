// In-process bus with NATS semantics; see the Bus interface for the contract. One hub routes for
// every participant: `new MemoryBus()` is one process, `bus.peer()` another process on the same hub
// (each closes independently). Delivery is always asynchronous (setImmediate, never inside
// publish) and FIFO per subscription; payloads are copied per receiver so nobody shares a buffer.
// Bounded: at most maxPendingPerSubscriber undelivered messages per subscription; beyond that the
// new message is dropped for that subscriber (like a NATS slow consumer) and counted in busDrops.

import type { Clock, TimerHandle } from '../lib/clock.js';
import { systemClock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import { silentLogger } from '../lib/log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Bus, BusHandler, BusMessage, SubscribeOptions, Subscription } from './bus.js';
import { BusError } from './bus.js';
import { assertPublishSubject, assertQueueName, assertSubscribeSubject, SubjectTrie } from './subject-match.js';
import { assertTimeout, runHandler } from './handler.js';

/** Undelivered messages one subscription may hold before new ones are dropped. */
export const MEMORY_BUS_MAX_PENDING = 65_536;

export interface MemoryBusOptions {
  /** Join an existing hub (another process of the same cluster); the other options are then the hub's. */
  hub?: MemoryBusHub;
  clock?: Clock;
  log?: Logger;
  metrics?: Metrics;
  maxPendingPerSubscriber?: number;
}

type ReplySink = (data: Uint8Array) => void;

interface Delivery {
  subject: string;
  data: Uint8Array;
  reply: ReplySink | undefined;
}

/** The routing table every participant of one in-process cluster shares. */
export class MemoryBusHub {
  /** @internal */
  readonly trie = new SubjectTrie<MemorySub>();
  private readonly nextInQueue = new Map<string, number>();
  /** @internal */
  readonly opts: { clock: Clock; log: Logger; metrics: Metrics | undefined; maxPendingPerSubscriber: number };

  constructor(opts: Omit<MemoryBusOptions, 'hub'> = {}) {
    const max = opts.maxPendingPerSubscriber ?? MEMORY_BUS_MAX_PENDING;
    if (!Number.isInteger(max) || max < 1) throw new TypeError(`bus: maxPendingPerSubscriber must be a positive integer, got ${max}`);
    this.opts = { clock: opts.clock ?? systemClock, log: opts.log ?? silentLogger, metrics: opts.metrics, maxPendingPerSubscriber: max };
  }

  /** @internal Enqueues to every plain subscriber and one member of each queue group; returns the count. */
  route(subject: string, data: Uint8Array, reply: ReplySink | undefined): number {
    const matches = this.trie.match(subject);
    const groups = new Map<string, MemorySub[]>();
    let n = 0;
    for (const sub of matches) {
      if (sub.queue === undefined) {
        sub.enqueue({ subject, data: data.slice(), reply });
        n++;
      } else {
        const g = groups.get(sub.queue);
        if (g) g.push(sub);
        else groups.set(sub.queue, [sub]);
      }
    }
    for (const [queue, members] of groups) {
      // Round-robin spreads load evenly and deterministically; NATS picks at random.
      const i = this.nextInQueue.get(queue) ?? 0;
      this.nextInQueue.set(queue, i + 1);
      members[i % members.length]!.enqueue({ subject, data: data.slice(), reply });
      n++;
    }
    return n;
  }
}

class MemorySub implements Subscription {
  private pending: Delivery[] = [];
  private scheduled = false;
  private stopped = false;
  /** True while deliverQueued runs its batch (a handler may call drain() mid-batch). */
  private delivering = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly hub: MemoryBusHub,
    private readonly owner: MemoryBus,
    readonly subject: string,
    readonly queue: string | undefined,
    private readonly handler: BusHandler,
  ) {}

  enqueue(d: Delivery): void {
    if (this.pending.length >= this.hub.opts.maxPendingPerSubscriber) {
      this.hub.opts.metrics?.busDrops.inc();
      this.hub.opts.log.warn('bus subscriber overflow, message dropped', { subject: this.subject, pending: this.pending.length });
      return;
    }
    this.pending.push(d);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.deliverQueued());
    }
  }

  unsubscribe(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.pending = [];
    this.hub.trie.remove(this.subject, this);
    this.owner.forget(this);
    this.wakeIdle();
  }

  /** See Subscription.drain. */
  drain(): Promise<void> {
    return this.drainAndStop().then(() => this.owner.forget(this));
  }

  /** Stops new deliveries; resolves once what was already queued has been handled. */
  drainAndStop(): Promise<void> {
    this.hub.trie.remove(this.subject, this);
    if (this.stopped || (this.pending.length === 0 && !this.delivering)) {
      this.stopped = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => this.idleWaiters.push(resolve)).then(() => void (this.stopped = true));
  }

  private deliverQueued(): void {
    this.scheduled = false;
    // Take only what is queued now: messages published by these handlers run in a later turn.
    const batch = this.pending;
    this.pending = [];
    this.delivering = true;
    for (const d of batch) {
      if (this.stopped) break;
      runHandler(this.handler, message(d), this.hub.opts.log, this.hub.opts.metrics, d.subject);
    }
    this.delivering = false;
    if (this.pending.length === 0) this.wakeIdle();
  }

  private wakeIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}

function message(d: Delivery): BusMessage {
  let replied = false;
  return {
    subject: d.subject,
    data: d.data,
    expectsReply: d.reply !== undefined,
    respond(data: Uint8Array): boolean {
      if (!d.reply || replied) return false;
      replied = true;
      d.reply(data.slice());
      return true;
    },
  };
}

interface PendingRequest {
  fail(kind: 'timeout' | 'closed'): void;
}

export class MemoryBus implements Bus {
  private readonly hub: MemoryBusHub;
  private readonly subs = new Set<MemorySub>();
  private readonly requests = new Set<PendingRequest>();
  private closed = false;

  constructor(opts: MemoryBusOptions = {}) {
    this.hub = opts.hub ?? new MemoryBusHub(opts);
  }

  /** Another participant on the same hub, as a second process would be. */
  peer(): MemoryBus {
    return new MemoryBus({ hub: this.hub });
  }

  publish(subject: string, data: Uint8Array): void {
    if (this.closed) throw new BusError('closed', subject);
    assertPublishSubject(subject);
    this.hub.route(subject, data, undefined);
  }

  request(subject: string, data: Uint8Array, opts: { timeoutMs: number }): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new BusError('closed', subject));
    try {
      assertPublishSubject(subject);
      assertTimeout(opts?.timeoutMs);
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise<Uint8Array>((resolve, reject) => {
      let done = false;
      let timer: TimerHandle | undefined;
      const finish = (): boolean => {
        if (done) return false;
        done = true;
        timer?.cancel();
        this.requests.delete(entry);
        return true;
      };
      const entry: PendingRequest = { fail: (kind) => finish() && reject(new BusError(kind, subject)) };
      // The first reply wins, as with NATS; later ones are ignored.
      const sink: ReplySink = (reply) => finish() && resolve(reply);
      if (this.hub.route(subject, data, sink) === 0) {
        finish();
        reject(new BusError('no-responders', subject));
        return;
      }
      this.requests.add(entry);
      timer = this.hub.opts.clock.setTimer(opts.timeoutMs, () => entry.fail('timeout'));
    });
  }

  subscribe(subject: string, handler: BusHandler, opts: SubscribeOptions = {}): Subscription {
    if (this.closed) throw new BusError('closed', subject);
    assertSubscribeSubject(subject);
    if (opts.queue !== undefined) assertQueueName(opts.queue);
    if (typeof handler !== 'function') throw new TypeError('bus: handler must be a function');
    const sub = new MemorySub(this.hub, this, subject, opts.queue, handler);
    this.subs.add(sub);
    this.hub.trie.add(subject, sub);
    return sub;
  }

  flush(): Promise<void> {
    return this.closed ? Promise.reject(new BusError('closed', 'flush')) : Promise.resolve();
  }

  /** Rejects pending requests, stops new deliveries, lets queued ones finish (like a NATS drain). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const r of [...this.requests]) r.fail('closed');
    await Promise.all([...this.subs].map((s) => s.drainAndStop()));
    this.subs.clear();
  }

  /** @internal called by a subscription when it unsubscribes. */
  forget(sub: MemorySub): void {
    this.subs.delete(sub);
  }
}
