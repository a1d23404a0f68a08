// One actor's life inside a host: its mailbox and the single run loop that executes turns, one at a
// time, and every lifecycle step (activate, passivate on idle/request/crash, close when the shard
// leaves) in the same loop, so nothing about one actor ever runs concurrently. Gotcha: `running`
// is cleared synchronously at each exit of run(), never in a .finally, or a message delivered in
// between would sit in the mailbox with no loop to run it.
import type { Clock, TimerHandle } from '../lib/clock.js';
import { ImError, isImError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import type { Metrics } from '../metrics/metrics.js';
import { Err } from '../protocol/error-codes.js';
import type { Actor, ActorClient, ActorContext, ActorKind, BatchHandler, BatchOutcome } from './actor.js';
import { addrKey, type ActorAddress } from './address.js';
import { cloneThroughCodec, encodeError, encodeNotOwner, encodeOk } from './codec.js';
import { Mailbox } from './mailbox.js';

export interface Delivery {
  msg: unknown;
  /** Absent for tells and scheduled messages. */
  reply?: (bytes: Uint8Array) => void;
}

export type ActivationMetrics = Pick<Metrics, 'actorsActive' | 'actorActivations' | 'actorTurnErrors' | 'mailboxOverloads' | 'actorBatchMessages'>;

export interface ActivationDeps {
  address: ActorAddress;
  shard: number;
  kind: ActorKind<unknown>;
  clock: Clock;
  log: Logger;
  metrics: ActivationMetrics;
  client: ActorClient;
  mailboxCapacity: number;
  idleMs: number;
  /** Called once the activation has ended and holds no messages; the host forgets it. */
  onGone(): void;
}

export class Activation {
  private actor: Actor<unknown> | undefined;
  private readonly mailbox: Mailbox<Delivery>;
  private readonly log: Logger;
  private running = false;
  private done: Promise<void> = Promise.resolve();
  private idleTimer: TimerHandle | undefined;
  private readonly timers = new Set<TimerHandle>();
  /** Bumped at every deactivation; a context or timer of an older activation is inert. */
  private generation = 0;
  private endAfterTurn = false;
  private endWhenIdle = false;
  private closing = false;

  constructor(private readonly d: ActivationDeps) {
    const kind = d.kind.kind;
    this.mailbox = new Mailbox<Delivery>(d.mailboxCapacity, () => d.metrics.mailboxOverloads.inc({ kind }));
    this.log = d.log.child({ actor: addrKey(d.address) });
  }

  /** Queues a message. False when the shard is leaving (answer not-owner); throws ImError when full. */
  deliver(delivery: Delivery): boolean {
    if (this.closing) return false;
    this.mailbox.push(delivery);
    this.cancelIdle();
    this.kick();
    return true;
  }

  /** The shard moves away: waiting messages are answered not-owner (tells are dropped), the
   *  running turn finishes, the actor passivates. Resolves when it is gone. */
  close(): Promise<void> {
    if (!this.closing) {
      this.closing = true;
      const dropped = this.mailbox.drain();
      const notOwner = encodeNotOwner(this.d.shard);
      for (const m of dropped) m.reply?.(notOwner);
      if (dropped.length) this.log.debug('waiting messages refused: shard released', { count: dropped.length });
      this.cancelIdle();
      this.kick();
    }
    return this.done;
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    this.done = this.run().catch((e: unknown) => {
      // run() catches every actor failure itself; reaching here is a runtime bug. Stay usable.
      this.log.error('actor run loop failed', { err: e });
      this.running = false;
    });
  }

  private async run(): Promise<void> {
    for (;;) {
      const next = this.mailbox.shift();
      if (next !== undefined) {
        await this.turn(next);
        if (this.endAfterTurn) {
          this.endAfterTurn = false;
          await this.deactivate('passivate');
        }
        continue;
      }
      if (this.closing || this.endWhenIdle) {
        this.endWhenIdle = false;
        if (this.actor) await this.deactivate(this.closing ? 'shard released' : 'idle');
        if (this.mailbox.size > 0) continue; // arrived while onPassivate ran: reactivate
      }
      this.running = false;
      if (!this.actor) this.d.onGone();
      else this.armIdle();
      return;
    }
  }

  private async turn(m: Delivery): Promise<void> {
    if (!this.actor && !(await this.activate(m))) return;
    const actor = this.actor!;
    if (actor.batch?.accepts(m.msg)) return this.batchTurn(actor.batch, m);
    let result: unknown;
    try {
      result = await actor.handle(m.msg);
    } catch (e) {
      await this.failed(e, [m]);
      return;
    }
    if (m.reply) m.reply(this.okReply(result));
  }

  /** Creates and loads the actor; false (and m refused) when that fails. */
  private async activate(m: Delivery): Promise<boolean> {
    const kind = this.d.kind.kind;
    let actor: Actor<unknown> | undefined;
    try {
      actor = this.d.kind.create(this.d.address.id, this.context(this.generation));
      await actor.onActivate?.();
    } catch (e) {
      // The activation is discarded; the next message tries again from the store.
      this.log.warn('actor activation failed', { err: e });
      this.generation++;
      this.cancelTimers();
      m.reply?.(errorReply(e));
      return false;
    }
    this.actor = actor;
    this.d.metrics.actorActivations.inc({ kind });
    this.d.metrics.actorsActive.inc({ kind });
    return true;
  }

  /** m and the accepted messages right behind it, as one turn. */
  private async batchTurn(b: BatchHandler<unknown>, m: Delivery): Promise<void> {
    const items = [m];
    for (let next = this.mailbox.peek(); next !== undefined && items.length < b.max && b.accepts(next.msg); next = this.mailbox.peek()) {
      items.push(this.mailbox.shift()!);
    }
    this.d.metrics.actorBatchMessages.observe({ kind: this.d.kind.kind }, items.length);
    let outcomes: BatchOutcome[];
    try {
      outcomes = await b.handle(items.map((i) => i.msg));
      if (outcomes.length !== items.length) throw new Error(`batch of ${items.length} answered ${outcomes.length} outcomes`);
    } catch (e) {
      await this.failed(e, items);
      return;
    }
    items.forEach((item, i) => {
      const o = outcomes[i]!;
      item.reply?.('err' in o ? encodeError(o.err.code, o.err.info) : this.okReply(o.ok));
    });
  }

  /** A turn threw: an ImError is its answer; anything else may have left the in-memory state
   *  half-updated, so the actor restarts from the store. */
  private async failed(e: unknown, items: Delivery[]): Promise<void> {
    if (isImError(e)) {
      const bytes = encodeError(e.code, e.info);
      for (const m of items) m.reply?.(bytes);
      return;
    }
    this.log.error('actor turn failed; restarting', { err: e });
    this.d.metrics.actorTurnErrors.inc({ kind: this.d.kind.kind });
    const bytes = encodeError(Err.INTERNAL, 'internal error');
    for (const m of items) m.reply?.(bytes);
    await this.deactivate('crash');
  }

  private okReply(result: unknown): Uint8Array {
    try {
      return encodeOk(result);
    } catch (e) {
      this.log.error('actor reply is not plain data', { err: e });
      return errorReply(e);
    }
  }

  private async deactivate(reason: string): Promise<void> {
    const actor = this.actor;
    this.actor = undefined;
    this.generation++;
    this.cancelTimers();
    this.cancelIdle();
    if (!actor) return;
    this.d.metrics.actorsActive.dec({ kind: this.d.kind.kind });
    try {
      await actor.onPassivate?.();
    } catch (e) {
      this.log.warn('onPassivate failed', { reason, err: e });
    }
  }

  private context(gen: number): ActorContext<unknown> {
    const self = this.d.address;
    const live = () => gen === this.generation && !this.closing;
    return {
      self,
      clock: this.d.clock,
      log: this.log,
      tell: (to, msg) => this.d.client.tell(to, msg),
      ask: <R>(to: ActorAddress, msg: unknown, opts?: { timeoutMs?: number }) =>
        addrKey(to) === addrKey(self)
          ? Promise.reject(new ImError(Err.INTERNAL, `${addrKey(self)} asked itself: a turn waiting on its own mailbox never ends`))
          : this.d.client.ask<R>(to, msg, opts),
      schedule: (ms, msg) => {
        const copy = cloneThroughCodec(msg);
        const handle: TimerHandle = this.d.clock.setTimer(ms, () => {
          this.timers.delete(handle);
          if (live()) this.deliverScheduled(copy);
        });
        this.timers.add(handle);
        return { cancel: () => (this.timers.delete(handle), handle.cancel()) };
      },
      passivate: () => {
        if (!live()) return;
        if (this.running) this.endAfterTurn = true;
        else {
          this.endWhenIdle = true;
          this.cancelIdle();
          this.kick();
        }
      },
    };
  }

  private deliverScheduled(msg: unknown): void {
    try {
      this.deliver({ msg });
    } catch (e) {
      this.log.warn('scheduled message dropped', { err: e });
    }
  }

  private armIdle(): void {
    this.cancelIdle();
    this.idleTimer = this.d.clock.setTimer(this.d.idleMs, () => {
      this.idleTimer = undefined;
      if (this.running || this.closing) return;
      this.endWhenIdle = true;
      this.kick();
    });
  }

  private cancelIdle(): void {
    this.idleTimer?.cancel();
    this.idleTimer = undefined;
  }

  private cancelTimers(): void {
    for (const t of this.timers) t.cancel();
    this.timers.clear();
  }
}

function errorReply(e: unknown): Uint8Array {
  return isImError(e) ? encodeError(e.code, e.info) : encodeError(Err.INTERNAL, 'internal error');
}
