// Cassandra UserAttrStore over <ks>.push_attr_names and <ks>.push_user_attrs (user-attrs-tables.ts).
// Changes are collection updates (attrs + / -, tags + / -), so concurrent changes to different
// slots or tags of one user merge without a read. Rows are written by UPDATE only (no row marker),
// so a row whose collections become empty disappears, as the contract asks. scan reads one bucket
// partition per call in user-id order; its cursor is "<bucket>/<last user id>" ("<bucket>/" = the
// start of that bucket), so a page can be short when a bucket ends.
import type { Client, types } from 'cassandra-driver';
import { fnv1a32 } from '../../lib/hash.js';
import { checkAppId, checkUserIdBatch } from '../records.js';
import {
  type AttrSlots,
  checkAttrSlot,
  checkScan,
  checkSlots,
  checkTags,
  checkUserKey,
  USER_ATTR_BUCKETS,
  type UserAttrPage,
  type UserAttrStore,
  type UserPushRecord,
} from '../user-attrs.js';

const bucketOf = (userId: string): number => fnv1a32(userId) % USER_ATTR_BUCKETS;

type Stmt = 'names' | 'setNames' | 'getMany' | 'setAttrs' | 'removeAttrs' | 'addTags' | 'removeTags' | 'clearTags' | 'scanFirst' | 'scanAfter';

export class CassandraUserAttrStore implements UserAttrStore {
  private readonly cql: Record<Stmt, string>;

  constructor(
    private readonly client: Client,
    keyspace: string,
  ) {
    const n = `${keyspace}.push_attr_names`;
    const t = `${keyspace}.push_user_attrs`;
    const key = 'WHERE sdkappid = ? AND bucket = ? AND user_id = ?';
    this.cql = {
      names: `SELECT names FROM ${n} WHERE sdkappid = ?`,
      setNames: `UPDATE ${n} SET names = names + ? WHERE sdkappid = ?`,
      getMany: `SELECT user_id, attrs, tags FROM ${t} WHERE sdkappid = ? AND bucket = ? AND user_id IN ?`,
      setAttrs: `UPDATE ${t} SET attrs = attrs + ? ${key}`,
      removeAttrs: `UPDATE ${t} SET attrs = attrs - ? ${key}`,
      addTags: `UPDATE ${t} SET tags = tags + ? ${key}`,
      removeTags: `UPDATE ${t} SET tags = tags - ? ${key}`,
      clearTags: `DELETE tags FROM ${t} ${key}`,
      scanFirst: `SELECT user_id, attrs, tags FROM ${t} WHERE sdkappid = ? AND bucket = ? LIMIT ?`,
      scanAfter: `SELECT user_id, attrs, tags FROM ${t} WHERE sdkappid = ? AND bucket = ? AND user_id > ? LIMIT ?`,
    };
  }

  async getAttrNames(sdkAppId: number): Promise<AttrSlots> {
    checkAppId(sdkAppId);
    const row = (await this.client.execute(this.cql.names, [sdkAppId])).first();
    return slotsOf(row?.get('names'));
  }

  async setAttrNames(sdkAppId: number, names: AttrSlots): Promise<void> {
    checkAppId(sdkAppId);
    const next = checkSlots(names, 'names');
    if (Object.keys(next).length === 0) return;
    await this.client.execute(this.cql.setNames, [next, sdkAppId]);
  }

  async getUsers(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, UserPushRecord>> {
    checkAppId(sdkAppId);
    const byBucket = new Map<number, string[]>();
    for (const id of checkUserIdBatch(userIds)) {
      const b = bucketOf(id);
      byBucket.set(b, [...(byBucket.get(b) ?? []), id]);
    }
    const out = new Map<string, UserPushRecord>();
    await Promise.all(
      [...byBucket].map(async ([bucket, ids]) => {
        for await (const row of await this.client.execute(this.cql.getMany, [sdkAppId, bucket, ids])) {
          const rec = fromRow(row);
          out.set(rec.userId, rec);
        }
      }),
    );
    return out;
  }

  async setAttrs(sdkAppId: number, userId: string, attrs: AttrSlots): Promise<void> {
    checkUserKey(sdkAppId, userId);
    const next = checkSlots(attrs, 'attrs');
    if (Object.keys(next).length > 0) await this.write('setAttrs', next, sdkAppId, userId);
  }

  async removeAttrs(sdkAppId: number, userId: string, slots: readonly number[]): Promise<void> {
    checkUserKey(sdkAppId, userId);
    for (const s of slots) checkAttrSlot(s);
    if (slots.length > 0) await this.write('removeAttrs', [...new Set(slots)], sdkAppId, userId);
  }

  async addTags(sdkAppId: number, userId: string, tags: readonly string[]): Promise<void> {
    checkUserKey(sdkAppId, userId);
    const add = checkTags(tags);
    if (add.length > 0) await this.write('addTags', add, sdkAppId, userId);
  }

  async removeTags(sdkAppId: number, userId: string, tags: readonly string[]): Promise<void> {
    checkUserKey(sdkAppId, userId);
    const drop = checkTags(tags);
    if (drop.length > 0) await this.write('removeTags', drop, sdkAppId, userId);
  }

  async clearTags(sdkAppId: number, userId: string): Promise<void> {
    checkUserKey(sdkAppId, userId);
    await this.client.execute(this.cql.clearTags, [sdkAppId, bucketOf(userId), userId]);
  }

  async scan(sdkAppId: number, opts: { cursor?: string; limit: number }): Promise<UserAttrPage> {
    checkScan(sdkAppId, opts);
    const { bucket, after } = parseCursor(opts.cursor);
    const rs =
      after === undefined
        ? await this.client.execute(this.cql.scanFirst, [sdkAppId, bucket, opts.limit])
        : await this.client.execute(this.cql.scanAfter, [sdkAppId, bucket, after, opts.limit]);
    const users = rs.rows.map(fromRow);
    if (users.length === opts.limit) return { users, next: `${bucket}/${users[users.length - 1]!.userId}` };
    return bucket + 1 < USER_ATTR_BUCKETS ? { users, next: `${bucket + 1}/` } : { users };
  }

  private async write(stmt: Stmt, value: unknown, sdkAppId: number, userId: string): Promise<void> {
    await this.client.execute(this.cql[stmt], [value, sdkAppId, bucketOf(userId), userId]);
  }
}

function parseCursor(cursor: string | undefined): { bucket: number; after?: string } {
  if (cursor === undefined) return { bucket: 0 };
  const slash = cursor.indexOf('/');
  const bucket = Number(cursor.slice(0, slash));
  if (slash < 1 || !Number.isInteger(bucket) || bucket < 0 || bucket >= USER_ATTR_BUCKETS) throw new RangeError(`scan cursor ${JSON.stringify(cursor)} is not one this store returned`);
  const after = cursor.slice(slash + 1);
  return after.length > 0 ? { bucket, after } : { bucket };
}

function slotsOf(v: unknown): AttrSlots {
  const out: AttrSlots = {};
  if (v && typeof v === 'object') for (const [k, val] of Object.entries(v as Record<string, string>)) out[Number(k)] = val;
  return out;
}

function fromRow(row: types.Row): UserPushRecord {
  const tags = (row.get('tags') as string[] | null) ?? [];
  return { userId: row.get('user_id') as string, attrs: slotsOf(row.get('attrs')), tags: [...tags].sort() };
}
