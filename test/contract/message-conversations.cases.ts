// Message-store contract cases for ConversationStore (recent contacts).
import { describe, expect, it } from 'vitest';
import type { ConversationRecord, ConversationUpsert, Store } from '../../src/store/index.js';
import { MAX_CONVERSATION_PAGE, MAX_CONVERSATIONS_PER_GET } from '../../src/store/conversations.js';
import { type MessageCaseContext, newConv } from './message-fixtures.js';

const c2c = (peer: string, over: Partial<ConversationUpsert> = {}): ConversationUpsert => ({ type: 'c2c', peer, at: 1_790_000_000_000, ...over });

const blank = (convId: string, type: 'c2c' | 'group', peer: string): ConversationRecord => ({
  convId,
  type,
  peer,
  lastSeq: 0,
  lastTime: 0,
  lastMsg: null,
  readSeq: 0,
  noUnreadSeqs: [],
  pinned: false,
  pinnedAt: 0,
  deleted: false,
  deletedAt: 0,
  updatedAt: 0,
});

async function one(s: Store, app: number, owner: string, conv: string): Promise<ConversationRecord | undefined> {
  return (await s.conversations.get(app, owner, [conv])).get(conv);
}

export function conversationCases(ctx: MessageCaseContext): void {
  const { newAppId, store } = ctx;
  describe('conversations', () => {
    it('upsert creates a row; absent fields keep their values on later upserts', async () => {
      const app = newAppId();
      const conv = newConv();
      expect(await one(store(), app, 'alice', conv)).toBeUndefined();
      await store().conversations.upsert(app, 'alice', conv, c2c('bob', { at: 5 }));
      expect(await one(store(), app, 'alice', conv)).toEqual({ ...blank(conv, 'c2c', 'bob'), updatedAt: 5 });
      const summary = { from: 'bob', text: '你好', elems: [{ t: 1 }] };
      await store().conversations.upsert(app, 'alice', conv, c2c('bob', { at: 6, lastSeq: 3, lastTime: 1_790_000_003, lastMsg: summary }));
      await store().conversations.upsert(app, 'alice', conv, c2c('bob', { at: 7, lastSeq: 4 }));
      expect(await one(store(), app, 'alice', conv)).toEqual({
        ...blank(conv, 'c2c', 'bob'),
        lastSeq: 4,
        lastTime: 1_790_000_003,
        lastMsg: summary,
        updatedAt: 7,
      });
      await store().conversations.upsert(app, 'alice', conv, c2c('bob', { at: 8, lastMsg: null }));
      expect((await one(store(), app, 'alice', conv))?.lastMsg).toBeNull();
    });

    it('get answers a batch, leaving out unknown ids, other owners and other apps', async () => {
      const app = newAppId();
      const [c1, c2] = [newConv(), newConv('g')];
      await store().conversations.upsert(app, 'alice', c1, c2c('bob'));
      await store().conversations.upsert(app, 'alice', c2, { type: 'group', peer: '@TGS#1', at: 9, lastSeq: 40 });
      await store().conversations.upsert(app, 'carol', c1, c2c('dave'));
      const got = await store().conversations.get(app, 'alice', [c2, 'missing', c1, c2]);
      expect([...got.keys()].sort()).toEqual([c1, c2].sort());
      expect(got.get(c2)).toEqual({ ...blank(c2, 'group', '@TGS#1'), lastSeq: 40, updatedAt: 9 });
      expect((await store().conversations.get(app, 'bob', [c1])).size).toBe(0);
      expect((await store().conversations.get(newAppId(), 'alice', [c1])).size).toBe(0);
      expect((await store().conversations.get(app, 'alice', [])).size).toBe(0);
    });

    it('list orders by lastTime desc then convId, pages with a cursor, and hides deleted rows', async () => {
      const app = newAppId();
      const times = [50, 10, 30, 30, 40, 20, 30];
      const convs = times.map((_, i) => `c2c:p${i}`);
      await Promise.all(convs.map((c, i) => store().conversations.upsert(app, 'o', c, c2c(`p${i}`, { lastTime: times[i]!, lastSeq: i + 1 }))));
      await store().conversations.upsert(app, 'o', convs[4]!, c2c('p4', { deleted: true, at: 77 }));
      const want = ['c2c:p0', 'c2c:p2', 'c2c:p3', 'c2c:p6', 'c2c:p5', 'c2c:p1'];
      const all = await store().conversations.list(app, 'o', { limit: 100 });
      expect(all.items.map((r) => r.convId)).toEqual(want);
      expect(all.next).toBeUndefined();
      const seen: string[] = [];
      let page = await store().conversations.list(app, 'o', { limit: 2 });
      for (;;) {
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((r) => r.convId));
        if (!page.next) break;
        page = await store().conversations.list(app, 'o', { limit: 2, after: page.next });
      }
      expect(seen).toEqual(want);
      const withDeleted = await store().conversations.list(app, 'o', { limit: 100, includeDeleted: true });
      expect(withDeleted.items.map((r) => r.convId)).toEqual(['c2c:p0', 'c2c:p4', ...want.slice(1)]);
      expect(withDeleted.items[1]).toMatchObject({ deleted: true, deletedAt: 77, updatedAt: 77, lastTime: 40 });
      expect((await store().conversations.list(app, 'nobody', { limit: 5 })).items).toEqual([]);
    });

    it('a deleted conversation comes back when upserted with deleted: false, keeping deletedAt', async () => {
      const app = newAppId();
      const conv = newConv();
      await store().conversations.upsert(app, 'o', conv, c2c('p', { lastSeq: 2, deleted: true, at: 10 }));
      await store().conversations.upsert(app, 'o', conv, c2c('p', { lastSeq: 3, deleted: false, at: 11 }));
      expect(await one(store(), app, 'o', conv)).toMatchObject({ deleted: false, deletedAt: 10, lastSeq: 3, updatedAt: 11 });
      expect((await store().conversations.list(app, 'o', { limit: 5 })).items.map((r) => r.convId)).toEqual([conv]);
    });

    it('setRead only ever raises readSeq, also under concurrent calls from two handles', async () => {
      const app = newAppId();
      const conv = newConv();
      const peer = await ctx.peer();
      await store().conversations.upsert(app, 'o', conv, c2c('p', { lastSeq: 100 }));
      await store().conversations.setRead(app, 'o', conv, 40, 20);
      await store().conversations.setRead(app, 'o', conv, 30, 21);
      expect(await one(store(), app, 'o', conv)).toMatchObject({ readSeq: 40, updatedAt: 21 });
      await Promise.all([55, 90, 12, 60, 89, 3, 0].map((s, i) => (i % 2 ? peer : store()).conversations.setRead(app, 'o', conv, s, 30 + i)));
      expect((await one(store(), app, 'o', conv))?.readSeq).toBe(90);
      expect((await one(peer, app, 'o', conv))?.readSeq).toBe(90);
    });

    it('a read position set before the row exists shows once it is upserted', async () => {
      const app = newAppId();
      const conv = newConv();
      await store().conversations.setRead(app, 'o', conv, 7, 1);
      await store().conversations.setPinned(app, 'o', conv, true, 2);
      expect(await one(store(), app, 'o', conv)).toBeUndefined();
      expect((await store().conversations.list(app, 'o', { limit: 5, includeDeleted: true })).items).toEqual([]);
      await store().conversations.upsert(app, 'o', conv, c2c('p', { lastSeq: 9, at: 3 }));
      expect(await one(store(), app, 'o', conv)).toEqual({ ...blank(conv, 'c2c', 'p'), lastSeq: 9, readSeq: 7, pinned: true, pinnedAt: 2, updatedAt: 3 });
    });

    it('setPinned sets and clears the pin with its time', async () => {
      const app = newAppId();
      const conv = newConv();
      await store().conversations.upsert(app, 'o', conv, c2c('p'));
      await store().conversations.setPinned(app, 'o', conv, true, 1_790_000_000_500);
      expect(await one(store(), app, 'o', conv)).toMatchObject({ pinned: true, pinnedAt: 1_790_000_000_500, updatedAt: 1_790_000_000_500 });
      await store().conversations.setPinned(app, 'o', conv, false, 1_790_000_000_600);
      expect(await one(store(), app, 'o', conv)).toMatchObject({ pinned: false, pinnedAt: 0, updatedAt: 1_790_000_000_600 });
    });

    it('remove deletes rows for good but keeps the read position', async () => {
      const app = newAppId();
      const [c1, c2] = [newConv(), newConv()];
      await store().conversations.upsert(app, 'o', c1, c2c('p', { lastSeq: 5, lastMsg: 'x' }));
      await store().conversations.upsert(app, 'o', c2, c2c('q', { lastSeq: 6 }));
      await store().conversations.setRead(app, 'o', c1, 4, 9);
      await store().conversations.setPinned(app, 'o', c1, true, 9);
      await store().conversations.remove(app, 'o', [c1, 'c2c:never-existed']);
      await store().conversations.remove(app, 'o', [c1]);
      await store().conversations.remove(app, 'o', []);
      expect([...(await store().conversations.get(app, 'o', [c1, c2])).keys()]).toEqual([c2]);
      await store().conversations.upsert(app, 'o', c1, c2c('p', { lastSeq: 8, at: 10 }));
      expect(await one(store(), app, 'o', c1)).toEqual({ ...blank(c1, 'c2c', 'p'), lastSeq: 8, readSeq: 4, updatedAt: 10 });
    });

    it('noUnreadSeqs lists NoUnread seqs above readSeq; reading past them drops them', async () => {
      const app = newAppId();
      const conv = newConv();
      await store().conversations.setRead(app, 'o', conv, 2, 1);
      for (const s of [3, 5, 8]) await store().conversations.upsert(app, 'o', conv, c2c('p', { lastSeq: s, noUnreadSeq: s }));
      await store().conversations.upsert(app, 'o', conv, c2c('p', { noUnreadSeq: 1 }));
      await store().conversations.upsert(app, 'o', conv, c2c('p', { lastSeq: 9, noUnreadSeq: 5 }));
      expect(await one(store(), app, 'o', conv)).toMatchObject({ lastSeq: 9, readSeq: 2, noUnreadSeqs: [3, 5, 8] });
      await store().conversations.setRead(app, 'o', conv, 5, 2);
      expect((await one(store(), app, 'o', conv))?.noUnreadSeqs).toEqual([8]);
      await store().conversations.setRead(app, 'o', conv, 9, 3);
      expect((await one(store(), app, 'o', conv))?.noUnreadSeqs).toEqual([]);
    });

    it('NoUnread entries written with a TTL are forgotten after it', async () => {
      const app = newAppId();
      const conv = newConv();
      await store().conversations.upsert(app, 'o', conv, c2c('p', { lastSeq: 4, noUnreadSeq: 4, noUnreadTtlSec: ctx.shortTtlSec }));
      await store().conversations.upsert(app, 'o', conv, c2c('p', { lastSeq: 6, noUnreadSeq: 6 }));
      expect((await one(store(), app, 'o', conv))?.noUnreadSeqs).toEqual([4, 6]);
      await ctx.advance(ctx.shortTtlSec + 1.5);
      expect(await one(store(), app, 'o', conv)).toMatchObject({ lastSeq: 6, noUnreadSeqs: [6] });
    });

    it('refuses malformed calls', async () => {
      const app = newAppId();
      const conv = newConv();
      await expect(store().conversations.upsert(app, 'o', conv, c2c('p', { type: 'dm' as never }))).rejects.toThrow(/type/);
      await expect(store().conversations.upsert(app, 'o', conv, c2c(''))).rejects.toThrow(/peer/);
      await expect(store().conversations.upsert(app, 'o', conv, c2c('p', { at: -1 }))).rejects.toThrow(/at/);
      await expect(store().conversations.upsert(app, 'o', conv, c2c('p', { lastSeq: 1.5 }))).rejects.toThrow(/lastSeq/);
      await expect(store().conversations.upsert(app, 'o', conv, c2c('p', { lastMsg: { f: () => 1 } as never }))).rejects.toThrow(/lastMsg/);
      await expect(store().conversations.upsert(app, 'o', conv, c2c('p', { noUnreadSeq: 0 }))).rejects.toThrow(/noUnreadSeq/);
      await expect(store().conversations.upsert(app, 'o', conv, c2c('p', { deleted: 'no' as never }))).rejects.toThrow(/deleted/);
      await expect(store().conversations.upsert(app, '', conv, c2c('p'))).rejects.toThrow(/userId/);
      await expect(store().conversations.setRead(app, 'o', conv, -1, 1)).rejects.toThrow(/readSeq/);
      await expect(store().conversations.setPinned(app, 'o', conv, 1 as never, 1)).rejects.toThrow(/pinned/);
      await expect(store().conversations.get(app, 'o', Array.from({ length: MAX_CONVERSATIONS_PER_GET + 1 }, (_, i) => `c${i}`))).rejects.toThrow(/at most/);
      await expect(store().conversations.list(app, 'o', { limit: MAX_CONVERSATION_PAGE + 1 })).rejects.toThrow(/limit/);
      await expect(store().conversations.list(app, 'o', { limit: 5, after: { lastTime: 'x' as never, convId: 'c' } })).rejects.toThrow(/lastTime/);
      await expect(store().conversations.remove(app, 'o', 'c' as never)).rejects.toThrow(/array/);
      expect(await one(store(), app, 'o', conv)).toBeUndefined();
    });
  });
}
