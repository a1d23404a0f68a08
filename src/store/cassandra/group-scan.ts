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
