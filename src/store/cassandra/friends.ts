// Cassandra FriendStore over <ks>.friends: partition (sdkappid, owner_id), clustering peer_id, so
// all friends of X are one partition in peer_id (UTF-8) order. No lightweight transactions: an
// update is a plain UPDATE, and an UPDATE of a missing row leaves a residue without add_time (a
// put always sets it), which every read and the count skip. Multi-row writes go through
// batches.ts. usersWithFriend is one `owner_id IN ? AND peer_id = ?` query.
import type { Client, types } from 'cassandra-driver';
import type { FriendPage, FriendRecord, FriendStore, FriendUpdate } from '../friends.js';
import { checkAppId, checkUserId } from '../records.js';
import { friendRecord, friendUpdate } from '../relationship-records.js';
import { checkIdBatch, checkLimit, checkOwner, checkRecordBatch, compareCodePoints } from '../social-records.js';
import { type Statement, writeAll } from './batches.js';
import { decodeTags, encodeTags } from './social-values.js';
import { toNumber } from './values.js';

const COLUMNS = 'peer_id, remark, groups, add_source, add_wording, add_time, remark_time, custom';

export class CassandraFriendStore implements FriendStore {
  private readonly t: string;
  private readonly cql: Record<'get' | 'reverse' | 'first' | 'after' | 'put' | 'delete' | 'deleteAll' | 'count', string>;

  constructor(
    private readonly client: Client,
    keyspace: string,
  ) {
    const t = (this.t = `${keyspace}.friends`);
    const owner = 'WHERE sdkappid = ? AND owner_id = ?';
    this.cql = {
      get: `SELECT ${COLUMNS} FROM ${t} ${owner} AND peer_id IN ?`,
      reverse: `SELECT owner_id, add_time FROM ${t} WHERE sdkappid = ? AND owner_id IN ? AND peer_id = ?`,
      first: `SELECT ${COLUMNS} FROM ${t} ${owner}`,
      after: `SELECT ${COLUMNS} FROM ${t} ${owner} AND peer_id > ?`,
      put: `INSERT INTO ${t} (sdkappid, owner_id, ${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      delete: `DELETE FROM ${t} ${owner} AND peer_id IN ?`,
      deleteAll: `DELETE FROM ${t} ${owner}`,
      count: `SELECT count(add_time) AS n FROM ${t} ${owner}`,
    };
  }

  async getFriends(sdkAppId: number, ownerId: string, peerIds: readonly string[]): Promise<Map<string, FriendRecord>> {
    checkOwner(sdkAppId, ownerId);
    const peers = checkIdBatch(peerIds, 'peerIds');
    const out = new Map<string, FriendRecord>();
    if (peers.length === 0) return out;
    for await (const row of await this.client.execute(this.cql.get, [sdkAppId, ownerId, peers])) {
      const f = fromRow(row);
      if (f) out.set(f.peerId, f);
    }
    return out;
  }

  async usersWithFriend(sdkAppId: number, userIds: readonly string[], peerId: string): Promise<string[]> {
    checkAppId(sdkAppId);
    checkUserId(peerId);
    const ids = checkIdBatch(userIds);
    if (ids.length === 0) return [];
    const found = new Set<string>();
    for await (const row of await this.client.execute(this.cql.reverse, [sdkAppId, ids, peerId])) {
      if (row.get('add_time') !== null) found.add(row.get('owner_id') as string);
    }
    return ids.filter((id) => found.has(id));
  }

  async listFriends(sdkAppId: number, ownerId: string, page: { after?: string; limit: number }): Promise<FriendPage> {
    checkOwner(sdkAppId, ownerId);
    const limit = checkLimit(page);
    if (page.after !== undefined) checkUserId(page.after);
    const [query, params] = page.after === undefined ? [this.cql.first, [sdkAppId, ownerId]] : [this.cql.after, [sdkAppId, ownerId, page.after]];
    // One row beyond the page tells whether more follow; residues are skipped, so page on until
    // that many real rows are in or the partition ends (one round trip unless residues exist).
    const rows: FriendRecord[] = [];
    let pageState: string | undefined;
    do {
      const rs = await this.client.execute(query, params, { fetchSize: limit + 1, pageState });
      for (const row of rs.rows) {
        const f = fromRow(row);
        if (f && rows.length <= limit) rows.push(f);
      }
      pageState = rs.pageState ?? undefined;
    } while (rows.length <= limit && pageState);
    const friends = rows.slice(0, limit);
    return rows.length > limit ? { friends, next: friends[friends.length - 1]!.peerId } : { friends };
  }

  async putFriends(sdkAppId: number, ownerId: string, friends: readonly FriendRecord[]): Promise<void> {
    checkOwner(sdkAppId, ownerId);
    const recs = checkRecordBatch(friends, 'friends', friendRecord);
    await writeAll(
      this.client,
      recs.map((f) => ({
        query: this.cql.put,
        params: [sdkAppId, ownerId, f.peerId, f.remark, f.groups, f.addSource, f.addWording, f.addTime, f.remarkTime, encodeTags(f.custom)],
      })),
    );
  }

  async updateFriends(sdkAppId: number, ownerId: string, updates: readonly FriendUpdate[]): Promise<void> {
    checkOwner(sdkAppId, ownerId);
    const ups = checkRecordBatch(updates, 'updates', friendUpdate);
    await writeAll(this.client, ups.flatMap((u) => this.updateStatements(sdkAppId, ownerId, u)));
  }

  async deleteFriends(sdkAppId: number, ownerId: string, peerIds: readonly string[]): Promise<void> {
    checkOwner(sdkAppId, ownerId);
    const peers = checkIdBatch(peerIds, 'peerIds');
    if (peers.length > 0) await this.client.execute(this.cql.delete, [sdkAppId, ownerId, peers]);
  }

  async deleteAllFriends(sdkAppId: number, ownerId: string): Promise<void> {
    checkOwner(sdkAppId, ownerId);
    await this.client.execute(this.cql.deleteAll, [sdkAppId, ownerId]);
  }

  async countFriends(sdkAppId: number, ownerId: string): Promise<number> {
    checkOwner(sdkAppId, ownerId);
    return toNumber((await this.client.execute(this.cql.count, [sdkAppId, ownerId])).first()?.get('n'));
  }

  /** One UPDATE for the fields present; removing groups needs its own (a column is set once per UPDATE). */
  private updateStatements(sdkAppId: number, ownerId: string, u: FriendUpdate): Statement[] {
    const sets: string[] = [];
    const params: unknown[] = [];
    if (u.remark !== undefined) sets.push('remark = ?'), params.push(u.remark);
    if (u.remarkTime !== undefined) sets.push('remark_time = ?'), params.push(u.remarkTime);
    if (u.addGroups?.length) sets.push('groups = groups + ?'), params.push(u.addGroups);
    if (u.custom && Object.keys(u.custom).length > 0) sets.push('custom = custom + ?'), params.push(encodeTags(u.custom));
    const where = 'WHERE sdkappid = ? AND owner_id = ? AND peer_id = ?';
    const out: Statement[] = [];
    if (sets.length > 0) out.push({ query: `UPDATE ${this.t} SET ${sets.join(', ')} ${where}`, params: [...params, sdkAppId, ownerId, u.peerId] });
    if (u.removeGroups?.length) out.push({ query: `UPDATE ${this.t} SET groups = groups - ? ${where}`, params: [u.removeGroups, sdkAppId, ownerId, u.peerId] });
    return out;
  }
}

/** A friend, or undefined for an update residue (no add_time: never put, or deleted). */
function fromRow(row: types.Row): FriendRecord | undefined {
  if (row.get('add_time') === null) return undefined;
  return {
    peerId: row.get('peer_id') as string,
    remark: (row.get('remark') as string | null) ?? '',
    groups: ((row.get('groups') as string[] | null) ?? []).sort(compareCodePoints),
    addSource: (row.get('add_source') as string | null) ?? '',
    addWording: (row.get('add_wording') as string | null) ?? '',
    addTime: toNumber(row.get('add_time')),
    remarkTime: toNumber(row.get('remark_time')),
    custom: decodeTags(row.get('custom')),
  };
}
