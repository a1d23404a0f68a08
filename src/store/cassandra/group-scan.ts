// Reads rows of one partition in clustering order until `want` rows passed `keep` or the
// partition ends, paging with the driver's page state, so skipped rows (filtered types, update
// residues, expired requests) never shorten a page that could have been full.
import type { Client, types } from 'cassandra-driver';

export async function scanPartition<T>(
  client: Client,
  query: string,
  params: unknown[],
  want: number,
  decode: (row: types.Row) => T | undefined,
): Promise<T[]> {
  const out: T[] = [];
  let pageState: string | undefined;
  do {
    const rs = await client.execute(query, params, { fetchSize: Math.max(want, 16), pageState });
    for (const row of rs.rows) {
      const v = decode(row);
      if (v !== undefined && out.length < want) out.push(v);
    }
    pageState = rs.pageState ?? undefined;
  } while (out.length < want && pageState);
  return out;
}

/** Buckets read at once by walkBuckets: a sparse Community page costs 64/8 round trips, not 64. */
export const BUCKET_READ_WINDOW = 8;

/**
 * Rows of a bucketed walk from `from` (the rest of its bucket, then later buckets), in bucket
 * order, until at least `want` rows or the last bucket: BUCKET_READ_WINDOW buckets are read
 * concurrently, each for up to the rows still wanted, so a window may over-read (callers trim).
 */
export async function walkBuckets<T>(
  from: { bucket: number; after: string },
  buckets: number,
  want: number,
  read: (bucket: number, after: string, want: number) => Promise<T[]>,
): Promise<{ bucket: number; row: T }[]> {
  const out: { bucket: number; row: T }[] = [];
  for (let b = from.bucket; b < buckets && out.length < want; b += BUCKET_READ_WINDOW) {
    const still = want - out.length;
    const window = Array.from({ length: Math.min(BUCKET_READ_WINDOW, buckets - b) }, (_, i) => b + i);
    const got = await Promise.all(window.map((bucket) => read(bucket, bucket === from.bucket ? from.after : '', still)));
    got.forEach((rows, i) => out.push(...rows.map((row) => ({ bucket: window[i]!, row }))));
  }
  return out;
}
