// Message-store contract cases for persistent backends: everything written survives closing the
// store and opening the same data again, and sequences continue where they stopped.
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { type MessageCaseContext, msg, newConv, seqsOf } from './message-fixtures.js';

export function persistenceCases(ctx: MessageCaseContext, reopen: () => Promise<{ store: Store; again: () => Promise<Store> }>): void {
  describe('persistence', () => {
    it('timelines, maxSeq, reservations, hidden sets, conversations and dedup marks survive a reopen', async () => {
      const app = ctx.newAppId();
      const conv = newConv();
      const B = ctx.bucketSize;
      const { store: first, again } = await reopen();
      try {
        expect(await first.seqs.reserve(app, conv, 100)).toEqual({ from: 1, to: 100 });
        for (const s of [1, 2, B + 1]) await first.messages.append(app, conv, msg(s));
        await first.messages.patch(app, conv, 2, { recalled: true, body: [] });
        await first.messages.hide(app, 'bob', conv, [1]);
        await first.conversations.upsert(app, 'bob', conv, { type: 'c2c', peer: 'alice', at: 5, lastSeq: B + 1, lastTime: 77 });
        await first.conversations.setRead(app, 'bob', conv, 2, 6);
        await first.dedup.remember(app, 'import', 'k', { seq: 2 }, 0);
      } finally {
        await first.close();
      }
      const second = await again();
      try {
        // A new owner: maxSeq says where the timeline ends, a fresh block never overlaps the old one.
        expect(await second.messages.maxSeq(app, conv)).toBe(B + 1);
        expect(await second.seqs.current(app, conv)).toBe(100);
        expect(await second.seqs.reserve(app, conv, 100)).toEqual({ from: 101, to: 200 });
        const page = await second.messages.range(app, conv, { limit: 10, order: 'asc' });
        expect(seqsOf(page.messages)).toEqual([1, 2, B + 1]);
        expect(page.messages[1]).toEqual({ ...msg(2), body: [], flags: { recalled: true, edited: false } });
        expect(await second.messages.getByKey(app, conv, msg(B + 1).key)).toEqual(msg(B + 1));
        expect(await second.messages.hidden(app, 'bob', conv, 1, 10)).toEqual([1]);
        expect((await second.conversations.get(app, 'bob', [conv])).get(conv)).toMatchObject({ lastSeq: B + 1, lastTime: 77, readSeq: 2 });
        expect(await second.dedup.remember(app, 'import', 'k', { seq: 3 }, 0)).toEqual({ seq: 2 });
      } finally {
        await second.close();
      }
    });
  });
}
