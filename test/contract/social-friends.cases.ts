// Social store contract cases for FriendStore; run by socialStoreContract (social-store.contract.ts).
import { describe, expect, it } from 'vitest';
import type { FriendRecord } from '../../src/store/index.js';
import { friend, type SocialCaseContext, UNICODE_IDS, UNICODE_ORDER } from './social-fixtures.js';

export function friendCases({ store, newAppId }: SocialCaseContext): void {
  const friends = () => store().friends;
  const all = async (id: number, owner: string, limit = 5000): Promise<FriendRecord[]> => (await friends().listFriends(id, owner, { limit })).friends;

  describe('friends', () => {
    it('an owner without friends has none: empty get, empty page, count 0', async () => {
      const id = newAppId();
      expect((await friends().getFriends(id, 'lonely', ['a'])).size).toBe(0);
      expect((await friends().getFriends(id, 'lonely', [])).size).toBe(0);
      expect(await friends().listFriends(id, 'lonely', { limit: 10 })).toEqual({ friends: [] });
      expect(await friends().countFriends(id, 'lonely')).toBe(0);
      expect(await friends().usersWithFriend(id, [], 'x')).toEqual([]);
    });

    it('putFriends stores whole rows; groups come back distinct in code-point order', async () => {
      const id = newAppId();
      const bob = friend('bob', { groups: ['work', 'family', 'work', '\u{1f600}', '\uff3a'], custom: { Tag_SNS_Custom_Note: 'n', Tag_SNS_Custom_Rank: 2 }, remarkTime: 5 });
      await friends().putFriends(id, 'alice', [bob, friend('carol')]);
      const got = await friends().getFriends(id, 'alice', ['bob', 'carol', 'ghost', 'bob']);
      expect([...got.keys()].sort()).toEqual(['bob', 'carol']);
      expect(got.get('bob')).toEqual({ ...bob, groups: ['family', 'work', '\uff3a', '\u{1f600}'] });
      expect(got.get('carol')).toEqual(friend('carol'));
      expect(await friends().countFriends(id, 'alice')).toBe(2);
    });

    it('putFriends replaces an existing row entirely', async () => {
      const id = newAppId();
      await friends().putFriends(id, 'o', [friend('p', { remark: 'old', groups: ['g1'], custom: { Tag_SNS_Custom_A: 'a' } })]);
      const replacement = friend('p', { remark: 'new', groups: ['g2'], custom: { Tag_SNS_Custom_B: 'b' }, addTime: 9 });
      await friends().putFriends(id, 'o', [replacement]);
      expect((await friends().getFriends(id, 'o', ['p'])).get('p')).toEqual(replacement);
      expect(await friends().countFriends(id, 'o')).toBe(1);
    });

    it('pages in peerId code-point order: exact pages, last page and cursor', async () => {
      const id = newAppId();
      await friends().putFriends(id, 'o', UNICODE_IDS.map((p) => friend(p)));
      expect((await all(id, 'o')).map((f) => f.peerId)).toEqual(UNICODE_ORDER);

      const p1 = await friends().listFriends(id, 'o', { limit: 4 });
      expect(p1.friends.map((f) => f.peerId)).toEqual(UNICODE_ORDER.slice(0, 4));
      expect(p1.next).toBe(UNICODE_ORDER[3]);
      const p2 = await friends().listFriends(id, 'o', { after: p1.next, limit: 4 });
      expect(p2).toEqual({ friends: UNICODE_ORDER.slice(4).map((p) => friend(p)) });

      const exact = await friends().listFriends(id, 'o', { limit: 6 });
      expect(exact.friends).toHaveLength(6);
      expect(exact.next).toBeUndefined();
      const three = await friends().listFriends(id, 'o', { limit: 3 });
      const rest = await friends().listFriends(id, 'o', { after: three.next, limit: 3 });
      expect(rest.friends.map((f) => f.peerId)).toEqual(UNICODE_ORDER.slice(3));
      expect(rest.next).toBeUndefined();
    });

    it('a cursor that is not a friend starts after its position; one past the end gives an empty page', async () => {
      const id = newAppId();
      await friends().putFriends(id, 'o', ['a', 'c', 'e'].map((p) => friend(p)));
      expect((await friends().listFriends(id, 'o', { after: 'b', limit: 10 })).friends.map((f) => f.peerId)).toEqual(['c', 'e']);
      expect(await friends().listFriends(id, 'o', { after: 'e', limit: 10 })).toEqual({ friends: [] });
      expect(await friends().listFriends(id, 'o', { after: 'z', limit: 10 })).toEqual({ friends: [] });
    });

    it('a large put is counted and listed whole', async () => {
      const id = newAppId();
      const many = Array.from({ length: 1000 }, (_, i) => friend(`f${String(i).padStart(4, '0')}`, { groups: ['all'], custom: { Tag_SNS_Custom_I: i } }));
      await friends().putFriends(id, 'popular', many);
      expect(await friends().countFriends(id, 'popular')).toBe(1000);
      const listed = await all(id, 'popular');
      expect(listed).toHaveLength(1000);
      expect(listed[999]).toEqual(many[999]);
      const paged: string[] = [];
      let after: string | undefined;
      do {
        const page = await friends().listFriends(id, 'popular', { after, limit: 250 });
        paged.push(...page.friends.map((f) => f.peerId));
        after = page.next;
      } while (after !== undefined);
      expect(paged).toEqual(many.map((f) => f.peerId));
    });

    it('updateFriends changes only the given fields; groups by set operations; custom merged', async () => {
      const id = newAppId();
      const base = friend('p', { groups: ['a', 'b'], custom: { Tag_SNS_Custom_X: 'x', Tag_SNS_Custom_Y: 1 } });
      await friends().putFriends(id, 'o', [base, friend('q')]);
      await friends().updateFriends(id, 'o', [
        { peerId: 'p', remark: 'buddy', remarkTime: 1_790_000_000_500, addGroups: ['c', 'a'], removeGroups: ['b', 'zz'], custom: { Tag_SNS_Custom_Y: 2, Tag_SNS_Custom_Z: ['z'] } },
        { peerId: 'q' },
      ]);
      const got = await friends().getFriends(id, 'o', ['p', 'q']);
      expect(got.get('p')).toEqual({
        ...base,
        remark: 'buddy',
        remarkTime: 1_790_000_000_500,
        groups: ['a', 'c'],
        custom: { Tag_SNS_Custom_X: 'x', Tag_SNS_Custom_Y: 2, Tag_SNS_Custom_Z: ['z'] },
      });
      expect(got.get('q')).toEqual(friend('q'));
      await friends().updateFriends(id, 'o', [{ peerId: 'p', addGroups: ['a', 'd'], removeGroups: ['a', 'c'] }]);
      expect((await friends().getFriends(id, 'o', ['p'])).get('p')?.groups).toEqual(['d']);
      await friends().updateFriends(id, 'o', []);
    });

    it('an update of a non-friend is invisible to every read and the count, and a later put is clean', async () => {
      const id = newAppId();
      await friends().putFriends(id, 'o', [friend('real')]);
      await friends().updateFriends(id, 'o', [{ peerId: 'ghost', remark: 'r', addGroups: ['g'], custom: { Tag_SNS_Custom_A: 'a' } }]);
      await friends().putFriends(id, 'o', [friend('deleted')]);
      await friends().deleteFriends(id, 'o', ['deleted']);
      await friends().updateFriends(id, 'o', [{ peerId: 'deleted', remark: 'late' }]);
      expect((await friends().getFriends(id, 'o', ['ghost', 'deleted', 'real'])).size).toBe(1);
      expect(await friends().listFriends(id, 'o', { limit: 1 })).toEqual({ friends: [friend('real')] });
      expect(await friends().countFriends(id, 'o')).toBe(1);
      expect(await friends().usersWithFriend(id, ['o'], 'ghost')).toEqual([]);
      await friends().putFriends(id, 'o', [friend('ghost')]);
      expect((await friends().getFriends(id, 'o', ['ghost'])).get('ghost')).toEqual(friend('ghost'));
    });

    it('usersWithFriend answers the reverse direction in input order, duplicates once', async () => {
      const id = newAppId();
      await friends().putFriends(id, 'u1', [friend('target')]);
      await friends().putFriends(id, 'u3', [friend('target'), friend('other')]);
      await friends().putFriends(id, 'u4', [friend('other')]);
      expect(await friends().usersWithFriend(id, ['u4', 'u3', 'u2', 'u1', 'u3'], 'target')).toEqual(['u3', 'u1']);
      const many = [...Array.from({ length: 998 }, (_, i) => `x${i}`), 'u1', 'u3'];
      expect(await friends().usersWithFriend(id, many, 'target')).toEqual(['u1', 'u3']);
    });

    it('deleteFriends and deleteAllFriends are idempotent and touch only that owner', async () => {
      const id = newAppId();
      await friends().putFriends(id, 'o', ['a', 'b', 'c'].map((p) => friend(p)));
      await friends().putFriends(id, 'other', [friend('a')]);
      await friends().deleteFriends(id, 'o', ['a', 'missing', 'a']);
      await friends().deleteFriends(id, 'o', ['a']);
      await friends().deleteFriends(id, 'o', []);
      expect((await all(id, 'o')).map((f) => f.peerId)).toEqual(['b', 'c']);
      await friends().deleteAllFriends(id, 'o');
      await friends().deleteAllFriends(id, 'o');
      await friends().deleteAllFriends(id, 'never');
      expect(await friends().countFriends(id, 'o')).toBe(0);
      expect(await all(id, 'o')).toEqual([]);
      expect(await friends().countFriends(id, 'other')).toBe(1);
      await friends().putFriends(id, 'o', [friend('again')]);
      expect((await all(id, 'o')).map((f) => f.peerId)).toEqual(['again']);
    });

    it('apps are isolated', async () => {
      const [a, b] = [newAppId(), newAppId()];
      await friends().putFriends(a, 'o', [friend('p')]);
      await friends().putFriends(b, 'o', [friend('q')]);
      await friends().deleteAllFriends(b, 'o');
      expect((await all(a, 'o')).map((f) => f.peerId)).toEqual(['p']);
      expect(await friends().usersWithFriend(b, ['o'], 'p')).toEqual([]);
      expect(await friends().countFriends(b, 'o')).toBe(0);
    });

    it('owners whose ids share a prefix never see each other\'s rows', async () => {
      const id = newAppId();
      const owners = ['u', 'u\u0000', 'u\u0001', 'u ', 'uu', '\u0000'];
      for (const o of owners) await friends().putFriends(id, o, [friend(`of ${o}`), friend('\u0000')]);
      for (const o of owners) {
        expect((await all(id, o)).map((f) => f.peerId)).toEqual(['\u0000', `of ${o}`]);
        expect(await friends().countFriends(id, o)).toBe(2);
      }
      await friends().deleteAllFriends(id, 'u');
      expect(await friends().usersWithFriend(id, owners, '\u0000')).toEqual(owners.slice(1));
    });

    it('returned and passed rows are copies', async () => {
      const id = newAppId();
      const row = friend('p', { groups: ['g'], custom: { Tag_SNS_Custom_L: ['x'] } });
      await friends().putFriends(id, 'o', [row]);
      row.groups.push('mutated');
      (row.custom.Tag_SNS_Custom_L as string[]).push('mutated');
      const got = (await friends().getFriends(id, 'o', ['p'])).get('p')!;
      got.groups.push('x');
      got.custom.Tag_SNS_Custom_New = 1;
      (await all(id, 'o'))[0]!.remark = 'changed';
      expect((await friends().getFriends(id, 'o', ['p'])).get('p')).toEqual(friend('p', { groups: ['g'], custom: { Tag_SNS_Custom_L: ['x'] } }));
    });

    it('refuses malformed rows, updates, pages and batches', async () => {
      const id = newAppId();
      const put = (f: unknown) => friends().putFriends(id, 'o', [f as FriendRecord]);
      await expect(put({ ...friend('p'), peerId: '' })).rejects.toThrow(/userId/);
      await expect(put({ ...friend('p'), remark: 5 })).rejects.toThrow(/remark/);
      await expect(put({ ...friend('p'), groups: 'g' })).rejects.toThrow(/groups/);
      await expect(put({ ...friend('p'), groups: [''] })).rejects.toThrow(/groups/);
      await expect(put({ ...friend('p'), addTime: -1 })).rejects.toThrow(/addTime/);
      await expect(put({ ...friend('p'), remarkTime: 1.5 })).rejects.toThrow(/remarkTime/);
      await expect(put({ ...friend('p'), custom: { 'bad tag': 1 } })).rejects.toThrow(/tag/);
      await expect(put(null)).rejects.toThrow(TypeError);
      await expect(friends().putFriends(id, 'o', Array.from({ length: 1001 }, (_, i) => friend(`p${i}`)))).rejects.toThrow(/at most 1000/);
      await expect(friends().updateFriends(id, 'o', [{ peerId: 'p', addGroups: [3] } as never])).rejects.toThrow(/addGroups/);
      await expect(friends().updateFriends(id, 'o', [{ peerId: 'p', remarkTime: -5 }])).rejects.toThrow(/remarkTime/);
      await expect(friends().listFriends(id, 'o', { limit: 0 })).rejects.toThrow(/limit/);
      await expect(friends().listFriends(id, 'o', { limit: 5001 })).rejects.toThrow(/limit/);
      await expect(friends().listFriends(id, 'o', { limit: 1, after: '' })).rejects.toThrow(/userId/);
      await expect(friends().listFriends(id, 'o', undefined as never)).rejects.toThrow(TypeError);
      await expect(friends().getFriends(id, 'o', Array.from({ length: 1001 }, (_, i) => `p${i}`))).rejects.toThrow(RangeError);
      await expect(friends().usersWithFriend(id, ['a'], '')).rejects.toThrow(/userId/);
      await expect(friends().countFriends(1.5, 'o')).rejects.toThrow(/sdkAppId/);
      await expect(friends().deleteFriends(id, '', ['p'])).rejects.toThrow(/userId/);
      expect(await friends().countFriends(id, 'o')).toBe(0);
    });
  });
}
