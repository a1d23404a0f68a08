// Social store contract cases for BlocklistStore; run by socialStoreContract (social-store.contract.ts).
import { describe, expect, it } from 'vitest';
import type { BlockCursor, BlockRecord } from '../../src/store/index.js';
import { block, type SocialCaseContext } from './social-fixtures.js';

export function blocklistCases({ store, newAppId }: SocialCaseContext): void {
  const blocklist = () => store().blocklist;
  const pages = async (id: number, owner: string, limit: number): Promise<BlockRecord[][]> => {
    const out: BlockRecord[][] = [];
    let after: BlockCursor | undefined;
    do {
      const page = await blocklist().listBlocks(id, owner, { after, limit });
      out.push(page.blocks);
      after = page.next;
    } while (after);
    return out;
  };

  describe('blocklist', () => {
    it('an empty blocklist: empty get, empty page, count 0, nobody blocking', async () => {
      const id = newAppId();
      expect((await blocklist().getBlocks(id, 'o', ['p'])).size).toBe(0);
      expect(await blocklist().listBlocks(id, 'o', { limit: 3 })).toEqual({ blocks: [] });
      expect(await blocklist().countBlocks(id, 'o')).toBe(0);
      expect(await blocklist().usersBlocking(id, ['o'], 'p')).toEqual([]);
    });

    it('getBlocks answers which of these peers the owner blocks, with the time', async () => {
      const id = newAppId();
      await blocklist().addBlocks(id, 'o', [block('a', 10), block('b', 20)]);
      expect(await blocklist().getBlocks(id, 'o', ['b', 'x', 'a', 'b'])).toEqual(new Map([['b', block('b', 20)], ['a', block('a', 10)]]));
      expect(await blocklist().countBlocks(id, 'o')).toBe(2);
    });

    it('usersBlocking answers the reverse side in input order, duplicates once, for a full batch', async () => {
      const id = newAppId();
      await blocklist().addBlocks(id, 'u2', [block('target')]);
      await blocklist().addBlocks(id, 'u5', [block('target'), block('else')]);
      await blocklist().addBlocks(id, 'u6', [block('else')]);
      const asked = ['u5', ...Array.from({ length: 997 }, (_, i) => `n${i}`), 'u6', 'u2', 'u5'];
      expect(await blocklist().usersBlocking(id, asked, 'target')).toEqual(['u5', 'u2']);
    });

    it('pages by (addTime, peerId) with exact and last pages; re-adding refreshes the time', async () => {
      const id = newAppId();
      await blocklist().addBlocks(id, 'o', [block('late', 300), block('b', 100), block('a', 100), block('mid', 200), block('\u{1f600}', 100), block('\uff3a', 100)]);
      const order = ['a', 'b', '\uff3a', '\u{1f600}', 'mid', 'late'];
      expect((await pages(id, 'o', 6)).map((p) => p.map((b) => b.peerId))).toEqual([order]);
      expect((await pages(id, 'o', 3)).map((p) => p.map((b) => b.peerId))).toEqual([order.slice(0, 3), order.slice(3)]);
      expect((await pages(id, 'o', 4)).map((p) => p.map((b) => b.peerId))).toEqual([order.slice(0, 4), order.slice(4)]);
      const first = await blocklist().listBlocks(id, 'o', { limit: 2 });
      expect(first).toEqual({ blocks: [block('a', 100), block('b', 100)], next: { addTime: 100, peerId: 'b' } });

      await blocklist().addBlocks(id, 'o', [block('a', 400)]);
      expect((await pages(id, 'o', 10))[0]!.map((b) => b.peerId)).toEqual([...order.slice(1), 'a']);
      expect(await blocklist().countBlocks(id, 'o')).toBe(6);
    });

    it('a cursor between rows starts after its position', async () => {
      const id = newAppId();
      await blocklist().addBlocks(id, 'o', [block('a', 1), block('b', 2), block('c', 3)]);
      expect((await blocklist().listBlocks(id, 'o', { after: { addTime: 2, peerId: 'a' }, limit: 9 })).blocks.map((b) => b.peerId)).toEqual(['b', 'c']);
      expect(await blocklist().listBlocks(id, 'o', { after: { addTime: 3, peerId: 'c' }, limit: 9 })).toEqual({ blocks: [] });
    });

    it('removeBlocks is idempotent and touches only that owner', async () => {
      const id = newAppId();
      await blocklist().addBlocks(id, 'o', [block('a'), block('b')]);
      await blocklist().addBlocks(id, 'other', [block('a')]);
      await blocklist().removeBlocks(id, 'o', ['a', 'nobody']);
      await blocklist().removeBlocks(id, 'o', ['a']);
      await blocklist().removeBlocks(id, 'o', []);
      expect([...(await blocklist().getBlocks(id, 'o', ['a', 'b'])).keys()]).toEqual(['b']);
      expect(await blocklist().countBlocks(id, 'o')).toBe(1);
      expect(await blocklist().usersBlocking(id, ['o', 'other'], 'a')).toEqual(['other']);
    });

    it('apps are isolated', async () => {
      const [a, b] = [newAppId(), newAppId()];
      await blocklist().addBlocks(a, 'o', [block('p')]);
      await blocklist().addBlocks(b, 'o', [block('q')]);
      await blocklist().removeBlocks(b, 'o', ['p', 'q']);
      expect(await blocklist().listBlocks(a, 'o', { limit: 9 })).toEqual({ blocks: [block('p')] });
      expect(await blocklist().usersBlocking(b, ['o'], 'p')).toEqual([]);
    });

    it('returned and passed rows are copies', async () => {
      const id = newAppId();
      const row = block('p', 5);
      await blocklist().addBlocks(id, 'o', [row]);
      row.addTime = 99;
      (await blocklist().getBlocks(id, 'o', ['p'])).get('p')!.addTime = 77;
      (await blocklist().listBlocks(id, 'o', { limit: 1 })).blocks[0]!.peerId = 'changed';
      expect(await blocklist().listBlocks(id, 'o', { limit: 1 })).toEqual({ blocks: [block('p', 5)] });
    });

    it('refuses malformed rows, cursors and batches', async () => {
      const id = newAppId();
      await expect(blocklist().addBlocks(id, 'o', [{ peerId: 'p' } as never])).rejects.toThrow(/addTime/);
      await expect(blocklist().addBlocks(id, 'o', [block('')])).rejects.toThrow(/userId/);
      await expect(blocklist().addBlocks(id, 'o', Array.from({ length: 1001 }, (_, i) => block(`p${i}`)))).rejects.toThrow(/at most 1000/);
      await expect(blocklist().listBlocks(id, 'o', { after: { addTime: -1, peerId: 'p' }, limit: 1 })).rejects.toThrow(/addTime/);
      await expect(blocklist().listBlocks(id, 'o', { after: 'p' as never, limit: 1 })).rejects.toThrow(TypeError);
      await expect(blocklist().listBlocks(id, 'o', { limit: 2.5 })).rejects.toThrow(/limit/);
      await expect(blocklist().usersBlocking(id, Array.from({ length: 1001 }, (_, i) => `u${i}`), 'p')).rejects.toThrow(RangeError);
      expect(await blocklist().countBlocks(id, 'o')).toBe(0);
    });
  });
}
