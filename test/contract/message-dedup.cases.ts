// Message-store contract cases for DedupStore: first write wins, marks expire, scopes are apart.
import { describe, expect, it } from 'vitest';
import { MAX_DEDUP_KEY_BYTES } from '../../src/store/dedup.js';
import type { MessageCaseContext } from './message-fixtures.js';

export function dedupCases(ctx: MessageCaseContext): void {
  const { newAppId, store } = ctx;
  const first = { seq: 7, key: '7_99_1790000000', time: 1_790_000_000, list: [1, 'two', null], ok: true };
  describe('dedup', () => {
    it('the first remember wins; later ones get its value back and change nothing', async () => {
      const app = newAppId();
      expect(await store().dedup.get(app, 'c2c', 'k1')).toBeUndefined();
      expect(await store().dedup.remember(app, 'c2c', 'k1', first, 120)).toBeUndefined();
      expect(await store().dedup.remember(app, 'c2c', 'k1', { seq: 8 }, 120)).toEqual(first);
      expect(await store().dedup.get(app, 'c2c', 'k1')).toEqual(first);
    });

    it('concurrent remembers of one key from two handles: exactly one wins and all see its value', async () => {
      const app = newAppId();
      const peer = await ctx.peer();
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? peer : store()).dedup.remember(app, 'group', 'race', i, 300)));
      const winners = results.map((r, i) => (r === undefined ? i : -1)).filter((i) => i >= 0);
      expect(winners).toHaveLength(1);
      for (const r of results) if (r !== undefined) expect(r).toBe(winners[0]);
      expect(await peer.dedup.get(app, 'group', 'race')).toBe(winners[0]);
    });

    it('a mark expires after its TTL and the key can be remembered again; TTL 0 keeps it', async () => {
      const app = newAppId();
      expect(await store().dedup.remember(app, 'c2c', 'short', 'a', ctx.shortTtlSec)).toBeUndefined();
      expect(await store().dedup.remember(app, 'import', 'forever', 'f', 0)).toBeUndefined();
      expect(await store().dedup.get(app, 'c2c', 'short')).toBe('a');
      await ctx.advance(ctx.shortTtlSec + 1.5);
      expect(await store().dedup.get(app, 'c2c', 'short')).toBeUndefined();
      expect(await store().dedup.remember(app, 'c2c', 'short', 'b', ctx.shortTtlSec)).toBeUndefined();
      expect(await store().dedup.get(app, 'c2c', 'short')).toBe('b');
      expect(await store().dedup.remember(app, 'import', 'forever', 'g', 0)).toBe('f');
    });

    it('apps and scopes never share marks', async () => {
      const [a1, a2] = [newAppId(), newAppId()];
      await store().dedup.remember(a1, 'c2c', 'same', 1, 60);
      expect(await store().dedup.remember(a2, 'c2c', 'same', 2, 60)).toBeUndefined();
      expect(await store().dedup.remember(a1, 'group', 'same', 3, 60)).toBeUndefined();
      expect(await store().dedup.get(a1, 'c2c', 'same')).toBe(1);
      expect(await store().dedup.get(a2, 'c2c', 'same')).toBe(2);
      expect(await store().dedup.get(a1, 'group', 'same')).toBe(3);
    });

    it('hands out copies of stored values', async () => {
      const app = newAppId();
      const v = { nested: { n: 1 } };
      await store().dedup.remember(app, 'c2c', 'copy', v, 60);
      v.nested.n = 2;
      const got = (await store().dedup.get(app, 'c2c', 'copy')) as typeof v;
      expect(got).toEqual({ nested: { n: 1 } });
      got.nested.n = 3;
      expect(await store().dedup.remember(app, 'c2c', 'copy', 0, 60)).toEqual({ nested: { n: 1 } });
    });

    it('refuses bad scopes, keys, values and TTLs', async () => {
      const app = newAppId();
      await expect(store().dedup.remember(app, 'C2C', 'k', 1, 1)).rejects.toThrow(/scope/);
      await expect(store().dedup.remember(app, '', 'k', 1, 1)).rejects.toThrow(/scope/);
      await expect(store().dedup.remember(app, 'c2c', '', 1, 1)).rejects.toThrow(/key/);
      await expect(store().dedup.remember(app, 'c2c', 'k'.repeat(MAX_DEDUP_KEY_BYTES + 1), 1, 1)).rejects.toThrow(/key/);
      await expect(store().dedup.remember(app, 'c2c', 'k', undefined as never, 1)).rejects.toThrow(/dedup value/);
      await expect(store().dedup.remember(app, 'c2c', 'k', 'x'.repeat(5000), 1)).rejects.toThrow(/dedup value/);
      await expect(store().dedup.remember(app, 'c2c', 'k', 1, -1)).rejects.toThrow(/ttlSec/);
      await expect(store().dedup.remember(app, 'c2c', 'k', 1, 0.5)).rejects.toThrow(/ttlSec/);
      await expect(store().dedup.get(app, 'c2c', 7 as never)).rejects.toThrow(/key/);
      expect(await store().dedup.get(app, 'c2c', 'k')).toBeUndefined();
    });
  });
}
