// Key ranges over the social sub-databases, whose keys are ordered arrays [sdkAppId, owner, ...].
// A prefix's rows are exactly the keys between [...prefix, null] (null is the lowest key element)
// and [...prefix, 0xff byte] (above every element): ending the range at the bare prefix instead
// would let an owner "u" read rows of "u\u0001", which sorts between "u" and "u"'s own rows.
import type { Key, RangeOptions } from 'lmdb';

const ABOVE_ALL = new Uint8Array([0xff]);

/** Every row under `prefix`; with `after`, only those strictly after [...prefix, after]. */
export function under(prefix: Key[], after?: Key): RangeOptions {
  return after === undefined
    ? { start: [...prefix, null as unknown as Key], end: [...prefix, ABOVE_ALL] }
    : { start: [...prefix, after], exclusiveStart: true, end: [...prefix, ABOVE_ALL] };
}
