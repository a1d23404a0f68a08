// Social store contract cases for SocialChangeStore; run by socialStoreContract (social-store.contract.ts).
import { describe, expect, it } from 'vitest';
import { change, changes, type SocialCaseContext } from './social-fixtures.js';

export function changeCases({ store, newAppId }: SocialCaseContext): void {
  const log = () => store().socialChanges;

  describe('social change log', () => {
    it('a user without changes has maxSeq 0 and nothing to read', async () => {
      const id = newAppId();
      expect(await log().maxSeq(id, 'u')).toBe(0);
      expect(await log().changesSince(id, 'u', 0, 10)).toEqual([]);
    });

    it('reads ascending after a seq, up to the limit, with exact and last pages', async () => {
      const id = newAppId();
      await log().appendChanges(id, 'u', changes(1, 3));
      await log().appendChanges(id, 'u', changes(4, 5));
      expect(await log().changesSince(id, 'u', 0, 10)).toEqual(changes(1, 5));
      expect(await log().changesSince(id, 'u', 2, 2)).toEqual(changes(3, 4));
      expect(await log().changesSince(id, 'u', 0, 5)).toEqual(changes(1, 5));
      expect(await log().changesSince(id, 'u', 4, 5)).toEqual([change(5)]);
      expect(await log().changesSince(id, 'u', 5, 5)).toEqual([]);
      expect(await log().changesSince(id, 'u', 99, 5)).toEqual([]);
      expect(await log().maxSeq(id, 'u')).toBe(5);
    });

    it('reads across storage buckets without gaps', async () => {
      const id = newAppId();
      for (let from = 1; from <= 2100; from += 100) await log().appendChanges(id, 'u', changes(from, from + 99));
      expect(await log().maxSeq(id, 'u')).toBe(2100);
      const first = await log().changesSince(id, 'u', 0, 1000);
      expect(first.map((c) => c.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
      expect((await log().changesSince(id, 'u', 995, 10)).map((c) => c.seq)).toEqual(Array.from({ length: 10 }, (_, i) => 996 + i));
      expect((await log().changesSince(id, 'u', 998, 1000)).map((c) => c.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => 999 + i));
      expect((await log().changesSince(id, 'u', 1999, 1000)).map((c) => c.seq)).toEqual(Array.from({ length: 101 }, (_, i) => 2000 + i));
      expect(await log().changesSince(id, 'u', 2099, 1000)).toEqual([change(2100)]);
    });

    it('re-appending a seq replaces it, and maxSeq never steps back', async () => {
      const id = newAppId();
      await log().appendChanges(id, 'u', changes(1, 3));
      await log().appendChanges(id, 'u', [change(2, { kind: 'friend_deleted', data: { retried: true } })]);
      expect(await log().changesSince(id, 'u', 0, 10)).toEqual([change(1), change(2, { kind: 'friend_deleted', data: { retried: true } }), change(3)]);
      expect(await log().maxSeq(id, 'u')).toBe(3);
    });

    it('keeps any JSON payload as given', async () => {
      const id = newAppId();
      const data = { peers: ['a', 'b'], n: 1.5, ok: false, none: null, nested: { deep: [{ x: '😀' }] } };
      await log().appendChanges(id, 'u', [change(1, { data }), change(2, { data: 'text' }), change(3, { data: null }), change(4, { data: [] })]);
      expect((await log().changesSince(id, 'u', 0, 10)).map((c) => c.data)).toEqual([data, 'text', null, []]);
    });

    it('apps and users are isolated', async () => {
      const [a, b] = [newAppId(), newAppId()];
      await log().appendChanges(a, 'u', changes(1, 4));
      await log().appendChanges(b, 'u', [change(1, { kind: 'other' })]);
      await log().appendChanges(a, 'v', changes(1, 2));
      expect((await log().changesSince(a, 'u', 0, 10)).map((c) => c.seq)).toEqual([1, 2, 3, 4]);
      expect(await log().changesSince(b, 'u', 0, 10)).toEqual([change(1, { kind: 'other' })]);
      expect(await log().maxSeq(a, 'v')).toBe(2);
      expect(await log().maxSeq(b, 'v')).toBe(0);
    });

    it('returned and passed changes are copies', async () => {
      const id = newAppId();
      const c = change(1, { data: { list: ['x'] } });
      await log().appendChanges(id, 'u', [c]);
      (c.data as { list: string[] }).list.push('mutated');
      const got = await log().changesSince(id, 'u', 0, 1);
      (got[0]!.data as { list: string[] }).list.push('also');
      expect(await log().changesSince(id, 'u', 0, 1)).toEqual([change(1, { data: { list: ['x'] } })]);
    });

    it('refuses malformed appends and reads', async () => {
      const id = newAppId();
      const append = (cs: unknown) => log().appendChanges(id, 'u', cs as never);
      await expect(append([])).rejects.toThrow(/1\.\.100/);
      await expect(append(changes(1, 101))).rejects.toThrow(/1\.\.100/);
      await expect(append([change(1), change(3)])).rejects.toThrow(/consecutive/);
      await expect(append([change(2), change(1)])).rejects.toThrow(/consecutive/);
      await expect(append([change(0)])).rejects.toThrow(/seq/);
      await expect(append([change(1.5)])).rejects.toThrow(/seq/);
      await expect(append([change(1, { kind: '' })])).rejects.toThrow(/kind/);
      await expect(append([change(1, { kind: 'has space' })])).rejects.toThrow(/kind/);
      await expect(append([change(1, { time: -1 })])).rejects.toThrow(/time/);
      await expect(append([change(1, { data: { when: new Date() } as never })])).rejects.toThrow(TypeError);
      await expect(append([change(1, { data: { f: undefined } as never })])).rejects.toThrow(TypeError);
      await expect(append([change(1, { data: Number.POSITIVE_INFINITY })])).rejects.toThrow(/finite/);
      await expect(append([change(1, { data: 'x'.repeat(2100) })])).rejects.toThrow(/2048/);
      await expect(log().changesSince(id, 'u', -1, 1)).rejects.toThrow(/afterSeq/);
      await expect(log().changesSince(id, 'u', 0, 0)).rejects.toThrow(/limit/);
      await expect(log().changesSince(id, 'u', 0, 1001)).rejects.toThrow(/limit/);
      await expect(log().maxSeq(id, '')).rejects.toThrow(/userId/);
      expect(await log().maxSeq(id, 'u')).toBe(0);
    });
  });
}
