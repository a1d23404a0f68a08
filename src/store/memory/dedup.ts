// In-process DedupStore: one Map of marks with their expiry from the injected clock. remember() is
// one synchronous check-and-set, so the first caller wins; expired marks are invisible at once and
// swept in bounded batches on later writes. See DedupStore for the contract.
import type { Clock } from '../../lib/clock.js';
import type { DedupStore } from '../dedup.js';
import { checkDedupKey, checkDedupTtl, dedupValue, expiresAt, isLive } from '../message-records.js';
import { checkAppId } from '../records.js';
import type { JsonValue } from '../relationships.js';
import { ExpiryHeap } from './expiry-heap.js';

interface Mark {
  value: JsonValue;
  exp: number;
}

export class MemoryDedupStore implements DedupStore {
  private readonly marks = new Map<string, Mark>();
  private readonly expiry = new ExpiryHeap();

  constructor(private readonly clock: Clock) {}

  async remember(sdkAppId: number, scope: string, key: string, value: JsonValue, ttlSec: number): Promise<JsonValue | undefined> {
    checkAppId(sdkAppId);
    checkDedupKey(scope, key);
    checkDedupTtl(ttlSec);
    const v = dedupValue(value);
    const now = this.clock.nowMs();
    this.expiry.sweep(now);
    const id = markId(sdkAppId, scope, key);
    const cur = this.marks.get(id);
    if (cur && isLive(cur.exp, now)) return structuredClone(cur.value);
    const mark: Mark = { value: v, exp: expiresAt(now, ttlSec) };
    this.marks.set(id, mark);
    if (mark.exp > 0) this.expiry.add(mark.exp, () => this.marks.get(id) === mark && this.marks.delete(id));
    return undefined;
  }

  async get(sdkAppId: number, scope: string, key: string): Promise<JsonValue | undefined> {
    checkAppId(sdkAppId);
    checkDedupKey(scope, key);
    const cur = this.marks.get(markId(sdkAppId, scope, key));
    return cur && isLive(cur.exp, this.clock.nowMs()) ? structuredClone(cur.value) : undefined;
  }
}

// Scopes cannot contain NUL and app ids are digits, so the key is unambiguous.
const markId = (sdkAppId: number, scope: string, key: string): string => `${sdkAppId}\u0000${scope}\u0000${key}`;
