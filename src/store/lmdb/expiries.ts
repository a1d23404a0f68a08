// Retention for the LMDB message-path stores: an "expiries" sub-database keyed by
// [expiresAtMs, kind, ...rowKey], so due entries are one ordered range from the start. Writers call
// sweep() inside their own write transaction; it deletes at most LMDB_SWEEP_BATCH due rows, so a
// write never pays for a large backlog and a busy store never keeps much dead data. Reads filter
// expired rows themselves. A row rewritten with another expiry leaves its old entry behind: each
// kind's drop checks that the row still carries the entry's expiry before deleting it.
import type { Database, Key } from 'lmdb';

/** Most due rows one write transaction deletes. */
export const LMDB_SWEEP_BATCH = 64;

export type ExpiryKind = 'msg' | 'hidden' | 'dedup';
/** Deletes the row `key` of that kind if it still expires at `exp` (inside the caller's transaction). */
export type DropExpired = (key: Key[], exp: number) => void;

export class LmdbExpiries {
  private readonly drops = new Map<ExpiryKind, DropExpired>();

  constructor(private readonly db: Database<true, Key>) {}

  /** Registers how a kind's rows are deleted; each store registers its own once. */
  register(kind: ExpiryKind, drop: DropExpired): void {
    this.drops.set(kind, drop);
  }

  /** Records that row `key` of `kind` expires at exp (call inside a write transaction; exp > 0). */
  add(exp: number, kind: ExpiryKind, key: Key[]): void {
    void this.db.put([exp, kind, ...key], true);
  }

  /** Deletes up to LMDB_SWEEP_BATCH rows due at nowMs (call inside a write transaction). */
  sweep(nowMs: number): void {
    const due = [...this.db.getRange({ start: [0], end: [nowMs + 1], limit: LMDB_SWEEP_BATCH }).map(({ key }) => key as Key[])];
    for (const k of due) {
      const [exp, kind, ...rowKey] = k as [number, ExpiryKind, ...Key[]];
      this.drops.get(kind)?.(rowKey, exp);
      void this.db.remove(k);
    }
  }
}
