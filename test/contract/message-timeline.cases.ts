// Message-store contract cases for append, range, getBySeqs, getByKey and maxSeq, with timelines
// that straddle the bucket boundaries of the backend under test.
import { describe, expect, it } from 'vitest';
import type { RangeQuery, Store, StoredMessage } from '../../src/store/index.js';
import { MAX_APPEND_BATCH, MAX_RANGE_LIMIT, MAX_SEQS_PER_CALL } from '../../src/store/messages.js';
import { bareMsg, type MessageCaseContext, msg, newConv, range, seqsOf } from './message-fixtures.js';

/** Follows `next` until it is absent; checks no page exceeds the limit. */
async function pageAll(s: Store, app: number, conv: string, q: RangeQuery): Promise<StoredMessage[]> {
  const out: StoredMessage[] = [];
  let query: RangeQuery | undefined = q;
  for (let pages = 0; query; pages++) {
    if (pages > 500) throw new Error('range paging did not terminate');
    const page = await s.messages.range(app, conv, query);
    expect(page.messages.length).toBeLessThanOrEqual(q.limit);
    out.push(...page.messages);
    const next: number | undefined = page.next;
    query = next === undefined ? undefined : q.order === 'asc' ? { ...query, fromSeq: next } : { ...query, toSeq: next };
  }
  return out;
}

export function timelineCases(ctx: MessageCaseContext): void {
  const { newAppId, store } = ctx;
  const B = ctx.bucketSize;
  const N = 2 * B + 5;

  /** A conversation holding seqs 1..N, appended out of order. */
  async function filled(app: number): Promise<string> {
    const conv = newConv();
    const order = range(1, N).sort((a, b) => ((a * 7919) % 31) - ((b * 7919) % 31) || a - b);
    await Promise.all(order.map((s) => store().messages.append(app, conv, msg(s))));
    return conv;
  }

  describe('timeline', () => {
    it('an empty conversation has maxSeq 0 and empty ranges', async () => {
      const app = newAppId();
      const conv = newConv();
      expect(await store().messages.maxSeq(app, conv)).toBe(0);
      expect(await store().messages.range(app, conv, { limit: 10, order: 'desc' })).toEqual({ messages: [] });
      expect(await store().messages.range(app, conv, { limit: 10, order: 'asc' })).toEqual({ messages: [] });
      expect(await store().messages.getBySeqs(app, conv, [1, 2])).toEqual([]);
      expect(await store().messages.getByKey(app, conv, 'nope')).toBeUndefined();
    });

    it('range returns every message in seq order across bucket boundaries, both ways', async () => {
      const app = newAppId();
      const conv = await filled(app);
      expect(await store().messages.maxSeq(app, conv)).toBe(N);
      const asc = await store().messages.range(app, conv, { limit: MAX_RANGE_LIMIT, order: 'asc' });
      expect(asc.next).toBeUndefined();
      expect(asc.messages).toEqual(range(1, N).map((s) => msg(s)));
      const desc = await store().messages.range(app, conv, { limit: MAX_RANGE_LIMIT, order: 'desc' });
      expect(desc.next).toBeUndefined();
      expect(seqsOf(desc.messages)).toEqual(range(1, N).reverse());
    });

    it('paging with next visits every message once, in order, both ways', async () => {
      const app = newAppId();
      const conv = await filled(app);
      for (const limit of [1, 4, B, B + 1]) {
        expect(seqsOf(await pageAll(store(), app, conv, { limit, order: 'asc' }))).toEqual(range(1, N));
        expect(seqsOf(await pageAll(store(), app, conv, { limit, order: 'desc' }))).toEqual(range(1, N).reverse());
      }
      const first = await store().messages.range(app, conv, { limit: 3, order: 'desc' });
      expect(seqsOf(first.messages)).toEqual([N, N - 1, N - 2]);
      expect(first.next).toBe(N - 3);
      const up = await store().messages.range(app, conv, { fromSeq: B - 1, limit: 3, order: 'asc' });
      expect(seqsOf(up.messages)).toEqual([B - 1, B, B + 1]);
      expect(up.next).toBe(B + 2);
    });

    it('fromSeq and toSeq bound the range inclusively', async () => {
      const app = newAppId();
      const conv = await filled(app);
      const q = { fromSeq: B - 2, toSeq: B + 2, limit: 100 };
      expect(seqsOf((await store().messages.range(app, conv, { ...q, order: 'asc' })).messages)).toEqual(range(B - 2, B + 2));
      expect(seqsOf((await store().messages.range(app, conv, { ...q, order: 'desc' })).messages)).toEqual(range(B - 2, B + 2).reverse());
      expect(seqsOf(await pageAll(store(), app, conv, { ...q, limit: 2, order: 'asc' }))).toEqual(range(B - 2, B + 2));
      expect(seqsOf(await pageAll(store(), app, conv, { ...q, limit: 2, order: 'desc' }))).toEqual(range(B - 2, B + 2).reverse());
      const pinned = await store().messages.range(app, conv, { fromSeq: B, toSeq: B, limit: 5, order: 'desc' });
      expect(pinned).toEqual({ messages: [msg(B)] });
      expect((await store().messages.range(app, conv, { fromSeq: 9, toSeq: 3, limit: 5, order: 'asc' })).messages).toEqual([]);
      expect((await store().messages.range(app, conv, { fromSeq: N + 1, limit: 5, order: 'asc' })).messages).toEqual([]);
      const beyond = await store().messages.range(app, conv, { fromSeq: N - 1, toSeq: N + 50, limit: 5, order: 'desc' });
      expect(seqsOf(beyond.messages)).toEqual([N, N - 1]);
      expect(beyond.next).toBeUndefined();
    });

    it('range skips missing seqs in sparse timelines', async () => {
      const app = newAppId();
      const conv = newConv('g');
      const present = [1, 2, B + 3, 3 * B + 1];
      for (const s of present) await store().messages.append(app, conv, msg(s));
      expect(seqsOf(await pageAll(store(), app, conv, { limit: 2, order: 'asc' }))).toEqual(present);
      expect(seqsOf(await pageAll(store(), app, conv, { limit: 3, order: 'desc' }))).toEqual([...present].reverse());
      expect(seqsOf((await store().messages.range(app, conv, { fromSeq: 3, toSeq: 3 * B, limit: 10, order: 'asc' })).messages)).toEqual([B + 3]);
    });

    it('getBySeqs returns the stored ones among the asked seqs, ascending, once each', async () => {
      const app = newAppId();
      const conv = await filled(app);
      const got = await store().messages.getBySeqs(app, conv, [N + 3, B, 1, B, 2 * B + 1, 999_999, B - 1]);
      expect(got).toEqual([1, B - 1, B, 2 * B + 1].map((s) => msg(s)));
      expect(await store().messages.getBySeqs(app, conv, [])).toEqual([]);
    });

    it('getByKey finds a message by its MsgKey within its conversation only', async () => {
      const app = newAppId();
      const conv = await filled(app);
      expect(await store().messages.getByKey(app, conv, msg(B + 1).key)).toEqual(msg(B + 1));
      expect(await store().messages.getByKey(app, conv, 'unknown-key')).toBeUndefined();
      // The seq a key names holds another message, or none.
      expect(await store().messages.getByKey(app, conv, `${B + 1}_9_9`)).toBeUndefined();
      expect(await store().messages.getByKey(app, conv, '999999_1_1')).toBeUndefined();
      expect(await store().messages.getByKey(app, newConv(), msg(B + 1).key)).toBeUndefined();
      expect(await store().messages.getByKey(newAppId(), conv, msg(B + 1).key)).toBeUndefined();
    });

    it('round-trips every field; optional ones stay absent; empty cloudCustomData is absent', async () => {
      const app = newAppId();
      const conv = newConv();
      const rich = msg(1, {
        from: '',
        random: 0xffff_ffff,
        clientSeq: 0,
        body: [
          { MsgType: 'TIMTextElem', MsgContent: { Text: '你好 👋 "quoted" \\ \u0000' } },
          { MsgType: 'TIMCustomElem', MsgContent: { Data: '{"a":1}', Desc: '', Ext: null, nested: [[1.5, -2, true, false, {}]] } },
        ],
        flags: { recalled: true, edited: true },
        extra: { receipt: true, list: [1, 'two'], obj: { deep: null } },
      });
      await store().messages.append(app, conv, rich);
      await store().messages.append(app, conv, bareMsg(2));
      await store().messages.append(app, conv, { ...bareMsg(3), cloudCustomData: '' });
      const [one, two, three] = await store().messages.getBySeqs(app, conv, [1, 2, 3]);
      expect(one).toStrictEqual(rich);
      expect(two).toStrictEqual(bareMsg(2));
      expect(three).toStrictEqual(bareMsg(3));
    });

    it('appending the same message again is a no-op', async () => {
      const app = newAppId();
      const conv = newConv();
      await store().messages.append(app, conv, msg(B));
      await store().messages.append(app, conv, msg(B));
      await Promise.all([store().messages.append(app, conv, msg(B)), store().messages.append(app, conv, msg(B))]);
      expect(await store().messages.range(app, conv, { limit: 10, order: 'asc' })).toEqual({ messages: [msg(B)] });
      expect(await store().messages.maxSeq(app, conv)).toBe(B);
      expect(await store().messages.getByKey(app, conv, msg(B).key)).toEqual(msg(B));
    });

    it('appending another message at a taken seq replaces it; the old key stops resolving', async () => {
      const app = newAppId();
      const conv = newConv();
      await store().messages.append(app, conv, msg(4));
      const other = bareMsg(4);
      other.key = '4_77_1790000099';
      other.body = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'second owner' } }];
      await store().messages.append(app, conv, other);
      expect(await store().messages.getBySeqs(app, conv, [4])).toStrictEqual([other]);
      expect(await store().messages.getByKey(app, conv, msg(4).key)).toBeUndefined();
      expect(await store().messages.getByKey(app, conv, '4_77_1790000099')).toStrictEqual(other);
    });

    it('appendMany stores a batch across a bucket boundary like single appends, and raises maxSeq', async () => {
      const app = newAppId();
      const conv = newConv();
      await store().messages.append(app, conv, msg(B - 3));
      const batch = range(B - 2, B + 4).map((s) => msg(s));
      await store().messages.appendMany(app, conv, batch);
      expect(await store().messages.maxSeq(app, conv)).toBe(B + 4);
      expect(seqsOf(await pageAll(store(), app, conv, { limit: 20, order: 'asc' }))).toEqual(range(B - 3, B + 4));
      expect(await store().messages.getByKey(app, conv, msg(B + 1).key)).toEqual(msg(B + 1));
      await store().messages.appendMany(app, conv, []);
      expect(await store().messages.maxSeq(app, conv)).toBe(B + 4);
      // The same batch again is a no-op; a reclaimed seq replaces its row.
      const other = bareMsg(B);
      other.key = `${B}_88_1790000099`;
      await store().messages.appendMany(app, conv, [...batch.filter((m) => m.seq !== B), other]);
      expect(await store().messages.getBySeqs(app, conv, [B - 1, B])).toStrictEqual([msg(B - 1), other]);
      expect(await store().messages.getByKey(app, conv, msg(B).key)).toBeUndefined();
      expect(await store().messages.getByKey(app, conv, other.key)).toStrictEqual(other);
    });

    it('appendMany refuses oversized batches, repeated seqs and malformed messages, storing nothing', async () => {
      const app = newAppId();
      const conv = newConv();
      await expect(store().messages.appendMany(app, conv, range(1, MAX_APPEND_BATCH + 1).map((s) => msg(s)))).rejects.toThrow(/at most/);
      await expect(store().messages.appendMany(app, conv, [msg(1), msg(1)])).rejects.toThrow(/distinct/);
      await expect(store().messages.appendMany(app, conv, [msg(1), { ...msg(2), seq: 0 }])).rejects.toThrow(/seq/);
      await expect(store().messages.appendMany(app, conv, 'x' as never)).rejects.toThrow(/array/);
      expect(await store().messages.maxSeq(app, conv)).toBe(0);
    });

    it('maxSeq is the highest appended seq whatever the order', async () => {
      const app = newAppId();
      const conv = newConv();
      await store().messages.append(app, conv, msg(3 * B + 2));
      await store().messages.append(app, conv, msg(5));
      await Promise.all([6, 7, 2 * B, 8].map((s) => store().messages.append(app, conv, msg(s))));
      expect(await store().messages.maxSeq(app, conv)).toBe(3 * B + 2);
    });

    it('keeps apps and conversations apart', async () => {
      const [a1, a2] = [newAppId(), newAppId()];
      const conv = newConv();
      await store().messages.append(a1, conv, msg(1));
      await store().messages.append(a2, conv, msg(2, { from: 'mallory' }));
      await store().messages.append(a1, `${conv}:x`, msg(7));
      expect(await store().messages.range(a1, conv, { limit: 10, order: 'asc' })).toEqual({ messages: [msg(1)] });
      expect(await store().messages.range(a2, conv, { limit: 10, order: 'asc' })).toEqual({ messages: [msg(2, { from: 'mallory' })] });
      expect(await store().messages.maxSeq(a1, conv)).toBe(1);
      expect(await store().messages.maxSeq(a1, `${conv}:x`)).toBe(7);
      expect(await store().messages.getByKey(a2, conv, msg(1).key)).toBeUndefined();
    });

    it('hands out copies: changing a result changes nothing stored', async () => {
      const app = newAppId();
      const conv = newConv();
      const m = msg(1);
      await store().messages.append(app, conv, m);
      m.body.push('mutated');
      m.flags.recalled = true;
      const [got] = await store().messages.getBySeqs(app, conv, [1]);
      expect(got).toEqual(msg(1));
      got!.extra.n = 99;
      (got!.body[0] as { MsgType: string }).MsgType = 'X';
      expect((await store().messages.range(app, conv, { limit: 1, order: 'asc' })).messages[0]).toEqual(msg(1));
    });

    it('refuses malformed messages and queries with clear errors', async () => {
      const app = newAppId();
      const conv = newConv();
      const bad: [Partial<StoredMessage> | Record<string, unknown>, RegExp][] = [
        [{ seq: 0 }, /seq/],
        [{ seq: 1.5 }, /seq/],
        [{ key: '' }, /key/],
        [{ key: 'k'.repeat(129) }, /key/],
        // A key names its seq: lookups read at that seq.
        [{ key: '2_1001_1790000000' }, /key must start with its seq \(1_\)/],
        [{ key: 'k1' }, /key must start with its seq/],
        [{ key: '01_1001_1790000000' }, /key must start with its seq/],
        [{ from: 'x'.repeat(33) }, /from/],
        [{ to: '' }, /to/],
        [{ time: -1 }, /time/],
        [{ random: 2 ** 32 }, /random/],
        [{ random: -1 }, /random/],
        [{ clientSeq: -1 }, /clientSeq/],
        [{ body: 'text' }, /body/],
        [{ body: [{ n: NaN }] }, /non-finite/],
        [{ body: [new Date(0)] }, /JSON/],
        [{ body: [undefined] }, /JSON/],
        [{ body: [{ big: 'x'.repeat(70_000) }] }, /body/],
        [{ extra: [] }, /extra/],
        [{ flags: undefined }, /flags/],
        [{ flags: { recalled: 1, edited: false } }, /recalled/],
        [{ cloudCustomData: 5 }, /cloudCustomData/],
        [{ cloudCustomData: 'bad \ud800 surrogate' }, /surrogate/],
      ];
      for (const [over, err] of bad) {
        await expect(store().messages.append(app, conv, { ...msg(1), ...over } as StoredMessage), JSON.stringify(Object.keys(over))).rejects.toThrow(err);
      }
      await expect(store().messages.append(app, conv, null as never)).rejects.toThrow(/message/);
      await expect(store().messages.append(app, conv, msg(1), { ttlSec: -5 })).rejects.toThrow(/ttlSec/);
      await expect(store().messages.range(app, conv, { limit: 0, order: 'asc' })).rejects.toThrow(/limit/);
      await expect(store().messages.range(app, conv, { limit: MAX_RANGE_LIMIT + 1, order: 'asc' })).rejects.toThrow(/limit/);
      await expect(store().messages.range(app, conv, { limit: 5, order: 'up' as never })).rejects.toThrow(/order/);
      await expect(store().messages.range(app, conv, { fromSeq: 0, limit: 5, order: 'asc' })).rejects.toThrow(/fromSeq/);
      await expect(store().messages.getBySeqs(app, conv, range(1, MAX_SEQS_PER_CALL + 1))).rejects.toThrow(/at most/);
      await expect(store().messages.getBySeqs(app, conv, 'x' as never)).rejects.toThrow(/array/);
      await expect(store().messages.getBySeqs(app, conv, [1, -2])).rejects.toThrow(/seqs/);
      await expect(store().messages.getByKey(app, conv, '')).rejects.toThrow(/key/);
      await expect(store().messages.maxSeq(-1, conv)).rejects.toThrow(/sdkAppId/);
      expect(await store().messages.maxSeq(app, conv)).toBe(0);
    });
  });
}
