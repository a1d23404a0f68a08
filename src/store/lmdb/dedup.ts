// LMDB DedupStore: the "dedup" sub-database, [sdkAppId, scope, key] -> { value, exp }. remember()
// checks and sets inside one write transaction (first writer wins across handles), with expiry
// from the injected clock; expired marks are invisible and swept through expiries.ts.
// See DedupStore for the contract.
import type { Database, Key } from 'lmdb';
import type { Clock } from '../../lib/clock.js';
import type { DedupStore } from '../dedup.js';
import { checkDedupKey, checkDedupTtl, dedupValue, expiresAt, isLive } from '../message-records.js';
import { checkAppId } from '../records.js';
import type { JsonValue } from '../relationships.js';
import type { LmdbExpiries } from './expiries.js';

export interface StoredMark {
  value: JsonValue;
  exp: number;
}

export class LmdbDedupStore implements DedupStore {
  constructor(
    private readonly db: Database<StoredMark, Key>,
    private readonly expiries: LmdbExpiries,
    private readonly clock: Clock,
  ) {
    expiries.register('dedup', (key, exp) => {
      if (this.db.get(key)?.exp === exp) void this.db.remove(key);
    });
  }

  async remember(sdkAppId: number, scope: string, key: string, value: JsonValue, ttlSec: number): Promise<JsonValue | undefined> {
    checkAppId(sdkAppId);
    checkDedupKey(scope, key);
    checkDedupTtl(ttlSec);
    const v = dedupValue(value);
    const k = [sdkAppId, scope, key];
    return this.db.transaction(() => {
      const now = this.clock.nowMs();
      this.expiries.sweep(now);
      const cur = this.db.get(k);
      if (cur && isLive(cur.exp, now)) return cur.value;
      const exp = expiresAt(now, ttlSec);
      void this.db.put(k, { value: v, exp });
      if (exp > 0) this.expiries.add(exp, 'dedup', k);
      return undefined;
    });
  }

  async get(sdkAppId: number, scope: string, key: string): Promise<JsonValue | undefined> {
    checkAppId(sdkAppId);
    checkDedupKey(scope, key);
    const cur = this.db.get([sdkAppId, scope, key]);
    return cur && isLive(cur.exp, this.clock.nowMs()) ? cur.value : undefined;
  }
}
