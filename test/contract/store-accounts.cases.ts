// Store contract cases for AccountStore; run by storeContract (store.contract.ts) against every implementation.
import { describe, expect, it } from 'vitest';
import { acct, app, type StoreCaseContext } from './store-fixtures.js';

export function accountCases(ctx: StoreCaseContext): void {
  const { newAppId, store } = ctx;
  describe('accounts', () => {
    it('getAccount of an unknown account is undefined', async () => {
      expect(await store().accounts.getAccount(newAppId(), 'nobody')).toBeUndefined();
    });

    it('importAccount creates the account with sigFloor 0', async () => {
      const id = newAppId();
      await store().accounts.importAccount(id, acct('alice'));
      expect(await store().accounts.getAccount(id, 'alice')).toEqual({ ...acct('alice'), sigFloor: 0 });
    });

    it('import never takes a sigFloor from the caller', async () => {
      const id = newAppId();
      await store().accounts.importAccount(id, { ...acct('bob'), sigFloor: 99 } as never);
      expect((await store().accounts.getAccount(id, 'bob'))?.sigFloor).toBe(0);
    });

    it('importing the same account twice is idempotent', async () => {
      const id = newAppId();
      await store().accounts.importAccount(id, acct('carol'));
      await store().accounts.importAccount(id, acct('carol'));
      expect(await store().accounts.getAccount(id, 'carol')).toEqual({ ...acct('carol'), sigFloor: 0 });
    });

    it('re-import updates nick and faceUrl but keeps importedAt and sigFloor', async () => {
      const id = newAppId();
      await store().accounts.importAccount(id, acct('dave', { importedAt: 1000 }));
      expect(await store().accounts.setSigFloor(id, 'dave', 1_790_000_123)).toBe(true);
      await store().accounts.importAccount(id, acct('dave', { nick: 'Dave 2', faceUrl: '', importedAt: 9999 }));
      expect(await store().accounts.getAccount(id, 'dave')).toEqual({
        userId: 'dave',
        nick: 'Dave 2',
        faceUrl: '',
        importedAt: 1000,
        sigFloor: 1_790_000_123,
      });
    });

    it('concurrent re-imports and setSigFloor calls lose neither change', async () => {
      const id = newAppId();
      await store().accounts.importAccount(id, acct('nora', { importedAt: 5 }));
      const results = await Promise.all([
        store().accounts.importAccount(id, acct('nora', { nick: 'Nora 2', importedAt: 6 })),
        store().accounts.setSigFloor(id, 'nora', 1_790_000_777),
        store().accounts.importAccount(id, acct('nora', { nick: 'Nora 2', importedAt: 7 })),
      ]);
      expect(results[1]).toBe(true);
      expect(await store().accounts.getAccount(id, 'nora')).toEqual({ ...acct('nora', { nick: 'Nora 2', importedAt: 5 }), sigFloor: 1_790_000_777 });
    });

    it('getAccounts of an empty list is an empty map', async () => {
      const got = await store().accounts.getAccounts(newAppId(), []);
      expect(got).toBeInstanceOf(Map);
      expect(got.size).toBe(0);
    });

    it('getAccounts leaves missing ids out and answers duplicates once', async () => {
      const id = newAppId();
      await store().accounts.importAccount(id, acct('u1'));
      await store().accounts.importAccount(id, acct('u2', { nick: 'two' }));
      await store().accounts.setSigFloor(id, 'u2', 77);
      const got = await store().accounts.getAccounts(id, ['u2', 'ghost', 'u1', 'u2', 'u1', 'ghost2']);
      expect([...got.keys()].sort()).toEqual(['u1', 'u2']);
      expect(got.get('u1')).toEqual({ ...acct('u1'), sigFloor: 0 });
      expect(got.get('u2')).toEqual({ ...acct('u2', { nick: 'two' }), sigFloor: 77 });
      expect((await store().accounts.getAccounts(id, ['ghost'])).size).toBe(0);
    });

    it('getAccounts answers a full batch of the maximum size', async () => {
      const id = newAppId();
      const present = Array.from({ length: 40 }, (_, i) => `p${i}`);
      for (const u of present) await store().accounts.importAccount(id, acct(u));
      const asked = [...present, ...Array.from({ length: 460 }, (_, i) => `missing${i}`)];
      const got = await store().accounts.getAccounts(id, asked);
      expect([...got.keys()].sort()).toEqual([...present].sort());
      for (const u of present) expect(got.get(u)).toEqual({ ...acct(u), sigFloor: 0 });
    });

    it('getAccounts refuses more than 500 distinct ids, and counts duplicates once', async () => {
      const id = newAppId();
      const ids = Array.from({ length: 501 }, (_, i) => `x${i}`);
      await expect(store().accounts.getAccounts(id, ids)).rejects.toThrow(RangeError);
      const dupes = [...ids.slice(0, 500), ...ids.slice(0, 500)];
      expect((await store().accounts.getAccounts(id, dupes)).size).toBe(0);
    });

    it('deleteAccount returns whether the account existed', async () => {
      const id = newAppId();
      expect(await store().accounts.deleteAccount(id, 'erin')).toBe(false);
      await store().accounts.importAccount(id, acct('erin'));
      await store().accounts.importAccount(id, acct('frank'));
      expect(await store().accounts.deleteAccount(id, 'erin')).toBe(true);
      expect(await store().accounts.getAccount(id, 'erin')).toBeUndefined();
      expect(await store().accounts.deleteAccount(id, 'erin')).toBe(false);
      expect((await store().accounts.getAccounts(id, ['erin', 'frank'])).size).toBe(1);
    });

    it('an account imported again after delete starts fresh', async () => {
      const id = newAppId();
      await store().accounts.importAccount(id, acct('gina', { importedAt: 1 }));
      await store().accounts.setSigFloor(id, 'gina', 500);
      await store().accounts.deleteAccount(id, 'gina');
      await store().accounts.importAccount(id, acct('gina', { importedAt: 2 }));
      expect(await store().accounts.getAccount(id, 'gina')).toEqual({ ...acct('gina', { importedAt: 2 }), sigFloor: 0 });
    });

    it('setSigFloor on an unknown account returns false and creates nothing', async () => {
      const id = newAppId();
      expect(await store().accounts.setSigFloor(id, 'henry', 123)).toBe(false);
      expect(await store().accounts.getAccount(id, 'henry')).toBeUndefined();
      expect((await store().accounts.getAccounts(id, ['henry'])).size).toBe(0);
      expect(await store().accounts.deleteAccount(id, 'henry')).toBe(false);
    });

    it('setSigFloor sets the mark, which may move in either direction', async () => {
      const id = newAppId();
      await store().accounts.importAccount(id, acct('ivy'));
      expect(await store().accounts.setSigFloor(id, 'ivy', 1_790_000_000)).toBe(true);
      expect((await store().accounts.getAccount(id, 'ivy'))?.sigFloor).toBe(1_790_000_000);
      expect(await store().accounts.setSigFloor(id, 'ivy', 0)).toBe(true);
      expect(await store().accounts.getAccount(id, 'ivy')).toEqual({ ...acct('ivy'), sigFloor: 0 });
    });

    it('the same userId in two apps is independent in every method', async () => {
      const a = newAppId();
      const b = newAppId();
      await store().accounts.importAccount(a, acct('shared', { nick: 'in A', importedAt: 10 }));
      expect(await store().accounts.getAccount(b, 'shared')).toBeUndefined();
      expect((await store().accounts.getAccounts(b, ['shared'])).size).toBe(0);
      expect(await store().accounts.setSigFloor(b, 'shared', 5)).toBe(false);
      expect(await store().accounts.deleteAccount(b, 'shared')).toBe(false);
      expect(await store().accounts.getAccount(a, 'shared')).toEqual({ ...acct('shared', { nick: 'in A', importedAt: 10 }), sigFloor: 0 });

      await store().accounts.importAccount(b, acct('shared', { nick: 'in B', importedAt: 20 }));
      expect(await store().accounts.setSigFloor(a, 'shared', 111)).toBe(true);
      await store().accounts.importAccount(a, acct('shared', { nick: 'A again' }));
      expect(await store().accounts.getAccount(b, 'shared')).toEqual({ ...acct('shared', { nick: 'in B', importedAt: 20 }), sigFloor: 0 });
      expect((await store().accounts.getAccounts(b, ['shared'])).get('shared')?.nick).toBe('in B');

      expect(await store().accounts.deleteAccount(a, 'shared')).toBe(true);
      expect(await store().accounts.getAccount(a, 'shared')).toBeUndefined();
      expect((await store().accounts.getAccount(b, 'shared'))?.nick).toBe('in B');
    });

    it('accounts and apps with the same number do not interfere', async () => {
      const id = newAppId();
      await store().accounts.importAccount(id, acct('jack'));
      expect(await store().apps.getApp(id)).toBeUndefined();
      await store().apps.putApp(app(id));
      expect((await store().accounts.getAccount(id, 'jack'))?.userId).toBe('jack');
    });

    it('unicode and 32-byte user ids round-trip and stay distinct', async () => {
      const id = newAppId();
      const ids = [
        '用户🙂',
        'Zoë',
        'zoe',
        'ZOE',
        'a'.repeat(32),
        '用'.repeat(10) + 'ab', // 30 + 2 = 32 bytes
        '🙂'.repeat(8), // 32 bytes in 16 UTF-16 units
        'a:b',
        'a',
        'a b',
        `${id}/x`,
      ];
      for (const [i, u] of ids.entries()) await store().accounts.importAccount(id, acct(u, { nick: `n${i}` }));
      for (const [i, u] of ids.entries()) {
        expect(await store().accounts.getAccount(id, u)).toEqual({ ...acct(u, { nick: `n${i}` }), sigFloor: 0 });
      }
      const got = await store().accounts.getAccounts(id, ids);
      expect(got.size).toBe(ids.length);
      for (const [i, u] of ids.entries()) expect(got.get(u)?.nick).toBe(`n${i}`);
      expect(await store().accounts.setSigFloor(id, '🙂'.repeat(8), 9)).toBe(true);
      expect(await store().accounts.deleteAccount(id, '用户🙂')).toBe(true);
      expect(await store().accounts.getAccount(id, 'a')).toEqual({ ...acct('a', { nick: `n${ids.indexOf('a')}` }), sigFloor: 0 });
      expect((await store().accounts.getAccount(id, '🙂'.repeat(8)))?.sigFloor).toBe(9);
    });

    it('returned and stored objects are not live references', async () => {
      const id = newAppId();
      const input = acct('kate');
      await store().accounts.importAccount(id, input);
      input.nick = 'changed after import';

      const one = await store().accounts.getAccount(id, 'kate');
      one!.nick = 'mutated';
      one!.sigFloor = 999;
      const many = await store().accounts.getAccounts(id, ['kate']);
      expect(many.get('kate')).toEqual({ ...acct('kate'), sigFloor: 0 });
      many.get('kate')!.faceUrl = 'mutated';
      many.delete('kate');
      expect(await store().accounts.getAccount(id, 'kate')).toEqual({ ...acct('kate'), sigFloor: 0 });
    });

    it('concurrent reads of one account each get their own equal copy', async () => {
      const id = newAppId();
      await store().accounts.importAccount(id, acct('leo'));
      const reads = await Promise.all(Array.from({ length: 20 }, () => store().accounts.getAccount(id, 'leo')));
      for (const r of reads) expect(r).toEqual({ ...acct('leo'), sigFloor: 0 });
      reads[0]!.nick = 'mutated';
      expect(reads[1]!.nick).toBe(acct('leo').nick);
      const apps = app(id);
      await store().apps.putApp(apps);
      const appReads = await Promise.all(Array.from({ length: 10 }, () => store().apps.getApp(id)));
      appReads[0]!.admins.push('x');
      expect(appReads[1]).toEqual(apps);
    });

    it('a read issued after a write resolves sees the write, even with a read in flight', async () => {
      const id = newAppId();
      await store().accounts.importAccount(id, acct('mia'));
      const early = store().accounts.getAccount(id, 'mia');
      expect(await store().accounts.setSigFloor(id, 'mia', 4242)).toBe(true);
      const late = await store().accounts.getAccount(id, 'mia');
      expect(late?.sigFloor).toBe(4242);
      expect([0, 4242]).toContain((await early)?.sigFloor);

      await store().apps.putApp(app(id, { name: 'v1' }));
      const earlyApp = store().apps.getApp(id);
      await store().apps.putApp(app(id, { name: 'v2' }));
      expect((await store().apps.getApp(id))?.name).toBe('v2');
      expect(['v1', 'v2']).toContain((await earlyApp)?.name);
    });

    it('rejects bad ids and records with clear errors', async () => {
      const id = newAppId();
      const tooLong = 'a'.repeat(33);
      const threeByteTooLong = '用'.repeat(11); // 33 bytes in 11 characters
      for (const bad of ['', tooLong, threeByteTooLong, '\uD800x', 42 as unknown as string]) {
        await expect(store().accounts.importAccount(id, acct(bad))).rejects.toThrow(/userId/);
        await expect(store().accounts.getAccount(id, bad)).rejects.toThrow(/userId/);
        await expect(store().accounts.getAccounts(id, ['ok', bad])).rejects.toThrow(/userId/);
        await expect(store().accounts.deleteAccount(id, bad)).rejects.toThrow(/userId/);
        await expect(store().accounts.setSigFloor(id, bad, 1)).rejects.toThrow(/userId/);
      }
      for (const bad of [0, -5, 0.5, 2 ** 32]) {
        await expect(store().accounts.importAccount(bad, acct('x'))).rejects.toThrow(/sdkAppId/);
        await expect(store().accounts.getAccount(bad, 'x')).rejects.toThrow(/sdkAppId/);
        await expect(store().accounts.getAccounts(bad, ['x'])).rejects.toThrow(/sdkAppId/);
        await expect(store().accounts.deleteAccount(bad, 'x')).rejects.toThrow(/sdkAppId/);
        await expect(store().accounts.setSigFloor(bad, 'x', 1)).rejects.toThrow(/sdkAppId/);
      }
      await expect(store().accounts.getAccounts(id, 'x' as never)).rejects.toThrow(/array/);
      await expect(store().accounts.importAccount(id, acct('x', { nick: 5 as never }))).rejects.toThrow(/nick/);
      await expect(store().accounts.importAccount(id, acct('x', { faceUrl: undefined as never }))).rejects.toThrow(/faceUrl/);
      await expect(store().accounts.importAccount(id, acct('x', { importedAt: Number.NaN }))).rejects.toThrow(/importedAt/);
      await expect(store().accounts.importAccount(id, undefined as never)).rejects.toThrow(/account must be an object/);
      await store().accounts.importAccount(id, acct('x'));
      for (const bad of [-1, 1.5, Number.NaN, '7' as unknown as number]) {
        await expect(store().accounts.setSigFloor(id, 'x', bad)).rejects.toThrow(/sigFloor/);
      }
      expect(await store().accounts.getAccount(id, 'x')).toEqual({ ...acct('x'), sigFloor: 0 });
    });

    it('listAccounts pages through exactly the app\'s accounts, without deleted ones', async () => {
      const id = newAppId();
      const other = newAppId();
      const ids = ['u1', 'u2', 'u3', 'u4', 'u5', 'ünï'];
      for (const u of ids) await store().accounts.importAccount(id, acct(u));
      await store().accounts.importAccount(other, acct('stranger'));
      await store().accounts.importAccount(id, acct('gone'));
      expect(await store().accounts.deleteAccount(id, 'gone')).toBe(true);
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store().accounts.listAccounts(id, { limit: 2, ...(cursor ? { cursor } : {}) });
        expect(page.userIds.length).toBeLessThanOrEqual(2);
        seen.push(...page.userIds);
        cursor = page.next;
        pages++;
      } while (cursor !== undefined && pages < 100_000);
      expect(cursor).toBeUndefined();
      expect([...seen].sort()).toEqual([...ids].sort());
    });

    it('listAccounts of an app with no accounts ends with no ids', async () => {
      const id = newAppId();
      let cursor: string | undefined;
      const seen: string[] = [];
      do {
        const page = await store().accounts.listAccounts(id, { limit: 1000, ...(cursor ? { cursor } : {}) });
        seen.push(...page.userIds);
        cursor = page.next;
      } while (cursor !== undefined);
      expect(seen).toEqual([]);
    });

    it('listAccounts rejects bad limits and cursors', async () => {
      const id = newAppId();
      await expect(store().accounts.listAccounts(id, { limit: 0 })).rejects.toThrow(/limit/);
      await expect(store().accounts.listAccounts(id, { limit: 1001 })).rejects.toThrow(/limit/);
      await expect(store().accounts.listAccounts(id, { limit: 1.5 })).rejects.toThrow(/limit/);
      await expect(store().accounts.listAccounts(id, { limit: 1, cursor: '' })).rejects.toThrow(/cursor/);
      await expect(store().accounts.listAccounts(0, { limit: 1 })).rejects.toThrow(/sdkAppId/);
    });
  });
}
