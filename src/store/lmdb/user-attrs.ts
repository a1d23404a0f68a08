// LMDB UserAttrStore: "push_attr_names" keyed by sdkAppId, and "push_user_attrs" keyed by the
// ordered array [sdkAppId, userId], so one app's rows are one contiguous key range and scan is a
// range read from the cursor (the last user id returned). Each change is a read-modify-write in
// one write transaction; a row left with no attrs and no tags is removed.
import type { Database, Key, RootDatabase } from 'lmdb';
import { checkAppId, checkUserIdBatch } from '../records.js';
import {
  type AttrSlots,
  checkAttrSlot,
  checkScan,
  checkSlots,
  checkTags,
  checkUserKey,
  type UserAttrPage,
  type UserAttrStore,
  type UserPushRecord,
} from '../user-attrs.js';
import { under } from './key-range.js';

interface StoredRow {
  attrs: AttrSlots;
  tags: string[];
}

const toRecord = (userId: string, r: StoredRow): UserPushRecord => ({ userId, attrs: { ...r.attrs }, tags: [...r.tags] });

export function openLmdbUserAttrStore(root: RootDatabase): LmdbUserAttrStore {
  return new LmdbUserAttrStore(root.openDB<AttrSlots, number>({ name: 'push_attr_names' }), root.openDB<StoredRow, Key>({ name: 'push_user_attrs' }));
}

export class LmdbUserAttrStore implements UserAttrStore {
  constructor(
    private readonly names: Database<AttrSlots, number>,
    private readonly rows: Database<StoredRow, Key>,
  ) {}

  async getAttrNames(sdkAppId: number): Promise<AttrSlots> {
    checkAppId(sdkAppId);
    return { ...(this.names.get(sdkAppId) ?? {}) };
  }

  async setAttrNames(sdkAppId: number, names: AttrSlots): Promise<void> {
    checkAppId(sdkAppId);
    const next = checkSlots(names, 'names');
    await this.names.transaction(() => {
      void this.names.put(sdkAppId, { ...(this.names.get(sdkAppId) ?? {}), ...next });
    });
  }

  async getUsers(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, UserPushRecord>> {
    checkAppId(sdkAppId);
    const out = new Map<string, UserPushRecord>();
    for (const id of checkUserIdBatch(userIds)) {
      const r = this.rows.get([sdkAppId, id]);
      if (r) out.set(id, toRecord(id, r));
    }
    return out;
  }

  async setAttrs(sdkAppId: number, userId: string, attrs: AttrSlots): Promise<void> {
    checkUserKey(sdkAppId, userId);
    const next = checkSlots(attrs, 'attrs');
    await this.update(sdkAppId, userId, (r) => ({ attrs: { ...r.attrs, ...next }, tags: r.tags }));
  }

  async removeAttrs(sdkAppId: number, userId: string, slots: readonly number[]): Promise<void> {
    checkUserKey(sdkAppId, userId);
    for (const s of slots) checkAttrSlot(s);
    await this.update(sdkAppId, userId, (r) => {
      const attrs = { ...r.attrs };
      for (const s of slots) delete attrs[s];
      return { attrs, tags: r.tags };
    });
  }

  async addTags(sdkAppId: number, userId: string, tags: readonly string[]): Promise<void> {
    checkUserKey(sdkAppId, userId);
    const add = checkTags(tags);
    await this.update(sdkAppId, userId, (r) => ({ attrs: r.attrs, tags: [...new Set([...r.tags, ...add])].sort() }));
  }

  async removeTags(sdkAppId: number, userId: string, tags: readonly string[]): Promise<void> {
    checkUserKey(sdkAppId, userId);
    const drop = new Set(checkTags(tags));
    await this.update(sdkAppId, userId, (r) => ({ attrs: r.attrs, tags: r.tags.filter((t) => !drop.has(t)) }));
  }

  async clearTags(sdkAppId: number, userId: string): Promise<void> {
    checkUserKey(sdkAppId, userId);
    await this.update(sdkAppId, userId, (r) => ({ attrs: r.attrs, tags: [] }));
  }

  async scan(sdkAppId: number, opts: { cursor?: string; limit: number }): Promise<UserAttrPage> {
    checkScan(sdkAppId, opts);
    // One extra row tells whether another page follows.
    const got = [...this.rows.getRange({ ...under([sdkAppId], opts.cursor), limit: opts.limit + 1 })];
    const users = got.slice(0, opts.limit).map(({ key, value }) => toRecord((key as Key[])[1] as string, value));
    return got.length > opts.limit ? { users, next: users[users.length - 1]!.userId } : { users };
  }

  private async update(sdkAppId: number, userId: string, change: (r: StoredRow) => StoredRow): Promise<void> {
    const key: Key = [sdkAppId, userId];
    await this.rows.transaction(() => {
      const next = change(this.rows.get(key) ?? { attrs: {}, tags: [] });
      if (Object.keys(next.attrs).length === 0 && next.tags.length === 0) void this.rows.remove(key);
      else void this.rows.put(key, next);
    });
  }
}
