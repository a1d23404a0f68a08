// ActorHost: runs the actors of the shards this process is told to own (by the shard manager).
// ownShard subscribes the shard's subject; releaseShard unsubscribes, answers waiting messages
// not-owner, waits for running turns and passivates. A message that reaches a host not owning its
// shard (stale routing during a move) is answered not-owner, so the client retries elsewhere.
// Gotcha: a subject has no queue group on purpose; two subscribers mean two owners (lease bug).
import type { Bus, BusMessage, Subscription } from '../bus/bus.js';
import { subjects } from '../bus/subjects.js';
import type { Clock } from '../lib/clock.js';
import { ImError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import type { Metrics } from '../metrics/metrics.js';
import { Err } from '../protocol/error-codes.js';
import type { ActorClient, ActorKind } from './actor.js';
import { Activation, type ActivationMetrics } from './activation.js';
import { addr, addrKey, shardOf } from './address.js';
import { createActorClient } from './client.js';
import { decodeRequest, encodeError, encodeNotOwner } from './codec.js';

export interface ActorHostOptions {
  bus: Bus;
  clock: Clock;
  log: Logger;
  metrics: ActivationMetrics & Pick<Metrics, 'askRetries'>;
  // `any`: each kind has its own message union; the codec only promises plain data.
  kinds: ActorKind<any>[];
  limits: { mailboxCapacity: number; actorIdleMs: number; askTimeoutMs?: number };
  shardCount: number;
  /** How actors reach other actors; by default a client over the same bus. */
  client?: ActorClient;
}

export class ActorHost {
  private readonly kinds = new Map<string, ActorKind<unknown>>();
  private readonly subs = new Map<number, Subscription>();
  private readonly byShard = new Map<number, Map<string, Activation>>();
  private readonly releasing = new Map<number, Promise<void>>();
  private readonly client: ActorClient;
  private readonly log: Logger;
  private stopped = false;

  constructor(private readonly o: ActorHostOptions) {
    if (!Number.isInteger(o.shardCount) || o.shardCount < 1) throw new Error(`shardCount must be a positive integer, got ${o.shardCount}`);
    if (!(o.limits.actorIdleMs > 0)) throw new Error(`actorIdleMs must be positive, got ${o.limits.actorIdleMs}`);
    for (const k of o.kinds) {
      if (this.kinds.has(k.kind)) throw new Error(`actor kind ${k.kind} registered twice`);
      this.kinds.set(k.kind, k as ActorKind<unknown>);
    }
    const cap = o.limits.mailboxCapacity;
    if (!Number.isInteger(cap) || cap < 1) throw new Error(`mailboxCapacity must be a positive integer, got ${cap}`);
    this.log = o.log.child({ component: 'actor-host' });
    this.client =
      o.client ??
      createActorClient({ bus: o.bus, shardCount: o.shardCount, clock: o.clock, log: o.log, metrics: o.metrics, defaultTimeoutMs: o.limits.askTimeoutMs ?? 5_000 });
  }

  /** Starts serving shard n; resolves once the subscription reached the bus. */
  async ownShard(n: number): Promise<void> {
    if (this.stopped) throw new Error('actor host is stopped');
    if (!Number.isInteger(n) || n < 0 || n >= this.o.shardCount) throw new Error(`shard must be 0..${this.o.shardCount - 1}, got ${n}`);
    if (this.subs.has(n)) return;
    await this.releasing.get(n); // a previous release of the same shard finishes first
    if (this.subs.has(n)) return;
    this.byShard.set(n, new Map());
    this.subs.set(n, this.o.bus.subscribe(subjects.actorShard(n), (m) => this.onMessage(n, m)));
    await this.o.bus.flush();
  }

  /** Stops serving shard n: unsubscribes, refuses waiting messages, waits for running turns, passivates. */
  releaseShard(n: number): Promise<void> {
    const sub = this.subs.get(n);
    if (!sub) return this.releasing.get(n) ?? Promise.resolve();
    this.subs.delete(n); // from here on, whatever still arrives is answered not-owner
    const acts = [...(this.byShard.get(n)?.values() ?? [])];
    const p = Promise.all([this.stopListening(n, sub), ...acts.map((a) => a.close())]).then(() => {
      this.byShard.delete(n);
      this.releasing.delete(n);
    });
    this.releasing.set(n, p);
    return p;
  }

  /** Drains, not unsubscribes: requests already routed here get their not-owner answer (and are
   *  retried elsewhere) instead of being dropped into a client timeout. */
  private async stopListening(n: number, sub: Subscription): Promise<void> {
    try {
      await sub.drain();
    } catch (e) {
      this.log.warn('unsubscribe failed', { shard: n, err: e });
    }
  }

  ownedShards(): number[] {
    return [...this.subs.keys()].sort((a, b) => a - b);
  }

  /** Activations currently held (running or idle). */
  activationCount(): number {
    let n = 0;
    for (const m of this.byShard.values()) n += m.size;
    return n;
  }

  /** Releases every shard gracefully; the host serves nothing afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.subs.keys(), ...this.releasing.keys()].map((n) => this.releaseShard(n)));
  }

  private onMessage(shard: number, m: BusMessage): void {
    const reply = m.expectsReply ? (bytes: Uint8Array) => this.safeRespond(m, bytes) : undefined;
    const req = decodeRequest(m.data);
    if (req instanceof ImError) {
      this.log.warn('bad actor request', { shard, err: req.info });
      reply?.(encodeError(req.code, req.info));
      return;
    }
    const kind = this.kinds.get(req.kind);
    if (!kind) {
      reply?.(encodeError(Err.INVALID_PARAMETERS, `unknown actor kind ${req.kind}`));
      return;
    }
    const address = addr(req.kind, req.id);
    const home = shardOf(address, this.o.shardCount);
    if (home !== shard) {
      // A sender with another shardCount: retrying cannot help, so say so loudly.
      reply?.(encodeError(Err.INTERNAL, `${addrKey(address)} sent to shard ${shard} but belongs to ${home}: shardCount differs between processes`));
      return;
    }
    const acts = this.byShard.get(shard);
    if (!acts || !this.subs.has(shard)) {
      reply?.(encodeNotOwner(shard));
      return;
    }
    const key = addrKey(address);
    let a = acts.get(key);
    if (!a) {
      const created: Activation = new Activation({
        address,
        shard,
        kind,
        clock: this.o.clock,
        log: this.o.log,
        metrics: this.o.metrics,
        client: this.client,
        mailboxCapacity: this.o.limits.mailboxCapacity,
        idleMs: this.o.limits.actorIdleMs,
        onGone: () => {
          if (acts.get(key) === created) acts.delete(key);
        },
      });
      acts.set(key, created);
      a = created;
    }
    try {
      if (!a.deliver({ msg: req.msg, ...(reply ? { reply } : {}) })) reply?.(encodeNotOwner(shard));
    } catch (e) {
      const err = e instanceof ImError ? e : new ImError(Err.INTERNAL, 'internal error');
      reply?.(encodeError(err.code, err.info));
    }
  }

  private safeRespond(m: BusMessage, bytes: Uint8Array): void {
    try {
      m.respond(bytes);
    } catch (e) {
      this.log.warn('actor reply not sent', { subject: m.subject, err: e });
    }
  }
}
