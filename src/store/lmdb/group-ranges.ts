// Key ranges for the bucketed group sub-databases, whose keys are [...prefix, bucket, id]: a walk
// from a cursor covers the rest of its bucket and every later bucket. null is the lowest key
// element and a 0xff byte sorts above every element (see key-range.ts).
import type { Key, RangeOptions } from 'lmdb';
import type { BucketCursor } from '../group-layout.js';

const ABOVE_ALL = new Uint8Array([0xff]);

export function walkFrom(prefix: Key[], from: BucketCursor): RangeOptions {
  const end = [...prefix, ABOVE_ALL];
  return from.after === ''
    ? { start: [...prefix, from.bucket, null as unknown as Key], end }
    : { start: [...prefix, from.bucket, from.after], exclusiveStart: true, end };
}
