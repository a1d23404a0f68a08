// Handler invocation and argument checks shared by both bus implementations. A throwing (or
// rejecting) handler must never break delivery to the others or the connection's read loop, so
// every call goes through runHandler, which logs and counts the failure instead.

import type { Logger } from '../lib/log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { BusHandler, BusMessage } from './bus.js';

/** Largest request timeout: Node timers overflow above 2^31-1 ms and would fire at once. */
export const BUS_MAX_TIMEOUT_MS = 2_147_483_647;

export function assertTimeout(ms: unknown): asserts ms is number {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0 || ms > BUS_MAX_TIMEOUT_MS) {
    throw new TypeError(`bus: timeoutMs must be a number in (0, ${BUS_MAX_TIMEOUT_MS}], got ${String(ms)}`);
  }
}

export function runHandler(handler: BusHandler, msg: BusMessage, log: Logger, metrics: Metrics | undefined, subject: string): void {
  const fail = (err: unknown) => {
    metrics?.busHandlerErrors.inc();
    log.error('bus handler failed', { subject, err });
  };
  try {
    // Handlers are typed void but may be async; a rejection must not go unhandled.
    const r: unknown = handler(msg);
    if (r instanceof Promise) r.catch(fail);
  } catch (err) {
    fail(err);
  }
}
