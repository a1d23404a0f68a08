// Cassandra DedupStore over <ks>.dedup: remember() is INSERT ... IF NOT EXISTS USING TTL, so the
// first writer wins across processes and a losing round returns the winner's mark in the same
// answer; expiry is Cassandra's TTL (whole seconds). A CAS whose outcome is unknown (timeout) is
// reported as an error, not retried: a retry could see the caller's own mark and call it earlier.
// The table is written only through LWTs. See DedupStore for the contract.
import type { Client } from 'cassandra-driver';
import type { DedupStore } from '../dedup.js';
import { checkDedupKey, checkDedupTtl, dedupValue } from '../message-records.js';
import { checkAppId } from '../records.js';
import type { JsonValue } from '../relationships.js';

export class CassandraDedupStore implements DedupStore {
  private readonly cql: { remember: string; get: string };

  constructor(
    private readonly client: Client,
    keyspace: string,
  ) {
    const t = `${keyspace}.dedup`;
    this.cql = {
      remember: `INSERT INTO ${t} (sdkappid, scope, dkey, mark) VALUES (?, ?, ?, ?) IF NOT EXISTS USING TTL ?`,
      get: `SELECT mark FROM ${t} WHERE sdkappid = ? AND scope = ? AND dkey = ?`,
    };
  }

  async remember(sdkAppId: number, scope: string, key: string, value: JsonValue, ttlSec: number): Promise<JsonValue | undefined> {
    checkAppId(sdkAppId);
    checkDedupKey(scope, key);
    checkDedupTtl(ttlSec);
    const mark = JSON.stringify(dedupValue(value));
    const rs = await this.client.execute(this.cql.remember, [sdkAppId, scope, key, mark, ttlSec], { prepare: true });
    if (rs.wasApplied()) return undefined;
    return JSON.parse(rs.first()!.get('mark') as string) as JsonValue;
  }

  async get(sdkAppId: number, scope: string, key: string): Promise<JsonValue | undefined> {
    checkAppId(sdkAppId);
    checkDedupKey(scope, key);
    const row = (await this.client.execute(this.cql.get, [sdkAppId, scope, key], { prepare: true })).first();
    return row ? (JSON.parse(row.get('mark') as string) as JsonValue) : undefined;
  }
}
