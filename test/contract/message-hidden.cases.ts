// Message-store contract cases for per-user "delete for oneself" sets (hide / hidden).
import { describe, expect, it } from 'vitest';
import { MAX_HIDDEN_SPAN } from '../../src/store/messages.js';
import { type MessageCaseContext, newConv, range } from './message-fixtures.js';

export function hiddenCases(ctx: MessageCaseContext): void {
  const { newAppId, store } = ctx;
  const B = ctx.bucketSize;
  describe('hidden', () => {
    it('hide records seqs per user and hidden answers a window of them, ascending', async () => {
      const app = newAppId();
      const conv = newConv();
      await store().messages.hide(app, 'alice', conv, [2 * B + 1, 1, B - 1, B]);
      await store().messages.hide(app, 'alice', conv, [B, 3]);
      expect(await store().messages.hidden(app, 'alice', conv, 1, 3 * B)).toEqual([1, 3, B - 1, B, 2 * B + 1]);
      expect(await store().messages.hidden(app, 'alice', conv, 2, B - 1)).toEqual([3, B - 1]);
      expect(await store().messages.hidden(app, 'alice', conv, B, B)).toEqual([B]);
      expect(await store().messages.hidden(app, 'bob', conv, 1, 3 * B)).toEqual([]);
      expect(await store().messages.hidden(app, 'alice', newConv(), 1, 3 * B)).toEqual([]);
      expect(await store().messages.hidden(newAppId(), 'alice', conv, 1, 3 * B)).toEqual([]);
    });

    it('hiding nothing or the same seqs again is harmless', async () => {
      const app = newAppId();
      const conv = newConv();
      await store().messages.hide(app, 'u', conv, []);
      await Promise.all([store().messages.hide(app, 'u', conv, [5, 5, 6]), store().messages.hide(app, 'u', conv, [6, 5])]);
      expect(await store().messages.hidden(app, 'u', conv, 1, 100)).toEqual([5, 6]);
    });

    it('hidden marks written with a TTL expire', async () => {
      const app = newAppId();
      const conv = newConv();
      await store().messages.hide(app, 'u', conv, [1, B + 1], { ttlSec: ctx.shortTtlSec });
      await store().messages.hide(app, 'u', conv, [2]);
      expect(await store().messages.hidden(app, 'u', conv, 1, 2 * B)).toEqual([1, 2, B + 1]);
      await ctx.advance(ctx.shortTtlSec + 1.5);
      expect(await store().messages.hidden(app, 'u', conv, 1, 2 * B)).toEqual([2]);
    });

    it('refuses bad users, seqs and windows', async () => {
      const app = newAppId();
      const conv = newConv();
      await expect(store().messages.hide(app, '', conv, [1])).rejects.toThrow(/userId/);
      await expect(store().messages.hide(app, 'u', conv, [0])).rejects.toThrow(/seqs/);
      await expect(store().messages.hide(app, 'u', conv, range(1, 1001))).rejects.toThrow(/at most/);
      await expect(store().messages.hidden(app, 'u', conv, 5, 4)).rejects.toThrow(/toSeq/);
      await expect(store().messages.hidden(app, 'u', conv, 1, MAX_HIDDEN_SPAN + 1)).rejects.toThrow(/at most/);
      await expect(store().messages.hidden(app, 'u', conv, 0, 4)).rejects.toThrow(/fromSeq/);
    });
  });
}
