// The one contract suite for the NoSpeakingStore port (src/store/no-speaking.ts), run against
// memory and LMDB from test/unit/store and Cassandra from test/integration. Every case uses a
// fresh random sdkAppId, so persistent backends work unchanged. `peer` opens a second handle on
// the same backend (memory: the same store), to show a write is visible to another handle.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { MAX_NO_SPEAKING_BATCH, NO_SPEAKING_FOREVER } from '../../src/store/no-speaking.js';

export interface NoSpeakingContractOptions {
  open: () => Promise<Store>;
  peer: (first: Store) => Promise<Store>;
  cleanup?: () => Promise<void>;
}

export function noSpeakingContract(name: string, opts: NoSpeakingContractOptions): void {
  describe(`no-speaking store contract: ${name}`, () => {
    let store: Store | undefined;
    const others: Store[] = [];
    beforeAll(async () => {
      store = await opts.open();
    });
    afterAll(async () => {
      for (const p of others) if (p !== store) await p.close();
      await store?.close();
      await opts.cleanup?.();
    });
    const s = () => {
      if (!store) throw new Error(`no-speaking contract ${name}: open() did not produce a store`);
      return store.noSpeaking;
    };
    let appSeq = 0;
    const base = 1_000_000 + (randomBytes(4).readUInt32BE(0) % 3_000_000_000);
    const newApp = () => base + ++appSeq * 13;

    it('reads 0/0 for a user never set, and getMany leaves such users out', async () => {
      const app = newApp();
      expect(await s().get(app, 'nobody')).toEqual({ c2cUntil: 0, groupUntil: 0 });
      expect(await s().getMany(app, ['nobody', 'other'])).toEqual(new Map());
      expect(await s().getMany(app, [])).toEqual(new Map());
    });

    it('set writes only the given deadline and keeps the other', async () => {
      const app = newApp();
      await s().set(app, 'u', { c2cUntil: 1_800_000_000 });
      expect(await s().get(app, 'u')).toEqual({ c2cUntil: 1_800_000_000, groupUntil: 0 });
      await s().set(app, 'u', { groupUntil: 1_800_000_500 });
      expect(await s().get(app, 'u')).toEqual({ c2cUntil: 1_800_000_000, groupUntil: 1_800_000_500 });
      await s().set(app, 'u', { c2cUntil: NO_SPEAKING_FOREVER, groupUntil: 7 });
      expect(await s().get(app, 'u')).toEqual({ c2cUntil: NO_SPEAKING_FOREVER, groupUntil: 7 });
    });

    it('lifting both deadlines makes the user read as never set', async () => {
      const app = newApp();
      await s().set(app, 'u', { c2cUntil: 10, groupUntil: 20 });
      await s().set(app, 'u', { c2cUntil: 0 });
      expect(await s().getMany(app, ['u'])).toEqual(new Map([['u', { c2cUntil: 0, groupUntil: 20 }]]));
      await s().set(app, 'u', { groupUntil: 0 });
      expect(await s().get(app, 'u')).toEqual({ c2cUntil: 0, groupUntil: 0 });
      expect(await s().getMany(app, ['u'])).toEqual(new Map());
    });

    it('getMany returns the set users only, once each, with unicode ids', async () => {
      const app = newApp();
      await s().set(app, '禁言', { c2cUntil: 5 });
      await s().set(app, 'b', { groupUntil: 6 });
      const got = await s().getMany(app, ['b', 'missing', '禁言', 'b']);
      expect(got).toEqual(
        new Map([
          ['b', { c2cUntil: 0, groupUntil: 6 }],
          ['禁言', { c2cUntil: 5, groupUntil: 0 }],
        ]),
      );
    });

    it('keeps apps apart', async () => {
      const a = newApp();
      const b = newApp();
      await s().set(a, 'same', { c2cUntil: 99 });
      expect(await s().get(b, 'same')).toEqual({ c2cUntil: 0, groupUntil: 0 });
      expect(await s().getMany(b, ['same'])).toEqual(new Map());
    });

    it('returns copies: changing a result changes nothing stored', async () => {
      const app = newApp();
      await s().set(app, 'u', { c2cUntil: 3 });
      const r = await s().get(app, 'u');
      r.c2cUntil = 1000;
      (await s().getMany(app, ['u'])).get('u')!.groupUntil = 1000;
      expect(await s().get(app, 'u')).toEqual({ c2cUntil: 3, groupUntil: 0 });
    });

    it('a write is visible through another handle, and a later write replaces what a reader saw', async () => {
      const app = newApp();
      const other = await opts.peer(store!);
      others.push(other);
      await s().set(app, 'u', { c2cUntil: 42 });
      expect(await other.noSpeaking.get(app, 'u')).toEqual({ c2cUntil: 42, groupUntil: 0 });
      await other.noSpeaking.set(app, 'u', { c2cUntil: 43 });
      expect(await s().get(app, 'u')).toEqual({ c2cUntil: 43, groupUntil: 0 });
    });

    it('concurrent reads and a write settle on the written value', async () => {
      const app = newApp();
      await s().set(app, 'u', { c2cUntil: 1 });
      const reads = [s().get(app, 'u'), s().get(app, 'u')];
      await s().set(app, 'u', { c2cUntil: 2 });
      for (const r of await Promise.all(reads)) expect([1, 2]).toContain(r.c2cUntil);
      expect((await s().get(app, 'u')).c2cUntil).toBe(2);
    });

    it.each([
      ['no field', {}, /c2cUntil or groupUntil/],
      ['a negative deadline', { c2cUntil: -1 }, /c2cUntil must be/],
      ['a fraction', { groupUntil: 1.5 }, /groupUntil must be/],
      ['a string', { c2cUntil: '5' as unknown as number }, /c2cUntil must be/],
      ['past the forever sentinel', { c2cUntil: NO_SPEAKING_FOREVER + 1 }, /c2cUntil must be/],
    ])('set refuses %s with a clear error', async (_what, change, message) => {
      await expect(s().set(newApp(), 'u', change)).rejects.toThrow(message);
    });

    it('refuses bad keys and oversized batches with clear errors', async () => {
      const app = newApp();
      await expect(s().set(0, 'u', { c2cUntil: 1 })).rejects.toThrow(/sdkAppId/);
      await expect(s().set(app, '', { c2cUntil: 1 })).rejects.toThrow(/userId/);
      await expect(s().get(app, 'x'.repeat(33))).rejects.toThrow(/userId/);
      await expect(s().getMany(app, [5 as unknown as string])).rejects.toThrow(/userId/);
      const many = Array.from({ length: MAX_NO_SPEAKING_BATCH + 1 }, (_, i) => `u${i}`);
      await expect(s().getMany(app, many)).rejects.toThrow(/at most 500/);
      await expect(s().getMany(app, many.slice(0, MAX_NO_SPEAKING_BATCH))).resolves.toEqual(new Map());
    });
  });
}
