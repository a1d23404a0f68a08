// Writes many rows of one partition in as few round trips as Cassandra allows: unlogged batches
// (a single-partition batch is applied atomically and isolated), split so none exceeds
// BATCH_TARGET_BYTES, because Cassandra refuses batches above batch_size_fail_threshold (50 KiB by
// default). The split batches run concurrently; a statement too big for any batch runs alone.
import type { Client } from 'cassandra-driver';

/** Stay well under Cassandra's default 50 KiB batch_size_fail_threshold (estimates are rough). */
export const BATCH_TARGET_BYTES = 24 * 1024;

export interface Statement {
  query: string;
  params: unknown[];
}

export async function writeAll(client: Client, statements: readonly Statement[]): Promise<void> {
  const chunks: Statement[][] = [];
  let chunk: Statement[] = [];
  let bytes = 0;
  for (const s of statements) {
    const size = estimate(s);
    if (chunk.length > 0 && bytes + size > BATCH_TARGET_BYTES) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(s);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  await Promise.all(
    chunks.map((c) =>
      c.length === 1 ? client.execute(c[0]!.query, c[0]!.params, { prepare: true }) : client.batch(c, { prepare: true, logged: false }),
    ),
  );
}

function estimate(s: Statement): number {
  let n = 64;
  for (const p of s.params) n += typeof p === 'string' ? p.length * 3 : JSON.stringify(p ?? null).length * 3;
  return n;
}
