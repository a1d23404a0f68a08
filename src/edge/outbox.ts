// Every write to a client socket goes through here: it checks the send buffer first and closes a
// socket whose backpressure passed limits.maxBackpressureBytes with CloseCode.BACKPRESSURE.
// Decision: close, never skip. A skipped frame would be a silent gap in the client's stream; a
// closed socket makes the client reconnect and resync from its last seen seqs (invariant 4).
// Group room frames do not pass here: uWS topic publish skips a socket over its maxBackpressure
// (edge/rooms.ts counts it), so a slow member never slows a room.
// A frame is refused when it would take the buffer past the limit, so the buffer never exceeds it
// through us; uWS's own maxBackpressure sits BACKPRESSURE_CLOSE_HEADROOM above it, because uWS
// drops any frame, the close frame included, once its limit is passed (the client would see a
// bare 1006 instead of CloseCode.BACKPRESSURE). closeOnBackpressureLimit stays off.
import { CloseCode } from '../protocol/close-codes.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Connection } from './connection.js';

/** Room above the limit for the close frame (at most 125 bytes plus header). */
export const BACKPRESSURE_CLOSE_HEADROOM = 1024;

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
    const buffered = ws.getBufferedAmount();
    // An empty buffer always takes the frame, so one frame larger than the limit still goes out.
    if (buffered > 0 && buffered + frame.byteLength > this.maxBackpressureBytes) return this.overflow(conn);
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
