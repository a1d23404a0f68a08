// The open connections of this edge by connId: where deliveries and kicks find their socket.
// Only sockets between open and close are here; the gauge tracks them by state.
import type { Metrics } from '../metrics/metrics.js';
import type { Connection } from './connection.js';

export class Hub {
  private readonly byId = new Map<string, Connection>();

  constructor(private readonly metrics: Metrics) {}

  add(conn: Connection): void {
    this.byId.set(conn.connId, conn);
    this.metrics.wsConnections.inc({ state: 'open' });
  }

  remove(conn: Connection): void {
    if (this.byId.delete(conn.connId)) this.metrics.wsConnections.dec({ state: 'open' });
  }

  get(connId: string): Connection | undefined {
    return this.byId.get(connId);
  }

  get size(): number {
    return this.byId.size;
  }

  all(): Connection[] {
    return [...this.byId.values()];
  }
}
