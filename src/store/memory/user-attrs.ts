// In-process UserAttrStore: per app a Map of attribute names and a Map of user rows. A row whose
// attrs and tags are both empty is deleted, as in the other implementations. scan pages in user-id
// order (the cursor is the last id returned), sorting the app's ids per page: fine for one process.
import { checkAppId, checkUserIdBatch } from '../records.js';
import {
  type AttrSlots,
  checkAttrSlot,
  checkScan,
  checkSlots,
  checkTags,
  checkUserKey,
  copyUserPush,
  type UserAttrPage,
  type UserAttrStore,
  type UserPushRecord,
} from '../user-attrs.js';

interface Row {
  attrs: Map<number, string>;
  tags: Set<string>;
}

const toRecord = (userId: string, r: Row): UserPushRecord => ({
  userId,
  attrs: Object.fromEntries(r.attrs) as AttrSlots,
  tags: [...r.tags].sort(),
});

export class MemoryUserAttrStore implements UserAttrStore {
  private readonly names = new Map<number, AttrSlots>();
  private readonly rows = new Map<number, Map<string, Row>>();

  async getAttrNames(sdkAppId: number): Promise<AttrSlots> {
    checkAppId(sdkAppId);
    return { ...(this.names.get(sdkAppId) ?? {}) };
  }

  async setAttrNames(sdkAppId: number, names: AttrSlots): Promise<void> {
    checkAppId(sdkAppId);
    const next = checkSlots(names, 'names');
    this.names.set(sdkAppId, { ...(this.names.get(sdkAppId) ?? {}), ...next });
  }

  async getUsers(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, UserPushRecord>> {
    checkAppId(sdkAppId);
    const ids = checkUserIdBatch(userIds);
    const app = this.rows.get(sdkAppId);
    const out = new Map<string, UserPushRecord>();
    for (const id of ids) {
      const r = app?.get(id);
      if (r) out.set(id, toRecord(id, r));
    }
    return out;
  }

  async setAttrs(sdkAppId: number, userId: string, attrs: AttrSlots): Promise<void> {
    checkUserKey(sdkAppId, userId);
    const next = checkSlots(attrs, 'attrs');
    this.update(sdkAppId, userId, (r) => {
      for (const [k, v] of Object.entries(next)) r.attrs.set(Number(k), v);
    });
  }

  async removeAttrs(sdkAppId: number, userId: string, slots: readonly number[]): Promise<void> {
    checkUserKey(sdkAppId, userId);
    for (const s of slots) checkAttrSlot(s);
    this.update(sdkAppId, userId, (r) => {
      for (const s of slots) r.attrs.delete(s);
    });
  }

  async addTags(sdkAppId: number, userId: string, tags: readonly string[]): Promise<void> {
    checkUserKey(sdkAppId, userId);
    const add = checkTags(tags);
    this.update(sdkAppId, userId, (r) => {
      for (const t of add) r.tags.add(t);
    });
  }

  async removeTags(sdkAppId: number, userId: string, tags: readonly string[]): Promise<void> {
    checkUserKey(sdkAppId, userId);
    const drop = checkTags(tags);
    this.update(sdkAppId, userId, (r) => {
      for (const t of drop) r.tags.delete(t);
    });
  }

  async clearTags(sdkAppId: number, userId: string): Promise<void> {
    checkUserKey(sdkAppId, userId);
    this.update(sdkAppId, userId, (r) => r.tags.clear());
  }

  async scan(sdkAppId: number, opts: { cursor?: string; limit: number }): Promise<UserAttrPage> {
    checkScan(sdkAppId, opts);
    const app = this.rows.get(sdkAppId);
    if (!app) return { users: [] };
    const after = opts.cursor;
    const ids = [...app.keys()].filter((id) => after === undefined || id > after).sort();
    const page = ids.slice(0, opts.limit);
    const users = page.map((id) => copyUserPush(toRecord(id, app.get(id)!)));
    return ids.length > opts.limit ? { users, next: page[page.length - 1]! } : { users };
  }

  private update(sdkAppId: number, userId: string, change: (r: Row) => void): void {
    let app = this.rows.get(sdkAppId);
    if (!app) this.rows.set(sdkAppId, (app = new Map()));
    const row = app.get(userId) ?? { attrs: new Map(), tags: new Set() };
    change(row);
    if (row.attrs.size === 0 && row.tags.size === 0) {
      app.delete(userId);
      if (app.size === 0) this.rows.delete(sdkAppId);
    } else {
      app.set(userId, row);
    }
  }
}
