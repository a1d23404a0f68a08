// Cassandra ConversationStore over <ks>.conversations, one partition per (app, owner), one row per
// conversation. Ordering by lastTime: list() reads the owner's partition and sorts it. The domain
// keeps the partition to the recent-contact limit (spec §8: at most 3000 rows), and list is rare
// next to upsert, which runs for both sides of every message: a time-ordered index table would
// turn each upsert into read + delete + insert (tombstones on the hottest path) to save one
// bounded sort per list call. Writes never read: read_seq is monotonic through USING TIMESTAMP =
// readSeq (message-tables.ts); NoUnread entries are set elements with their own TTL.
// See ConversationStore for the contract.
import { type Client, types } from 'cassandra-driver';
import { checkConvIdBatch, checkOwnerKey, checkPage, pageOf, upsertRecord } from '../conversation-records.js';
import type { ConversationCursor, ConversationPage, ConversationRecord, ConversationStore, ConversationType, ConversationUpsert } from '../conversations.js';
import { checkInt } from '../message-records.js';
import { checkAppId, checkUserId } from '../records.js';
import type { JsonValue } from '../relationships.js';
import { toNumber } from './values.js';

const COLUMNS = 'conv_id, conv_type, peer, last_seq, last_time, last_msg, read_seq, no_unread, pinned, pinned_at, deleted, deleted_at, updated_at';
// Everything remove() deletes: all but read_seq.
const REMOVED = 'conv_type, peer, last_seq, last_time, last_msg, no_unread, pinned, pinned_at, deleted, deleted_at, updated_at';
const KEY = 'WHERE sdkappid = ? AND owner_id = ? AND conv_id = ?';

export class CassandraConversationStore implements ConversationStore {
  private readonly t: string;
  private readonly cql: Record<'noUnread' | 'read' | 'touch' | 'pin' | 'get' | 'list' | 'remove', string>;

  constructor(
    private readonly client: Client,
    keyspace: string,
  ) {
    const t = (this.t = `${keyspace}.conversations`);
    this.cql = {
      noUnread: `UPDATE ${t} USING TTL ? SET no_unread = no_unread + ? ${KEY}`,
      read: `UPDATE ${t} USING TIMESTAMP ? SET read_seq = ? ${KEY}`,
      touch: `UPDATE ${t} SET updated_at = ? ${KEY}`,
      pin: `UPDATE ${t} SET pinned = ?, pinned_at = ?, updated_at = ? ${KEY}`,
      get: `SELECT ${COLUMNS} FROM ${t} WHERE sdkappid = ? AND owner_id = ? AND conv_id IN ?`,
      list: `SELECT ${COLUMNS} FROM ${t} WHERE sdkappid = ? AND owner_id = ?`,
      remove: `DELETE ${REMOVED} FROM ${t} WHERE sdkappid = ? AND owner_id = ? AND conv_id IN ?`,
    };
  }

  async upsert(sdkAppId: number, owner: string, convId: string, change: ConversationUpsert): Promise<void> {
    checkOwnerKey(sdkAppId, owner, convId);
    const u = upsertRecord(change);
    const sets = ['conv_type = ?', 'peer = ?', 'updated_at = ?'];
    const params: unknown[] = [u.type, u.peer, u.at];
    const add = (col: string, v: unknown): void => {
      sets.push(`${col} = ?`);
      params.push(v);
    };
    if (u.lastSeq !== undefined) add('last_seq', u.lastSeq);
    if (u.lastTime !== undefined) add('last_time', u.lastTime);
    if (u.lastMsg !== undefined) add('last_msg', JSON.stringify(u.lastMsg));
    if (u.deleted !== undefined) add('deleted', u.deleted);
    if (u.deleted === true) add('deleted_at', u.at);
    // The statement text varies with the fields given; the driver prepares each variant once.
    const main = { query: `UPDATE ${this.t} SET ${sets.join(', ')} ${KEY}`, params: [...params, sdkAppId, owner, convId] };
    if (u.noUnreadSeq === undefined) {
      await this.client.execute(main.query, main.params, { prepare: true });
      return;
    }
    // Same partition, so the batch applies atomically; the TTL must only cover the set element.
    const extra = { query: this.cql.noUnread, params: [u.noUnreadTtlSec, [types.Long.fromNumber(u.noUnreadSeq)], sdkAppId, owner, convId] };
    await this.client.batch([main, extra], { prepare: true, logged: false });
  }

  async get(sdkAppId: number, owner: string, convIds: readonly string[]): Promise<Map<string, ConversationRecord>> {
    checkAppId(sdkAppId);
    checkUserId(owner);
    const ids = checkConvIdBatch(convIds);
    const out = new Map<string, ConversationRecord>();
    if (ids.length === 0) return out;
    for await (const row of await this.client.execute(this.cql.get, [sdkAppId, owner, ids], { prepare: true })) {
      const rec = recordOf(row);
      if (rec) out.set(rec.convId, rec);
    }
    return out;
  }

  async list(sdkAppId: number, owner: string, page: { after?: ConversationCursor; limit: number; includeDeleted?: boolean }): Promise<ConversationPage> {
    checkAppId(sdkAppId);
    checkUserId(owner);
    const p = checkPage(page);
    const all: ConversationRecord[] = [];
    for await (const row of await this.client.execute(this.cql.list, [sdkAppId, owner], { prepare: true })) {
      const rec = recordOf(row);
      if (rec && (p.includeDeleted || !rec.deleted)) all.push(rec);
    }
    return pageOf(all, p.after, p.limit);
  }

  async setRead(sdkAppId: number, owner: string, convId: string, readSeq: number, at: number): Promise<void> {
    checkOwnerKey(sdkAppId, owner, convId);
    checkInt(readSeq, 'readSeq');
    checkInt(at, 'at');
    await this.client.batch(
      [
        { query: this.cql.read, params: [types.Long.fromNumber(readSeq), readSeq, sdkAppId, owner, convId] },
        { query: this.cql.touch, params: [at, sdkAppId, owner, convId] },
      ],
      { prepare: true, logged: false },
    );
  }

  async setPinned(sdkAppId: number, owner: string, convId: string, pinned: boolean, at: number): Promise<void> {
    checkOwnerKey(sdkAppId, owner, convId);
    if (typeof pinned !== 'boolean') throw new TypeError(`pinned must be a boolean, got ${typeof pinned}`);
    checkInt(at, 'at');
    await this.client.execute(this.cql.pin, [pinned, pinned ? at : 0, at, sdkAppId, owner, convId], { prepare: true });
  }

  async remove(sdkAppId: number, owner: string, convIds: readonly string[]): Promise<void> {
    checkAppId(sdkAppId);
    checkUserId(owner);
    const ids = checkConvIdBatch(convIds);
    if (ids.length === 0) return;
    await this.client.execute(this.cql.remove, [sdkAppId, owner, ids], { prepare: true });
  }
}

/** The record of a visible row; undefined for a partial one (read position or pin only). */
function recordOf(row: types.Row): ConversationRecord | undefined {
  const type = row.get('conv_type') as ConversationType | null;
  const peer = row.get('peer') as string | null;
  if (type === null || peer === null) return undefined;
  const readSeq = toNumber(row.get('read_seq'));
  const lastMsg = row.get('last_msg') as string | null;
  const noUnread = ((row.get('no_unread') as unknown[] | null) ?? []).map(toNumber);
  return {
    convId: row.get('conv_id') as string,
    type,
    peer,
    lastSeq: toNumber(row.get('last_seq')),
    lastTime: toNumber(row.get('last_time')),
    lastMsg: lastMsg === null ? null : (JSON.parse(lastMsg) as JsonValue),
    readSeq,
    noUnreadSeqs: noUnread.filter((s) => s > readSeq).sort((a, b) => a - b),
    pinned: row.get('pinned') === true,
    pinnedAt: toNumber(row.get('pinned_at')),
    deleted: row.get('deleted') === true,
    deletedAt: toNumber(row.get('deleted_at')),
    updatedAt: toNumber(row.get('updated_at')),
  };
}
