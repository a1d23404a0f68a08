// Cassandra FriendListStore over <ks>.friend_lists: partition (sdkappid, owner_id), clustering
// name, with created_at; listing sorts the (≤ 32, the domain's limit) rows into creation order.
// Rename reads created_at, then deletes and inserts in one single-partition batch, which Cassandra
// applies atomically: two round trips, no lightweight transaction (the owner's writes are the
// domain's to serialize). See FriendListStore for the contract.
import type { Client } from 'cassandra-driver';
import type { FriendListRecord, FriendListStore } from '../friend-lists.js';
import { compareLists, friendLists, listNames } from '../relationship-records.js';
import { checkOwner, checkText } from '../social-records.js';
import { writeAll } from './batches.js';
import { toNumber } from './values.js';

export class CassandraFriendListStore implements FriendListStore {
  private readonly cql: Record<'all' | 'get' | 'put' | 'delete' | 'deleteOne', string>;

  constructor(
    private readonly client: Client,
    keyspace: string,
  ) {
    const t = `${keyspace}.friend_lists`;
    const owner = 'WHERE sdkappid = ? AND owner_id = ?';
    this.cql = {
      all: `SELECT name, created_at FROM ${t} ${owner}`,
      get: `SELECT created_at FROM ${t} ${owner} AND name = ?`,
      put: `INSERT INTO ${t} (sdkappid, owner_id, name, created_at) VALUES (?, ?, ?, ?)`,
      delete: `DELETE FROM ${t} ${owner} AND name IN ?`,
      deleteOne: `DELETE FROM ${t} ${owner} AND name = ?`,
    };
  }

  async listFriendLists(sdkAppId: number, ownerId: string): Promise<FriendListRecord[]> {
    checkOwner(sdkAppId, ownerId);
    const out: FriendListRecord[] = [];
    for await (const row of await this.client.execute(this.cql.all, [sdkAppId, ownerId])) {
      out.push({ name: row.get('name') as string, createdAt: toNumber(row.get('created_at')) });
    }
    return out.sort(compareLists);
  }

  async createFriendLists(sdkAppId: number, ownerId: string, lists: readonly FriendListRecord[]): Promise<void> {
    checkOwner(sdkAppId, ownerId);
    const recs = friendLists(lists);
    await writeAll(this.client, recs.map((l) => ({ query: this.cql.put, params: [sdkAppId, ownerId, l.name, l.createdAt] })));
  }

  async deleteFriendLists(sdkAppId: number, ownerId: string, names: readonly string[]): Promise<void> {
    checkOwner(sdkAppId, ownerId);
    const ns = listNames(names);
    if (ns.length > 0) await this.client.execute(this.cql.delete, [sdkAppId, ownerId, ns]);
  }

  async renameFriendList(sdkAppId: number, ownerId: string, from: string, to: string): Promise<boolean> {
    checkOwner(sdkAppId, ownerId);
    checkText(from, 'from', false);
    checkText(to, 'to', false);
    const row = (await this.client.execute(this.cql.get, [sdkAppId, ownerId, from])).first();
    if (!row) return false;
    if (from === to) return true;
    await this.client.batch(
      [
        { query: this.cql.deleteOne, params: [sdkAppId, ownerId, from] },
        { query: this.cql.put, params: [sdkAppId, ownerId, to, row.get('created_at')] },
      ],
      { prepare: true, logged: false },
    );
    return true;
  }
}
