// Cassandra NoSpeakingStore over <ks>.no_speaking (no-speaking-tables.ts). set is a plain upsert of
// the given columns (no read: the other deadline's cell is untouched); rows with both deadlines 0
// stay and are filtered out of getMany. get is coalesced per process (read-coalescer.ts): it is
// on the send path of every device message. See NoSpeakingStore for the contract.
import type { Client, types } from 'cassandra-driver';
import type { NoSpeakingChange, NoSpeakingRecord, NoSpeakingStore } from '../no-speaking.js';
import { checkNoSpeakingBatch, checkNoSpeakingChange, isUnset } from '../no-speaking-records.js';
import { checkAppId, checkUserId } from '../records.js';
import { ReadCoalescer } from './read-coalescer.js';
import { toNumber } from './values.js';

export class CassandraNoSpeakingStore implements NoSpeakingStore {
  private readonly reads = new ReadCoalescer<NoSpeakingRecord>((r) => ({ ...r }));
  private readonly cql: Record<'setC2c' | 'setGroup' | 'setBoth' | 'get' | 'getMany', string>;

  constructor(
    private readonly client: Client,
    keyspace: string,
  ) {
    const t = `${keyspace}.no_speaking`;
    const key = 'WHERE sdkappid = ? AND user_id = ?';
    this.cql = {
      setC2c: `UPDATE ${t} SET c2c_until = ? ${key}`,
      setGroup: `UPDATE ${t} SET group_until = ? ${key}`,
      setBoth: `UPDATE ${t} SET c2c_until = ?, group_until = ? ${key}`,
      get: `SELECT user_id, c2c_until, group_until FROM ${t} ${key}`,
      getMany: `SELECT user_id, c2c_until, group_until FROM ${t} WHERE sdkappid = ? AND user_id IN ?`,
    };
  }

  async set(sdkAppId: number, userId: string, change: NoSpeakingChange): Promise<void> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    const { c2cUntil, groupUntil } = checkNoSpeakingChange(change);
    const [cql, values] =
      c2cUntil !== undefined && groupUntil !== undefined
        ? [this.cql.setBoth, [c2cUntil, groupUntil]]
        : c2cUntil !== undefined
          ? [this.cql.setC2c, [c2cUntil]]
          : [this.cql.setGroup, [groupUntil]];
    try {
      await this.client.execute(cql, [...values, sdkAppId, userId]);
    } finally {
      this.reads.wrote();
    }
  }

  async get(sdkAppId: number, userId: string): Promise<NoSpeakingRecord> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    return this.reads.read(`${sdkAppId}\u0000${userId}`, async () => {
      const row = (await this.client.execute(this.cql.get, [sdkAppId, userId])).first();
      return row ? fromRow(row) : { c2cUntil: 0, groupUntil: 0 };
    });
  }

  async getMany(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, NoSpeakingRecord>> {
    checkAppId(sdkAppId);
    const ids = checkNoSpeakingBatch(userIds);
    const out = new Map<string, NoSpeakingRecord>();
    if (ids.length === 0) return out;
    for await (const row of await this.client.execute(this.cql.getMany, [sdkAppId, ids])) {
      const r = fromRow(row);
      if (!isUnset(r)) out.set(row.get('user_id') as string, r);
    }
    return out;
  }
}

function fromRow(row: types.Row): NoSpeakingRecord {
  return { c2cUntil: toNumber(row.get('c2c_until')), groupUntil: toNumber(row.get('group_until')) };
}
