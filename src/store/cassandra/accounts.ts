// Cassandra AccountStore over <ks>.accounts, partitioned by (sdkappid, user_id): a partition is one
// account and never grows. getAccounts is one round trip: `user_id IN ?` on the last partition-key
// column, bounded by MAX_ACCOUNTS_PER_GET (500); the coordinator fans out to the replicas, which
// is cheaper here than a bucketed clustering layout whose batches would span buckets anyway.
// listAccounts (all-member push, an admin background task) is therefore a token-range scan of the
// whole table keeping the app's rows: it costs a read of every tenant's accounts, but needs no
// second index written on every import (which would have to be backfilled for existing accounts
// and kept in step with the LWTs); the cursor is the last token read. A page can be empty.
// Every write is a lightweight transaction (IF [NOT] EXISTS), because import must keep importedAt
// and sigFloor, and delete/setSigFloor report existence; never mix in plain writes on this table.
import { type Client, types } from 'cassandra-driver';
import { type AccountPage, type AccountRecord, type AccountStore, MAX_ACCOUNT_PAGE } from '../accounts.js';
import { checkAccountPage, checkAppId, checkSigFloor, checkUserId, checkUserIdBatch, copyAccount, importRecord } from '../records.js';
import { ReadCoalescer } from './read-coalescer.js';
import { toNumber } from './values.js';

/** import = insert-if-absent, else update-if-present; a concurrent delete between them retries. */
export const MAX_IMPORT_ATTEMPTS = 3;

const COLUMNS = 'user_id, nick, face_url, imported_at, sig_floor';

export class CassandraAccountStore implements AccountStore {
  private readonly reads = new ReadCoalescer<AccountRecord | undefined>((a) => a && copyAccount(a));
  private readonly cql: Record<'insert' | 'update' | 'get' | 'getMany' | 'delete' | 'floor' | 'scan', string>;

  constructor(
    private readonly client: Client,
    keyspace: string,
  ) {
    const t = `${keyspace}.accounts`;
    const key = 'WHERE sdkappid = ? AND user_id = ?';
    this.cql = {
      insert: `INSERT INTO ${t} (sdkappid, ${COLUMNS}) VALUES (?, ?, ?, ?, ?, 0) IF NOT EXISTS`,
      update: `UPDATE ${t} SET nick = ?, face_url = ? ${key} IF EXISTS`,
      get: `SELECT ${COLUMNS} FROM ${t} ${key}`,
      getMany: `SELECT ${COLUMNS} FROM ${t} WHERE sdkappid = ? AND user_id IN ?`,
      delete: `DELETE FROM ${t} ${key} IF EXISTS`,
      floor: `UPDATE ${t} SET sig_floor = ? ${key} IF EXISTS`,
      scan: `SELECT sdkappid, user_id, token(sdkappid, user_id) AS t FROM ${t} WHERE token(sdkappid, user_id) > ? LIMIT ?`,
    };
  }

  async importAccount(sdkAppId: number, account: Omit<AccountRecord, 'sigFloor'>): Promise<void> {
    checkAppId(sdkAppId);
    const a = importRecord(account);
    try {
      for (let attempt = 0; attempt < MAX_IMPORT_ATTEMPTS; attempt++) {
        const ins = await this.client.execute(this.cql.insert, [sdkAppId, a.userId, a.nick, a.faceUrl, a.importedAt]);
        if (ins.wasApplied()) return;
        const upd = await this.client.execute(this.cql.update, [a.nick, a.faceUrl, sdkAppId, a.userId]);
        if (upd.wasApplied()) return;
      }
    } finally {
      this.reads.wrote();
    }
    throw new Error(`importAccount(${sdkAppId}, ${a.userId}): still racing a concurrent delete after ${MAX_IMPORT_ATTEMPTS} attempts`);
  }

  async getAccount(sdkAppId: number, userId: string): Promise<AccountRecord | undefined> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    return this.reads.read(`${sdkAppId}\u0000${userId}`, async () => {
      const row = (await this.client.execute(this.cql.get, [sdkAppId, userId])).first();
      return row ? fromRow(row) : undefined;
    });
  }

  async getAccounts(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, AccountRecord>> {
    checkAppId(sdkAppId);
    const ids = checkUserIdBatch(userIds);
    const out = new Map<string, AccountRecord>();
    if (ids.length === 0) return out;
    for await (const row of await this.client.execute(this.cql.getMany, [sdkAppId, ids])) {
      const rec = fromRow(row);
      out.set(rec.userId, rec);
    }
    return out;
  }

  async deleteAccount(sdkAppId: number, userId: string): Promise<boolean> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    try {
      return (await this.client.execute(this.cql.delete, [sdkAppId, userId])).wasApplied();
    } finally {
      this.reads.wrote();
    }
  }

  async setSigFloor(sdkAppId: number, userId: string, floorSec: number): Promise<boolean> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    checkSigFloor(floorSec);
    try {
      return (await this.client.execute(this.cql.floor, [floorSec, sdkAppId, userId])).wasApplied();
    } finally {
      this.reads.wrote();
    }
  }

  /** A token-range page over every app's rows, keeping this app's (see the header). Two
   *  partitions sharing a token across a page boundary would lose the second: a 2^-64 event. */
  async listAccounts(sdkAppId: number, opts: { cursor?: string; limit: number }): Promise<AccountPage> {
    checkAppId(sdkAppId);
    checkAccountPage(opts, MAX_ACCOUNT_PAGE);
    const rs = await this.client.execute(this.cql.scan, [parseToken(opts.cursor), opts.limit]);
    const userIds = rs.rows.filter((r) => toNumber(r.get('sdkappid')) === sdkAppId).map((r) => r.get('user_id') as string);
    const last = rs.rows[rs.rows.length - 1];
    return rs.rows.length === opts.limit && last ? { userIds, next: (last.get('t') as types.Long).toString() } : { userIds };
  }
}

/** Murmur3 never yields Long.MIN_VALUE (it maps it to MAX), so `token > MIN` starts at the first row. */
const FIRST_TOKEN = types.Long.MIN_VALUE;

function parseToken(cursor: string | undefined): types.Long {
  if (cursor === undefined) return FIRST_TOKEN;
  if (!/^-?\d{1,19}$/.test(cursor)) throw new RangeError(`listAccounts cursor ${JSON.stringify(cursor)} is not one this store returned`);
  return types.Long.fromString(cursor);
}

function fromRow(row: types.Row): AccountRecord {
  return {
    userId: row.get('user_id') as string,
    nick: row.get('nick') as string,
    faceUrl: row.get('face_url') as string,
    importedAt: toNumber(row.get('imported_at')),
    sigFloor: toNumber(row.get('sig_floor')),
  };
}
