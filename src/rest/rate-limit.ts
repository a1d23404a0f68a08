// REST frequency limit (spec §2, §8): a token bucket per (SDKAppID, service/command) holding one
// second of the app's restRatePerSec, refilled continuously from the injected clock. Over the
// limit: 60007 and metrics.restRateLimited. Buckets are only made for authenticated calls to
// known APIs, and their number is capped anyway (oldest-touched evicted), so memory stays bounded.
// Per process: behind N edges the effective limit is N times the configured one.
import type { Clock } from '../lib/clock.js';
import { ImError } from '../lib/errors.js';
import type { Metrics } from '../metrics/metrics.js';
import { Err } from '../protocol/error-codes.js';

/** Far above apps x APIs of any deployment; a cap, not a working-set size. */
export const MAX_RATE_BUCKETS = 10_000;

interface Bucket {
  tokens: number;
  atMs: number;
}

export class RestRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: Clock,
    private readonly metrics: Metrics,
    private readonly maxBuckets = MAX_RATE_BUCKETS,
  ) {}

  /** Takes one token or throws ImError(60007). ratePerSec <= 0 disables the limit for the app. */
  take(sdkAppId: number, api: string, ratePerSec: number): void {
    if (ratePerSec <= 0) return;
    const key = `${sdkAppId}|${api}`;
    const now = this.clock.nowMs();
    let b = this.buckets.get(key);
    if (b) {
      this.buckets.delete(key); // re-inserted below: Map order is then least-recently-used first
      b.tokens = Math.min(ratePerSec, b.tokens + ((now - b.atMs) * ratePerSec) / 1000);
      b.atMs = now;
    } else {
      b = { tokens: ratePerSec, atMs: now };
      if (this.buckets.size >= this.maxBuckets) this.evictOldest();
    }
    this.buckets.set(key, b);
    if (b.tokens < 1) {
      this.metrics.restRateLimited.inc();
      throw new ImError(Err.REST_RATE_LIMIT, `REST frequency limit of ${ratePerSec}/s exceeded for ${api}`);
    }
    b.tokens -= 1;
  }

  get size(): number {
    return this.buckets.size;
  }

  private evictOldest(): void {
    const oldest = this.buckets.keys().next();
    if (!oldest.done) this.buckets.delete(oldest.value);
  }
}
