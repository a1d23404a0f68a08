// NATS implementation of the Bus port; see the Bus interface for the contract. Gotchas:
// - nats.js queues payload references and writes them later, so every outgoing payload is copied
//   here (a caller reusing its buffer would otherwise change bytes already "sent").
// - Requests use the connection's muxed inbox (one wildcard subscription for all replies).
// - It reconnects forever with a bounded wait and re-subscribes by itself; `raw` is exposed for
//   JetStream KV (actor leases) on the same connection. close() drains, bounded by a timeout.
// - While disconnected nats.js buffers outgoing bytes without limit (and discards them at each
//   reconnect attempt, so an outage loses publishes: the bus is at-most-once). Here at most
//   NATS_OFFLINE_BUFFER_BYTES per outage are accepted; beyond that publishes are dropped (busDrops)
//   and requests fail at once with 'no-responders' (nobody can answer until the server is back).

import { connect, ErrorCode, type Msg, type NatsConnection, type Subscription as NatsSub } from 'nats';
import type { Logger } from '../lib/log.js';
import { silentLogger } from '../lib/log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Bus, BusHandler, BusMessage, SubscribeOptions, Subscription } from './bus.js';
import { BusError } from './bus.js';
import { assertTimeout, runHandler } from './handler.js';
import { assertPublishSubject, assertQueueName, assertSubscribeSubject } from './subject-match.js';

/** Wait between reconnect attempts (plus jitter); attempts never stop. */
export const NATS_RECONNECT_WAIT_MS = 1_000;
export const NATS_RECONNECT_JITTER_MS = 500;
/** A server that answers no ping for PING_INTERVAL x MAX_PINGS_OUT is considered gone. */
export const NATS_PING_INTERVAL_MS = 10_000;
export const NATS_MAX_PINGS_OUT = 3;
/** close() gives a drain this long (e.g. while the server is down) before closing hard. */
export const NATS_DRAIN_TIMEOUT_MS = 10_000;
/** Payload bytes accepted while disconnected (sent only if the next connect attempt succeeds). */
export const NATS_OFFLINE_BUFFER_BYTES = 8 * 1024 * 1024;

export interface NatsBusOptions {
  /** One server URL or several separated by commas. */
  url: string;
  /** Connection name shown by the server (monitoring). */
  name: string;
  log?: Logger;
  metrics?: Metrics;
  /** Overrides NATS_OFFLINE_BUFFER_BYTES (tests). */
  offlineBufferBytes?: number;
}

export async function connectNatsBus(opts: NatsBusOptions): Promise<NatsBus> {
  if (typeof opts.url !== 'string' || opts.url.trim() === '') throw new TypeError('bus: NATS url must be a non-empty string');
  if (typeof opts.name !== 'string' || opts.name === '') throw new TypeError('bus: NATS connection name must be a non-empty string');
  const servers = opts.url.split(',').map((s) => s.trim()).filter(Boolean);
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers,
      name: opts.name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: NATS_RECONNECT_WAIT_MS,
      reconnectJitter: NATS_RECONNECT_JITTER_MS,
      pingInterval: NATS_PING_INTERVAL_MS,
      maxPingOut: NATS_MAX_PINGS_OUT,
    });
  } catch (err) {
    throw new Error(`bus: cannot connect to NATS at ${servers.join(',')}: ${(err as Error).message}`, { cause: err });
  }
  return new NatsBus(nc, opts.log ?? silentLogger, opts.metrics, opts.offlineBufferBytes ?? NATS_OFFLINE_BUFFER_BYTES);
}

interface PendingRequest {
  subject: string;
  reject(e: BusError): void;
}

export class NatsBus implements Bus {
  private readonly requests = new Set<PendingRequest>();
  private closing: Promise<void> | undefined;
  private disconnected = false;
  private bufferedWhileDown = 0;

  constructor(
    /** The underlying connection, for JetStream KV. Do not close it directly: use close(). */
    readonly raw: NatsConnection,
    private readonly log: Logger,
    private readonly metrics: Metrics | undefined,
    private readonly offlineBufferBytes = NATS_OFFLINE_BUFFER_BYTES,
  ) {
    void this.watchStatus();
  }

  /** False between a disconnect and the following reconnect. */
  get connected(): boolean {
    return !this.disconnected && !this.raw.isClosed();
  }

  publish(subject: string, data: Uint8Array): void {
    if (this.closing) throw new BusError('closed', subject);
    assertPublishSubject(subject);
    if (!this.admitWhileDown(data.length, subject)) return;
    try {
      this.raw.publish(subject, data.slice());
    } catch (err) {
      throw mapError(err, subject);
    }
  }

  request(subject: string, data: Uint8Array, opts: { timeoutMs: number }): Promise<Uint8Array> {
    if (this.closing) return Promise.reject(new BusError('closed', subject));
    try {
      assertPublishSubject(subject);
      assertTimeout(opts?.timeoutMs);
    } catch (e) {
      return Promise.reject(e);
    }
    if (!this.admitWhileDown(data.length, subject)) return Promise.reject(new BusError('no-responders', subject));
    return new Promise<Uint8Array>((resolve, reject) => {
      const entry: PendingRequest = { subject, reject };
      this.requests.add(entry);
      this.raw
        .request(subject, data.slice(), { timeout: opts.timeoutMs, noMux: false })
        .then(
          (m) => resolve(m.data),
          (err: unknown) => reject(mapError(err, subject)),
        )
        .finally(() => this.requests.delete(entry));
    });
  }

  subscribe(subject: string, handler: BusHandler, opts: SubscribeOptions = {}): Subscription {
    if (this.closing) throw new BusError('closed', subject);
    assertSubscribeSubject(subject);
    if (opts.queue !== undefined) assertQueueName(opts.queue);
    if (typeof handler !== 'function') throw new TypeError('bus: handler must be a function');
    let sub: NatsSub;
    try {
      sub = this.raw.subscribe(subject, {
        ...(opts.queue !== undefined ? { queue: opts.queue } : {}),
        callback: (err, msg) => {
          if (err) {
            this.log.error('bus subscription error', { subject, err });
            return;
          }
          runHandler(handler, this.wrap(msg), this.log, this.metrics, msg.subject);
        },
      });
    } catch (err) {
      throw mapError(err, subject);
    }
    return {
      subject,
      unsubscribe: () => {
        if (sub.isClosed() || this.raw.isClosed()) return;
        try {
          sub.unsubscribe();
        } catch (err) {
          this.log.debug('bus unsubscribe failed', { subject, err });
        }
      },
      // See Subscription.drain: the server stops routing here, what it already sent is handled.
      drain: async () => {
        if (sub.isClosed() || this.raw.isClosed()) return;
        try {
          await sub.drain();
        } catch (err) {
          this.log.debug('bus subscription drain failed', { subject, err });
          sub.unsubscribe();
        }
      },
    };
  }

  async flush(): Promise<void> {
    if (this.closing) throw new BusError('closed', 'flush');
    try {
      await this.raw.flush();
    } catch (err) {
      throw mapError(err, 'flush');
    }
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    for (const r of [...this.requests]) r.reject(new BusError('closed', r.subject));
    this.requests.clear();
    if (this.raw.isClosed()) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), NATS_DRAIN_TIMEOUT_MS);
    });
    try {
      const r = await Promise.race([this.raw.drain().then(() => 'drained' as const), timedOut]);
      if (r === 'timeout') this.log.warn('bus drain timed out, closing', { timeoutMs: NATS_DRAIN_TIMEOUT_MS });
    } catch (err) {
      this.log.debug('bus drain failed, closing', { err });
    } finally {
      clearTimeout(timer);
    }
    if (!this.raw.isClosed()) await this.raw.close();
  }

  /** Counts bytes buffered during an outage; false (and counted as a drop) past the bound. */
  private admitWhileDown(bytes: number, subject: string): boolean {
    if (!this.disconnected) return true;
    if (this.bufferedWhileDown + bytes > this.offlineBufferBytes) {
      this.metrics?.busDrops.inc();
      this.log.debug('bus offline buffer full, message dropped', { subject, buffered: this.bufferedWhileDown });
      return false;
    }
    this.bufferedWhileDown += bytes;
    return true;
  }

  private wrap(msg: Msg): BusMessage {
    let replied = false;
    const log = this.log;
    const admit = (bytes: number) => this.admitWhileDown(bytes, msg.subject);
    return {
      subject: msg.subject,
      data: msg.data,
      expectsReply: msg.reply !== undefined && msg.reply !== '',
      respond(data: Uint8Array): boolean {
        if (!msg.reply || replied) return false;
        replied = true;
        if (!admit(data.length)) return false;
        try {
          return msg.respond(data.slice());
        } catch (err) {
          // The connection closed under us: the requester will see its own error.
          log.debug('bus respond failed', { subject: msg.subject, err });
          return false;
        }
      },
    };
  }

  private async watchStatus(): Promise<void> {
    const server = () => this.raw.getServer();
    try {
      for await (const s of this.raw.status()) {
        if (s.type === 'disconnect') {
          this.disconnected = true;
          this.bufferedWhileDown = 0;
          this.log.warn('bus disconnected', { server: String(s.data) });
        } else if (s.type === 'reconnect') {
          this.disconnected = false;
          this.log.info('bus reconnected', { server: String(s.data), bufferedBytes: this.bufferedWhileDown });
        }
        else if (s.type === 'error') this.log.error('bus async error', { server: server(), code: String(s.data) });
        else if (s.type === 'ldm') this.log.warn('bus server entering lame duck mode', { server: String(s.data) });
      }
    } catch (err) {
      this.log.debug('bus status watch ended', { err });
    }
    const closedWith = await this.raw.closed();
    if (closedWith instanceof Error) this.log.error('bus connection closed with error', { err: closedWith });
  }
}

/** NATS errors to the port's kinds; anything else (a bug, a bad payload) is passed through. */
function mapError(err: unknown, subject: string): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === ErrorCode.NoResponders) return new BusError('no-responders', subject);
  if (code === ErrorCode.Timeout) return new BusError('timeout', subject);
  if (code === ErrorCode.ConnectionClosed || code === ErrorCode.ConnectionDraining) return new BusError('closed', subject);
  return err;
}
