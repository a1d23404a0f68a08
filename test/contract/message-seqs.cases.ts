// Message-store contract cases for SeqStore: blocks never overlap, also from two handles at once.
import { describe, expect, it } from 'vitest';
import { MAX_SEQ_BLOCK } from '../../src/store/seqs.js';
import { type MessageCaseContext, newConv, range } from './message-fixtures.js';

export function seqCases(ctx: MessageCaseContext): void {
  const { newAppId, store } = ctx;
  describe('seqs', () => {
    it('current is 0 before any reservation', async () => {
      expect(await store().seqs.current(newAppId(), newConv())).toBe(0);
    });

    it('blocks follow each other from 1 and current reports the highest reserved', async () => {
      const app = newAppId();
      const conv = newConv();
      expect(await store().seqs.reserve(app, conv, 100)).toEqual({ from: 1, to: 100 });
      expect(await store().seqs.reserve(app, conv, 1)).toEqual({ from: 101, to: 101 });
      expect(await store().seqs.reserve(app, conv, 50)).toEqual({ from: 102, to: 151 });
      expect(await store().seqs.current(app, conv)).toBe(151);
    });

    it('conversations and apps have independent sequences', async () => {
      const [a1, a2] = [newAppId(), newAppId()];
      const [c1, c2] = [newConv(), newConv('g')];
      await store().seqs.reserve(a1, c1, 10);
      expect(await store().seqs.reserve(a1, c2, 5)).toEqual({ from: 1, to: 5 });
      expect(await store().seqs.reserve(a2, c1, 3)).toEqual({ from: 1, to: 3 });
      expect(await store().seqs.current(a1, c1)).toBe(10);
      expect(await store().seqs.current(a2, c2)).toBe(0);
    });

    it('concurrent reserves from two handles get disjoint blocks that tile the range', async () => {
      const app = newAppId();
      const conv = newConv();
      const peer = await ctx.peer();
      const sizes = [7, 1, 30, 2, 11, 5, 3, 19, 4, 8, 13, 6];
      const blocks = await Promise.all(sizes.map((n, i) => (i % 2 === 0 ? store() : peer).seqs.reserve(app, conv, n)));
      blocks.forEach((b, i) => expect(b.to - b.from + 1).toBe(sizes[i]));
      const all = blocks.flatMap((b) => range(b.from, b.to)).sort((x, y) => x - y);
      const total = sizes.reduce((x, y) => x + y, 0);
      expect(all).toEqual(range(1, total));
      expect(await store().seqs.current(app, conv)).toBe(total);
      expect(await peer.seqs.current(app, conv)).toBe(total);
    });

    it('refuses bad counts and keys', async () => {
      const app = newAppId();
      for (const n of [0, -1, 1.5, MAX_SEQ_BLOCK + 1, '3' as never]) {
        await expect(store().seqs.reserve(app, newConv(), n)).rejects.toThrow(/count/);
      }
      await expect(store().seqs.reserve(app, '', 1)).rejects.toThrow(/convId/);
      await expect(store().seqs.reserve(app, 'x'.repeat(161), 1)).rejects.toThrow(/convId/);
      await expect(store().seqs.reserve(0, newConv(), 1)).rejects.toThrow(/sdkAppId/);
      await expect(store().seqs.current(app, 5 as never)).rejects.toThrow(/convId/);
      expect(await store().seqs.reserve(app, newConv(), MAX_SEQ_BLOCK)).toEqual({ from: 1, to: MAX_SEQ_BLOCK });
    });
  });
}
