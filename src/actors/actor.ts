// The actor model (Orleans/Effect style, layout-and-style B4): an actor owns one piece of state;
// its turns run one at a time; it is activated on its first message and passivated when idle,
// reloading its state from the store next time. Messages are plain data (they cross the bus as
// MessagePack even in one process), forming a closed union per kind.
//
// Rule (B5.2): a turn must not await another actor. Cross-actor work is `tell` plus a reply
// message; `ask` from inside a turn only toward leaf actors, always with a timeout.
import type { Clock, TimerHandle } from '../lib/clock.js';
import type { ImError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import type { ActorAddress } from './address.js';

export interface AskOptions {
  timeoutMs?: number;
}

/** How any code (edge, REST handler, actor) reaches actors anywhere in the cluster. */
export interface ActorClient {
  /** Send and forget; delivery is best-effort. */
  tell(to: ActorAddress, msg: unknown): void;
  /** Send and wait for the turn's result. Rejects with the actor's ImError, or with
   *  ImError(SERVER_OVERLOADED) when its mailbox is full, or ImError(REQUEST_TIMEOUT). While a
   *  shard has no owner (failover) the request is retried until the timeout. */
  ask<R>(to: ActorAddress, msg: unknown, opts?: AskOptions): Promise<R>;
}

export interface ActorContext<M> extends ActorClient {
  readonly self: ActorAddress;
  readonly clock: Clock;
  readonly log: Logger;
  /** Delivers msg to this actor after ms, as an ordinary turn. */
  schedule(ms: number, msg: M): TimerHandle;
  /** Ends this activation after the current turn (onPassivate runs). */
  passivate(): void;
}

export interface Actor<M> {
  /** Loads state; runs before the first turn. A throw fails that message and discards the
   *  activation (the next message tries again). */
  onActivate?(): Promise<void>;
  /** One turn. Its result is the reply to `ask` (undefined for `tell`). Throwing ImError
   *  replies with that code; any other throw replies INTERNAL and restarts the actor. */
  handle(msg: M): Promise<unknown> | unknown;
  /** Runs when idle for the idle time, when passivate() was called, when the shard moves away,
   *  at shutdown, or before a restart after a non-ImError throw. State must already be durable:
   *  this is only for releasing resources. Timers from schedule() are cancelled by then. */
  onPassivate?(): Promise<void>;
  /** Optional: several waiting messages in one turn, for a writer that commits them together
   *  (one durable write for many sends). The run loop takes the next message and, while the
   *  ones behind it are accepted, up to `max` of them, and replies to each from its outcome. A
   *  throw from handle() fails every message of the batch like a throw from a turn. */
  batch?: BatchHandler<M>;
}

/** One message's outcome in a batch turn: its reply, or the ImError it is refused with. */
export type BatchOutcome = { ok: unknown } | { err: ImError };

export interface BatchHandler<M> {
  /** Largest batch (messages) one turn takes. */
  readonly max: number;
  accepts(msg: M): boolean;
  /** One outcome per message, in order. */
  handle(msgs: M[]): Promise<BatchOutcome[]>;
}

export interface ActorKind<M> {
  readonly kind: string;
  create(id: string, ctx: ActorContext<M>): Actor<M>;
}
