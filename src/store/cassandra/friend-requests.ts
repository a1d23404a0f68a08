// Cassandra FriendRequestStore over <ks>.friend_requests: partition (sdkappid, user_id, box),
// clustering peer_id, so a box is one partition in peer_id (UTF-8) order. Rows are only ever
// written whole (INSERT), so there are no partial rows. See FriendRequestStore for the contract.
import type { Client, types } from 'cassandra-driver';
import type { FriendRequestBox, FriendRequestPage, FriendRequestRecord, FriendRequestStore } from '../friend-requests.js';
import { checkUserId } from '../records.js';
import { checkBox, requestRecord } from '../relationship-records.js';
import { checkIdBatch, checkLimit, checkOwner } from '../social-records.js';
import { toNumber } from './values.js';

const COLUMNS = 'peer_id, add_source, add_wording, remark, group_name, add_type, time';

export class CassandraFriendRequestStore implements FriendRequestStore {
  private readonly cql: Record<'get' | 'first' | 'after' | 'put' | 'delete' | 'count', string>;

  constructor(
    private readonly client: Client,
    keyspace: string,
  ) {
    const t = `${keyspace}.friend_requests`;
    const box = 'WHERE sdkappid = ? AND user_id = ? AND box = ?';
    this.cql = {
      get: `SELECT ${COLUMNS} FROM ${t} ${box} AND peer_id IN ?`,
      first: `SELECT ${COLUMNS} FROM ${t} ${box} LIMIT ?`,
      after: `SELECT ${COLUMNS} FROM ${t} ${box} AND peer_id > ? LIMIT ?`,
      put: `INSERT INTO ${t} (sdkappid, user_id, box, ${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      delete: `DELETE FROM ${t} ${box} AND peer_id IN ?`,
      count: `SELECT count(*) AS n FROM ${t} ${box}`,
    };
  }

  async listRequests(sdkAppId: number, userId: string, box: FriendRequestBox, page: { after?: string; limit: number }): Promise<FriendRequestPage> {
    checkBoxOf(sdkAppId, userId, box);
    const limit = checkLimit(page);
    if (page.after !== undefined) checkUserId(page.after);
    const [query, params] =
      page.after === undefined ? [this.cql.first, [sdkAppId, userId, box, limit + 1]] : [this.cql.after, [sdkAppId, userId, box, page.after, limit + 1]];
    const rows: FriendRequestRecord[] = [];
    for await (const row of await this.client.execute(query, params, { fetchSize: limit + 1 })) rows.push(fromRow(row));
    const requests = rows.slice(0, limit);
    return rows.length > limit ? { requests, next: requests[requests.length - 1]!.peerId } : { requests };
  }

  async getRequests(sdkAppId: number, userId: string, box: FriendRequestBox, peerIds: readonly string[]): Promise<Map<string, FriendRequestRecord>> {
    checkBoxOf(sdkAppId, userId, box);
    const peers = checkIdBatch(peerIds, 'peerIds');
    const out = new Map<string, FriendRequestRecord>();
    if (peers.length === 0) return out;
    for await (const row of await this.client.execute(this.cql.get, [sdkAppId, userId, box, peers])) {
      const r = fromRow(row);
      out.set(r.peerId, r);
    }
    return out;
  }

  async putRequest(sdkAppId: number, userId: string, box: FriendRequestBox, request: FriendRequestRecord): Promise<void> {
    checkBoxOf(sdkAppId, userId, box);
    const r = requestRecord(request);
    await this.client.execute(this.cql.put, [sdkAppId, userId, box, r.peerId, r.addSource, r.addWording, r.remark, r.groupName, r.addType, r.time]);
  }

  async deleteRequests(sdkAppId: number, userId: string, box: FriendRequestBox, peerIds: readonly string[]): Promise<void> {
    checkBoxOf(sdkAppId, userId, box);
    const peers = checkIdBatch(peerIds, 'peerIds');
    if (peers.length > 0) await this.client.execute(this.cql.delete, [sdkAppId, userId, box, peers]);
  }

  async countRequests(sdkAppId: number, userId: string, box: FriendRequestBox): Promise<number> {
    checkBoxOf(sdkAppId, userId, box);
    return toNumber((await this.client.execute(this.cql.count, [sdkAppId, userId, box])).first()?.get('n'));
  }
}

function checkBoxOf(sdkAppId: number, userId: string, box: FriendRequestBox): void {
  checkOwner(sdkAppId, userId);
  checkBox(box);
}

function fromRow(row: types.Row): FriendRequestRecord {
  return {
    peerId: row.get('peer_id') as string,
    addSource: row.get('add_source') as string,
    addWording: row.get('add_wording') as string,
    remark: row.get('remark') as string,
    groupName: row.get('group_name') as string,
    addType: row.get('add_type') as FriendRequestRecord['addType'],
    time: toNumber(row.get('time')),
  };
}
