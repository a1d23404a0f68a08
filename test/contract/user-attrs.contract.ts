// The one contract suite for UserAttrStore (push attribute names, per-user attrs and tags, the
// audience scan), run against memory and LMDB from test/unit/store and Cassandra from
// test/integration. `open` returns a new Store handle; cases use fresh random sdkAppIds, so a
// persistent backend shared by other suites works unchanged.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import type { UserAttrStore, UserPushRecord } from '../../src/store/user-attrs.js';

async function scanAll(s: UserAttrStore, sdkAppId: number, limit: number): Promise<UserPushRecord[]> {
  const out: UserPushRecord[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await s.scan(sdkAppId, { limit, ...(cursor ? { cursor } : {}) });
    expect(page.users.length).toBeLessThanOrEqual(limit);
    out.push(...page.users);
    cursor = page.next;
    if (++pages > 10_000) throw new Error('scan does not end');
  } while (cursor !== undefined);
  return out.sort((a, b) => (a.userId < b.userId ? -1 : 1));
}

export function userAttrsContract(name: string, open: () => Promise<Store>, cleanup?: () => Promise<void>): void {
  describe(`user attrs contract: ${name}`, () => {
    let store: Store | undefined;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });
    const s = (): UserAttrStore => {
      if (!store) throw new Error('open() did not produce a store');
      return store.userAttrs;
    };
    let seq = 0;
    const base = 1_000_000 + (randomBytes(4).readUInt32BE(0) % 3_000_000_000);
    const newAppId = () => base + ++seq * 7;

    it('attribute names start empty and merge by slot', async () => {
      const app = newAppId();
      expect(await s().getAttrNames(app)).toEqual({});
      await s().setAttrNames(app, { 0: 'sex', 1: 'city' });
      await s().setAttrNames(app, { 1: '城市', 9: 'level' });
      expect(await s().getAttrNames(app)).toEqual({ 0: 'sex', 1: '城市', 9: 'level' });
      expect(await s().getAttrNames(newAppId())).toEqual({});
    });

    it('attrs merge by slot and remove by slot; tags add, remove and clear as a set', async () => {
      const app = newAppId();
      await s().setAttrs(app, 'alice', { 0: 'f', 1: 'paris' });
      await s().setAttrs(app, 'alice', { 1: 'rome' });
      await s().addTags(app, 'alice', ['gold', 'weekly']);
      await s().addTags(app, 'alice', ['gold', 'vip']);
      expect((await s().getUsers(app, ['alice'])).get('alice')).toEqual({ userId: 'alice', attrs: { 0: 'f', 1: 'rome' }, tags: ['gold', 'vip', 'weekly'] });
      await s().removeAttrs(app, 'alice', [0, 5]);
      await s().removeTags(app, 'alice', ['weekly', 'never']);
      expect((await s().getUsers(app, ['alice'])).get('alice')).toEqual({ userId: 'alice', attrs: { 1: 'rome' }, tags: ['gold', 'vip'] });
      await s().clearTags(app, 'alice');
      expect((await s().getUsers(app, ['alice'])).get('alice')).toEqual({ userId: 'alice', attrs: { 1: 'rome' }, tags: [] });
    });

    it('a user left with no attrs and no tags has no row and is not scanned', async () => {
      const app = newAppId();
      await s().addTags(app, 'bob', ['t']);
      await s().setAttrs(app, 'carol', { 2: 'x' });
      await s().removeTags(app, 'bob', ['t']);
      await s().removeAttrs(app, 'carol', [2]);
      await s().clearTags(app, 'nobody');
      expect((await s().getUsers(app, ['bob', 'carol', 'nobody'])).size).toBe(0);
      expect(await scanAll(s(), app, 10)).toEqual([]);
    });

    it('getUsers answers only users with rows, across many users', async () => {
      const app = newAppId();
      const ids = Array.from({ length: 40 }, (_, i) => `user-${i}`);
      for (const id of ids.slice(0, 20)) await s().addTags(app, id, [`t${id}`]);
      const got = await s().getUsers(app, ids);
      expect([...got.keys()].sort()).toEqual(ids.slice(0, 20).sort());
      expect(got.get('user-3')?.tags).toEqual(['tuser-3']);
    });

    it('scan pages through exactly the app\'s users with rows, with their values', async () => {
      const app = newAppId();
      const other = newAppId();
      const ids = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'ünï'];
      for (const [i, id] of ids.entries()) {
        if (i % 2 === 0) await s().addTags(app, id, ['even']);
        else await s().setAttrs(app, id, { 3: `v${i}` });
      }
      await s().addTags(other, 'stranger', ['even']);
      for (const limit of [1, 3, 100]) {
        const all = await scanAll(s(), app, limit);
        expect(all.map((u) => u.userId)).toEqual([...ids].sort());
        expect(all.find((u) => u.userId === 'u2')).toEqual({ userId: 'u2', attrs: { 3: 'v1' }, tags: [] });
        expect(all.find((u) => u.userId === 'u1')).toEqual({ userId: 'u1', attrs: {}, tags: ['even'] });
      }
    });

    it('the same user id in two apps is independent', async () => {
      const a = newAppId();
      const b = newAppId();
      await s().addTags(a, 'same', ['a']);
      await s().addTags(b, 'same', ['b']);
      await s().setAttrNames(a, { 0: 'x' });
      expect((await s().getUsers(a, ['same'])).get('same')?.tags).toEqual(['a']);
      expect((await s().getUsers(b, ['same'])).get('same')?.tags).toEqual(['b']);
      expect(await s().getAttrNames(b)).toEqual({});
    });

    it('returned objects are copies', async () => {
      const app = newAppId();
      await s().addTags(app, 'dan', ['t']);
      const r = (await s().getUsers(app, ['dan'])).get('dan')!;
      r.tags.push('mutated');
      r.attrs[0] = 'mutated';
      expect((await s().getUsers(app, ['dan'])).get('dan')).toEqual({ userId: 'dan', attrs: {}, tags: ['t'] });
    });

    it('rejects bad slots, values, tags, ids and scan options with clear errors', async () => {
      const app = newAppId();
      await expect(s().setAttrNames(app, { 10: 'x' })).rejects.toThrow(/slot/);
      await expect(s().setAttrNames(app, { 0: '' })).rejects.toThrow(/empty/);
      await expect(s().setAttrs(app, 'u', { 0: 'x'.repeat(51) })).rejects.toThrow(/50/);
      await expect(s().setAttrs(app, 'u', { [-1]: 'x' })).rejects.toThrow(/slot/);
      await expect(s().removeAttrs(app, 'u', [1.5])).rejects.toThrow(/slot/);
      await expect(s().addTags(app, 'u', [5 as unknown as string])).rejects.toThrow(/string/);
      await expect(s().addTags(app, '', ['t'])).rejects.toThrow(/userId/);
      await expect(s().addTags(0, 'u', ['t'])).rejects.toThrow(/sdkAppId/);
      await expect(s().scan(app, { limit: 0 })).rejects.toThrow(/limit/);
      await expect(s().scan(app, { limit: 1001 })).rejects.toThrow(/limit/);
      await expect(s().scan(app, { limit: 1, cursor: '' })).rejects.toThrow(/cursor/);
    });
  });
}
