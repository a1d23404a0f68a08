// Send deduplication marks (spec §7): first write wins, later ones get the first value back.
// Scopes name the rule, e.g. 'c2c' (sender, MsgSeq, MsgRandom, CRC32; 120 s), 'group' (Random;
// 5 min) and 'import' (MsgSeq, MsgRandom, MsgTimeStamp; forever); the domain builds the keys.
// Gotcha: expiry has whole-second granularity in the real backend: a mark may go up to a second
// early or late, so callers pick TTLs with that slack.
import type { JsonValue } from './relationships.js';

/** A scope: lower-case identifier. */
export const DEDUP_SCOPE = /^[a-z][a-z0-9_]{0,31}$/;
/** Longest dedup key in UTF-8 bytes. */
export const MAX_DEDUP_KEY_BYTES = 256;
/** Largest remembered value as JSON, in UTF-8 bytes. */
export const MAX_DEDUP_VALUE_BYTES = 4096;
/** Longest TTL: 20 years (Cassandra's ceiling). */
export const MAX_DEDUP_TTL_SEC = 630_720_000;

export interface DedupStore {
  /**
   * Insert-if-absent: stores `value` under (sdkAppId, scope, key) for ttlSec seconds (0 = forever)
   * and returns undefined; if a live mark exists, changes nothing and returns its value.
   * Concurrent calls for one key, from any process: exactly one sees undefined.
   */
  remember(sdkAppId: number, scope: string, key: string, value: JsonValue, ttlSec: number): Promise<JsonValue | undefined>;
  /** The live mark's value, if any. */
  get(sdkAppId: number, scope: string, key: string): Promise<JsonValue | undefined>;
}
