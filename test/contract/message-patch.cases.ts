// Message-store contract cases for patch (recall, edit) and retention (per-append TTL).
import { describe, expect, it } from 'vitest';
import { type MessageCaseContext, msg, newConv, seqsOf } from './message-fixtures.js';

export function patchCases(ctx: MessageCaseContext): void {
  const { newAppId, store } = ctx;
  const B = ctx.bucketSize;
  describe('patch', () => {
    it('recall: sets the flag and replaces the body with what the domain passes', async () => {
      const app = newAppId();
      const conv = newConv();
      await store().messages.append(app, conv, msg(B));
      await store().messages.append(app, conv, msg(B + 1));
      const placeholder = [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'recalled' } }];
      const want = { ...msg(B), body: placeholder, flags: { recalled: true, edited: false } };
      expect(await store().messages.patch(app, conv, B, { recalled: true, body: placeholder })).toEqual(want);
      expect(await store().messages.getBySeqs(app, conv, [B, B + 1])).toEqual([want, msg(B + 1)]);
      expect(await store().messages.getByKey(app, conv, msg(B).key)).toEqual(want);
      expect((await store().messages.range(app, conv, { limit: 5, order: 'desc' })).messages).toEqual([msg(B + 1), want]);
    });

    it('edit: replaces body, cloudCustomData and extra; absent fields are kept', async () => {
      const app = newAppId();
      const conv = newConv();
      await store().messages.append(app, conv, msg(2));
      const body = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'edited' } }];
      const edited = await store().messages.patch(app, conv, 2, { edited: true, body, cloudCustomData: 'new', extra: { v: 2 } });
      expect(edited).toEqual({ ...msg(2), body, cloudCustomData: 'new', extra: { v: 2 }, flags: { recalled: false, edited: true } });
      const cleared = await store().messages.patch(app, conv, 2, { cloudCustomData: null });
      expect(cleared).not.toHaveProperty('cloudCustomData');
      expect((await store().messages.getBySeqs(app, conv, [2]))[0]).toStrictEqual(cleared);
      expect(await store().messages.patch(app, conv, 2, { cloudCustomData: '' })).toStrictEqual(cleared);
      expect(await store().messages.patch(app, conv, 2, {})).toStrictEqual(cleared);
    });

    it('patching a missing message changes nothing and answers undefined', async () => {
      const app = newAppId();
      const conv = newConv();
      await store().messages.append(app, conv, msg(1));
      expect(await store().messages.patch(app, conv, 2, { recalled: true })).toBeUndefined();
      expect(await store().messages.patch(newAppId(), conv, 1, { recalled: true })).toBeUndefined();
      expect(seqsOf((await store().messages.range(app, conv, { limit: 5, order: 'asc' })).messages)).toEqual([1]);
      expect(await store().messages.maxSeq(app, conv)).toBe(1);
    });

    it('refuses malformed patches', async () => {
      const app = newAppId();
      const conv = newConv();
      await store().messages.append(app, conv, msg(1));
      await expect(store().messages.patch(app, conv, 1, { recalled: 'yes' as never })).rejects.toThrow(/recalled/);
      await expect(store().messages.patch(app, conv, 1, { body: {} as never })).rejects.toThrow(/body/);
      await expect(store().messages.patch(app, conv, 1, { extra: [] as never })).rejects.toThrow(/extra/);
      await expect(store().messages.patch(app, conv, 1, null as never)).rejects.toThrow(/patch/);
      await expect(store().messages.patch(app, conv, 0, { recalled: true })).rejects.toThrow(/seq/);
      expect((await store().messages.getBySeqs(app, conv, [1]))[0]).toEqual(msg(1));
    });
  });

  describe('retention', () => {
    it('a message appended with a TTL disappears from every read after it; maxSeq stays', async () => {
      const app = newAppId();
      const conv = newConv();
      const ttl = { ttlSec: ctx.shortTtlSec };
      await store().messages.append(app, conv, msg(1));
      await store().messages.append(app, conv, msg(2), ttl);
      await store().messages.append(app, conv, msg(B + 1), ttl);
      expect(seqsOf((await store().messages.range(app, conv, { limit: 5, order: 'asc' })).messages)).toEqual([1, 2, B + 1]);
      // A patch keeps the row's remaining retention.
      expect(await store().messages.patch(app, conv, B + 1, { edited: true })).toBeDefined();
      await ctx.advance(ctx.shortTtlSec + 1.5);
      expect(seqsOf((await store().messages.range(app, conv, { limit: 5, order: 'asc' })).messages)).toEqual([1]);
      expect(seqsOf((await store().messages.range(app, conv, { limit: 5, order: 'desc' })).messages)).toEqual([1]);
      expect(await store().messages.getBySeqs(app, conv, [1, 2, B + 1])).toEqual([msg(1)]);
      expect(await store().messages.getByKey(app, conv, msg(2).key)).toBeUndefined();
      expect(await store().messages.patch(app, conv, 2, { recalled: true })).toBeUndefined();
      expect(await store().messages.maxSeq(app, conv)).toBe(B + 1);
      // Nothing the expired rows left behind resurfaces on later writes.
      await store().messages.append(app, conv, msg(B + 2));
      expect(seqsOf((await store().messages.range(app, conv, { limit: 5, order: 'asc' })).messages)).toEqual([1, B + 2]);
    });
  });
}
