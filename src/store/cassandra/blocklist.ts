// Cassandra BlocklistStore over <ks>.blocklist: partition (sdkappid, owner_id), clustering peer_id,
// so "does X block Y" / "which of these does X block" are one partition read and usersBlocking is
// one `owner_id IN ? AND peer_id = ?` query. The (addTime, peerId) page reads the owner's
// partition (≤ the domain's 1000-entry limit) and sorts here: one small query, and no second
// time-ordered table to keep in step. See BlocklistStore for the contract.
import type { Client } from 'cassandra-driver';
import type { BlockCursor, BlockPage, BlockRecord, BlocklistStore } from '../blocklist.js';
import { checkAppId, checkUserId } from '../records.js';
import { blockCursor, blockRecord, compareBlocks } from '../relationship-records.js';
import { checkIdBatch, checkLimit, checkOwner, checkRecordBatch } from '../social-records.js';
import { writeAll } from './batches.js';
import { toNumber } from './values.js';

export class CassandraBlocklistStore implements BlocklistStore {
  private readonly cql: Record<'get' | 'reverse' | 'all' | 'put' | 'delete' | 'count', string>;

  constructor(
    private readonly client: Client,
    keyspace: string,
  ) {
    const t = `${keyspace}.blocklist`;
    const owner = 'WHERE sdkappid = ? AND owner_id = ?';
    this.cql = {
      get: `SELECT peer_id, add_time FROM ${t} ${owner} AND peer_id IN ?`,
      reverse: `SELECT owner_id FROM ${t} WHERE sdkappid = ? AND owner_id IN ? AND peer_id = ?`,
      all: `SELECT peer_id, add_time FROM ${t} ${owner}`,
      put: `INSERT INTO ${t} (sdkappid, owner_id, peer_id, add_time) VALUES (?, ?, ?, ?)`,
      delete: `DELETE FROM ${t} ${owner} AND peer_id IN ?`,
      count: `SELECT count(*) AS n FROM ${t} ${owner}`,
    };
  }

  async getBlocks(sdkAppId: number, ownerId: string, peerIds: readonly string[]): Promise<Map<string, BlockRecord>> {
    checkOwner(sdkAppId, ownerId);
    const peers = checkIdBatch(peerIds, 'peerIds');
    const out = new Map<string, BlockRecord>();
    if (peers.length === 0) return out;
    for await (const row of await this.client.execute(this.cql.get, [sdkAppId, ownerId, peers])) {
      const peerId = row.get('peer_id') as string;
      out.set(peerId, { peerId, addTime: toNumber(row.get('add_time')) });
    }
    return out;
  }

  async usersBlocking(sdkAppId: number, userIds: readonly string[], peerId: string): Promise<string[]> {
    checkAppId(sdkAppId);
    checkUserId(peerId);
    const ids = checkIdBatch(userIds);
    if (ids.length === 0) return [];
    const found = new Set<string>();
    for await (const row of await this.client.execute(this.cql.reverse, [sdkAppId, ids, peerId])) found.add(row.get('owner_id') as string);
    return ids.filter((id) => found.has(id));
  }

  async listBlocks(sdkAppId: number, ownerId: string, page: { after?: BlockCursor; limit: number }): Promise<BlockPage> {
    checkOwner(sdkAppId, ownerId);
    const limit = checkLimit(page);
    const after = blockCursor(page.after);
    const all: BlockRecord[] = [];
    for await (const row of await this.client.execute(this.cql.all, [sdkAppId, ownerId])) {
      const b = { peerId: row.get('peer_id') as string, addTime: toNumber(row.get('add_time')) };
      if (!after || compareBlocks(b, after) > 0) all.push(b);
    }
    all.sort(compareBlocks);
    const blocks = all.slice(0, limit);
    const last = blocks[blocks.length - 1];
    return all.length > limit && last ? { blocks, next: { addTime: last.addTime, peerId: last.peerId } } : { blocks };
  }

  async addBlocks(sdkAppId: number, ownerId: string, blocks: readonly BlockRecord[]): Promise<void> {
    checkOwner(sdkAppId, ownerId);
    const recs = checkRecordBatch(blocks, 'blocks', blockRecord);
    await writeAll(this.client, recs.map((b) => ({ query: this.cql.put, params: [sdkAppId, ownerId, b.peerId, b.addTime] })));
  }

  async removeBlocks(sdkAppId: number, ownerId: string, peerIds: readonly string[]): Promise<void> {
    checkOwner(sdkAppId, ownerId);
    const peers = checkIdBatch(peerIds, 'peerIds');
    if (peers.length > 0) await this.client.execute(this.cql.delete, [sdkAppId, ownerId, peers]);
  }

  async countBlocks(sdkAppId: number, ownerId: string): Promise<number> {
    checkOwner(sdkAppId, ownerId);
    return toNumber((await this.client.execute(this.cql.count, [sdkAppId, ownerId])).first()?.get('n'));
  }
}
