// How group rows are spread over partitions, identical in every implementation so pages and
// cursors mean the same everywhere. Gotcha: changing a bucket count or the hash strands existing
// rows in buckets no read visits; both are fixed for the life of a keyspace / LMDB directory.
// - Members: a Community (its id starts with @TGS#_, enforced by src/groups/group-ids.ts) spreads
//   over COMMUNITY_MEMBER_BUCKETS partitions (1M members -> ~16k rows each); every other group
//   keeps all members in bucket 0 (at most 6000), so its member page is one partition read.
// - The app's group list spreads over APP_GROUP_BUCKETS partitions by group id.
import { fnv1a32 } from '../lib/hash.js';
import { COMMUNITY_ID_PREFIX } from '../groups/group-ids.js';

export const COMMUNITY_MEMBER_BUCKETS = 64;
export const APP_GROUP_BUCKETS = 16;

export const memberBucketCount = (groupId: string): number => (groupId.startsWith(COMMUNITY_ID_PREFIX) ? COMMUNITY_MEMBER_BUCKETS : 1);

export const memberBucket = (groupId: string, userId: string): number => fnv1a32(userId) % memberBucketCount(groupId);

export const appGroupBucket = (groupId: string): number => fnv1a32(groupId) % APP_GROUP_BUCKETS;

/** A position in a bucketed walk: rows of `bucket` after `after` ('' = from the bucket's start). */
export interface BucketCursor {
  bucket: number;
  after: string;
}

export const encodeCursor = (c: BucketCursor): string => `${c.bucket}:${c.after}`;

/** Parses an opaque cursor from listMembers/listGroups; RangeError when it was not one of ours. */
export function decodeCursor(cursor: unknown, buckets: number): BucketCursor {
  if (typeof cursor !== 'string') throw new TypeError(`cursor must be a string, got ${typeof cursor}`);
  const colon = cursor.indexOf(':');
  const bucket = Number(cursor.slice(0, colon));
  if (colon < 1 || !/^\d+$/.test(cursor.slice(0, colon)) || bucket >= buckets) {
    throw new RangeError(`cursor ${JSON.stringify(cursor.slice(0, 60))} is not a page cursor of this list`);
  }
  return { bucket, after: cursor.slice(colon + 1) };
}
