// Conversions between driver values and record fields. bigint columns come back as Long; every
// value stored here is a safe integer (ids, unix ms or s), so the conversion is exact.
import { types } from 'cassandra-driver';

export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v instanceof types.Long) return v.toNumber();
  if (v === null || v === undefined) return 0;
  throw new TypeError(`expected a bigint column value, got ${typeof v}`);
}
