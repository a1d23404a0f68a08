// Every write to a client socket goes through here: it checks the send buffer first and closes a
// socket whose backpressure passed limits.maxBackpressureBytes with CloseCode.BACKPRESSURE.
// Decision: close, never skip. A skipped frame would be a silent gap in the client's stream; a
// closed socket makes the client reconnect and resync from its last seen seqs (invariant 4).
// uWS is configured with the same maxBackpressure and closeOnBackpressureLimit off, so this code
// picks the close code and counts the metric.
import { CloseCode } from '../protocol/close-codes.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Connection } from './connection.js';

/** uWS send() results. */
const SEND_DROPPED = 2;

export class Outbox {
  constructor(
    private readonly metrics: Metrics,
    private readonly maxBackpressureBytes: number,
  ) {}

  /** Writes one binary frame; false when the socket is gone or was closed for backpressure. */
  send(conn: Connection, frame: Uint8Array): boolean {
    const ws = conn.ws;
    if (!ws || !conn.open) return false;
    if (ws.getBufferedAmount() > this.maxBackpressureBytes) return this.overflow(conn);
    if (ws.send(frame, true, false) === SEND_DROPPED) return this.overflow(conn);
    this.metrics.wsFramesOut.inc();
    return true;
  }

  /** Graceful close with a code; the uWS close handler does the cleanup. Idempotent. */
  close(conn: Connection, code: number, reason: string): void {
    const ws = conn.ws;
    if (!ws || !conn.open) return;
    conn.state = 'closing';
    ws.end(code, reason);
  }

  private overflow(conn: Connection): false {
    this.metrics.wsBackpressureDrops.inc({ action: 'close' });
    conn.detachReason ??= 'close';
    this.close(conn, CloseCode.BACKPRESSURE, 'send buffer over limit');
    return false;
  }
}
