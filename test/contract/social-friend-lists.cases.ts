// Social store contract cases for FriendListStore; run by socialStoreContract (social-store.contract.ts).
import { describe, expect, it } from 'vitest';
import type { SocialCaseContext } from './social-fixtures.js';

export function friendListCases({ store, newAppId }: SocialCaseContext): void {
  const lists = () => store().friendLists;
  const names = async (id: number, owner: string) => (await lists().listFriendLists(id, owner)).map((l) => l.name);

  describe('friend lists', () => {
    it('an owner without lists has an empty list', async () => {
      expect(await lists().listFriendLists(newAppId(), 'o')).toEqual([]);
    });

    it('lists come back in creation order: createdAt, then name in code-point order', async () => {
      const id = newAppId();
      await lists().createFriendLists(id, 'o', [
        { name: 'third', createdAt: 30 },
        { name: 'first', createdAt: 10 },
      ]);
      await lists().createFriendLists(id, 'o', [
        { name: '\u{1f600}', createdAt: 20 },
        { name: '\uff3a', createdAt: 20 },
        { name: 'b', createdAt: 20 },
      ]);
      await lists().createFriendLists(id, 'o', []);
      expect(await lists().listFriendLists(id, 'o')).toEqual([
        { name: 'first', createdAt: 10 },
        { name: 'b', createdAt: 20 },
        { name: '\uff3a', createdAt: 20 },
        { name: '\u{1f600}', createdAt: 20 },
        { name: 'third', createdAt: 30 },
      ]);
    });

    it('creating an existing name replaces its createdAt', async () => {
      const id = newAppId();
      await lists().createFriendLists(id, 'o', [{ name: 'a', createdAt: 1 }, { name: 'b', createdAt: 2 }]);
      await lists().createFriendLists(id, 'o', [{ name: 'a', createdAt: 3 }]);
      expect(await lists().listFriendLists(id, 'o')).toEqual([{ name: 'b', createdAt: 2 }, { name: 'a', createdAt: 3 }]);
    });

    it('deleteFriendLists is idempotent', async () => {
      const id = newAppId();
      await lists().createFriendLists(id, 'o', [{ name: 'a', createdAt: 1 }, { name: 'b', createdAt: 2 }]);
      await lists().deleteFriendLists(id, 'o', ['a', 'missing', 'a']);
      await lists().deleteFriendLists(id, 'o', ['a']);
      await lists().deleteFriendLists(id, 'o', []);
      expect(await names(id, 'o')).toEqual(['b']);
    });

    it('rename keeps createdAt; a missing list answers false; renaming to itself keeps it', async () => {
      const id = newAppId();
      await lists().createFriendLists(id, 'o', [{ name: 'a', createdAt: 1 }, { name: 'b', createdAt: 2 }, { name: 'c', createdAt: 3 }]);
      expect(await lists().renameFriendList(id, 'o', 'a', 'z')).toBe(true);
      expect(await lists().listFriendLists(id, 'o')).toEqual([{ name: 'z', createdAt: 1 }, { name: 'b', createdAt: 2 }, { name: 'c', createdAt: 3 }]);
      expect(await lists().renameFriendList(id, 'o', 'a', 'y')).toBe(false);
      expect(await lists().renameFriendList(id, 'o', 'b', 'b')).toBe(true);
      expect(await names(id, 'o')).toEqual(['z', 'b', 'c']);
      expect(await lists().renameFriendList(id, 'o', 'c', 'z')).toBe(true);
      expect(await lists().listFriendLists(id, 'o')).toEqual([{ name: 'b', createdAt: 2 }, { name: 'z', createdAt: 3 }]);
    });

    it('apps and owners are isolated', async () => {
      const [a, b] = [newAppId(), newAppId()];
      await lists().createFriendLists(a, 'o', [{ name: 'x', createdAt: 1 }]);
      await lists().createFriendLists(b, 'o', [{ name: 'x', createdAt: 2 }]);
      await lists().createFriendLists(a, 'p', [{ name: 'y', createdAt: 3 }]);
      expect(await lists().renameFriendList(b, 'o', 'x', 'renamed')).toBe(true);
      await lists().deleteFriendLists(b, 'o', ['renamed']);
      expect(await lists().listFriendLists(a, 'o')).toEqual([{ name: 'x', createdAt: 1 }]);
      expect(await names(b, 'o')).toEqual([]);
    });

    it('returned and passed rows are copies', async () => {
      const id = newAppId();
      const rows = [{ name: 'a', createdAt: 1 }];
      await lists().createFriendLists(id, 'o', rows);
      rows[0]!.createdAt = 9;
      (await lists().listFriendLists(id, 'o'))[0]!.name = 'changed';
      expect(await lists().listFriendLists(id, 'o')).toEqual([{ name: 'a', createdAt: 1 }]);
    });

    it('refuses empty or duplicate names and bad times', async () => {
      const id = newAppId();
      await expect(lists().createFriendLists(id, 'o', [{ name: '', createdAt: 1 }])).rejects.toThrow(/name/);
      await expect(lists().createFriendLists(id, 'o', [{ name: 'a', createdAt: 1 }, { name: 'a', createdAt: 2 }])).rejects.toThrow(/distinct/);
      await expect(lists().createFriendLists(id, 'o', [{ name: 'a', createdAt: -1 }])).rejects.toThrow(/createdAt/);
      await expect(lists().createFriendLists(id, 'o', 'a' as never)).rejects.toThrow(TypeError);
      await expect(lists().deleteFriendLists(id, 'o', [''])).rejects.toThrow(/names/);
      await expect(lists().renameFriendList(id, 'o', 'a', '')).rejects.toThrow(/to/);
      await expect(lists().renameFriendList(id, 'o', 5 as never, 'b')).rejects.toThrow(/from/);
      expect(await lists().listFriendLists(id, 'o')).toEqual([]);
    });
  });
}
