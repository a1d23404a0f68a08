// The message bus port: subjects carry opaque bytes between processes. The memory bus
// (one process) and the NATS bus implement the same contract (test/contract/bus.contract.ts).
// Payloads are always bytes produced by a codec, so in-process traffic is serialized exactly as it
// would be across machines (layout-and-style B5.6).

export interface BusMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  /** True when the sender waits for a reply (request). */
  readonly expectsReply: boolean;
  /** Sends the reply of a request; false when no reply is expected or it was already sent. */
  respond(data: Uint8Array): boolean;
}

export type BusHandler = (msg: BusMessage) => void;

export interface Subscription {
  readonly subject: string;
  unsubscribe(): void;
  /** Stops new deliveries and resolves once every message already routed here was handled, so a
   *  request in flight is answered instead of dropped (unsubscribe drops it: the requester times
   *  out). Used to hand an actor shard over without failed asks. */
  drain(): Promise<void>;
}

export interface SubscribeOptions {
  /** Queue group: each message goes to one member of the group instead of every subscriber. */
  queue?: string;
}

export type BusErrorKind = 'timeout' | 'no-responders' | 'closed';

export class BusError extends Error {
  override readonly name = 'BusError';
  constructor(
    readonly kind: BusErrorKind,
    readonly subject: string,
  ) {
    super(`bus ${kind} on ${subject}`);
  }
}

export interface Bus {
  /** Fire and forget. Subjects are dot-separated tokens; see subjects.ts. */
  publish(subject: string, data: Uint8Array): void;
  /** One reply from one subscriber; rejects with BusError('no-responders') at once when nobody
   *  listens, BusError('timeout') after timeoutMs. */
  request(subject: string, data: Uint8Array, opts: { timeoutMs: number }): Promise<Uint8Array>;
  /** Wildcards: `*` matches one token, `>` the rest (last token only). */
  subscribe(subject: string, handler: BusHandler, opts?: SubscribeOptions): Subscription;
  /** Resolves when every publish issued so far has reached the server (no-op in memory). */
  flush(): Promise<void>;
  close(): Promise<void>;
}
