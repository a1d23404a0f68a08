// Cassandra AppStore over <ks>.apps (one partition per sdkAppId). putApp is a plain INSERT, which
// replaces every column including the admins list; an empty list reads back as null, mapped to [].
// getApp is coalesced (read-coalescer.ts). listApps pages through the whole table: it holds one
// row per tenant, so the scan stays small. See AppStore for the contract.
import type { Client, types } from 'cassandra-driver';
import type { AppRecord, AppStore } from '../apps.js';
import { appRecord, checkAppId, copyApp } from '../records.js';
import type { LoginPolicy } from '../../sessions/login-policy.js';
import { ReadCoalescer } from './read-coalescer.js';
import { toNumber } from './values.js';

const COLUMNS = 'sdkappid, secret_key, admins, name, login_policy, created_at';

export class CassandraAppStore implements AppStore {
  private readonly reads = new ReadCoalescer<AppRecord | undefined>((a) => a && copyApp(a));
  private readonly cql: { put: string; get: string; list: string };

  constructor(
    private readonly client: Client,
    keyspace: string,
  ) {
    this.cql = {
      put: `INSERT INTO ${keyspace}.apps (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`,
      get: `SELECT ${COLUMNS} FROM ${keyspace}.apps WHERE sdkappid = ?`,
      list: `SELECT ${COLUMNS} FROM ${keyspace}.apps`,
    };
  }

  async putApp(app: AppRecord): Promise<void> {
    const a = appRecord(app);
    await this.client.execute(this.cql.put, [a.sdkAppId, a.secretKey, a.admins, a.name, a.loginPolicy, a.createdAt]);
    this.reads.wrote();
  }

  async getApp(sdkAppId: number): Promise<AppRecord | undefined> {
    checkAppId(sdkAppId);
    return this.reads.read(String(sdkAppId), async () => {
      const row = (await this.client.execute(this.cql.get, [sdkAppId])).first();
      return row ? fromRow(row) : undefined;
    });
  }

  async listApps(): Promise<AppRecord[]> {
    const out: AppRecord[] = [];
    for await (const row of await this.client.execute(this.cql.list)) out.push(fromRow(row));
    return out.sort((a, b) => a.sdkAppId - b.sdkAppId);
  }
}

function fromRow(row: types.Row): AppRecord {
  return {
    sdkAppId: toNumber(row.get('sdkappid')),
    secretKey: row.get('secret_key') as string,
    admins: (row.get('admins') as string[] | null) ?? [],
    name: row.get('name') as string,
    loginPolicy: row.get('login_policy') as LoginPolicy,
    createdAt: toNumber(row.get('created_at')),
  };
}
