// Group store contract cases for JoinedGroupStore; run by groupStoreContract (group-store.contract.ts).
import { describe, expect, it } from 'vitest';
import type { JoinedGroupRecord } from '../../src/store/index.js';
import { allPages, type GroupCaseContext, T0 } from './group-fixtures.js';

const joined = (groupId: string, over: Partial<JoinedGroupRecord> = {}): JoinedGroupRecord => ({ groupId, type: 'Public', role: 'Member', joinTime: T0, ...over });

export function joinedGroupCases({ store, newAppId }: GroupCaseContext): void {
  const j = () => store().joinedGroups;

  describe('joined groups', () => {
    it('putJoined writes rows of many users at once; getJoined and countJoined read them', async () => {
      const id = newAppId();
      await j().putJoined(id, [
        { userId: 'a', ...joined('g1', { role: 'Owner' }) },
        { userId: 'b', ...joined('g1') },
        { userId: 'a', ...joined('@TGS#_c', { type: 'Community' }) },
      ]);
      expect(await j().getJoined(id, 'a', ['g1', '@TGS#_c', 'zz'])).toEqual(
        new Map([['g1', joined('g1', { role: 'Owner' })], ['@TGS#_c', joined('@TGS#_c', { type: 'Community' })]]),
      );
      expect(await j().countJoined(id, 'a')).toBe(2);
      expect(await j().countJoined(id, 'a', ['Community'])).toBe(1);
      expect(await j().countJoined(id, 'b')).toBe(1);
      expect(await j().countJoined(id, 'nobody')).toBe(0);
      expect(await j().countJoined(newAppId(), 'a')).toBe(0);
    });

    it('putJoined replaces a row (role change); removeJoined is idempotent', async () => {
      const id = newAppId();
      await j().putJoined(id, [{ userId: 'a', ...joined('g') }]);
      await j().putJoined(id, [{ userId: 'a', ...joined('g', { role: 'Admin' }) }]);
      expect((await j().getJoined(id, 'a', ['g'])).get('g')?.role).toBe('Admin');
      await j().removeJoined(id, [{ userId: 'a', groupId: 'g' }, { userId: 'x', groupId: 'g' }]);
      await j().removeJoined(id, [{ userId: 'a', groupId: 'g' }]);
      expect(await j().countJoined(id, 'a')).toBe(0);
      expect(await j().listJoined(id, 'a', { limit: 5 })).toEqual({ groups: [] });
    });

    it('listJoined pages in groupId order, optionally by type', async () => {
      const id = newAppId();
      const rows = Array.from({ length: 23 }, (_, i) => joined(`g${String(i).padStart(2, '0')}`, { type: i % 3 === 0 ? 'AVChatRoom' : 'Work' }));
      await j().putJoined(id, rows.map((r) => ({ userId: 'u', ...r })));
      const all = await allPages((after) => j().listJoined(id, 'u', { after, limit: 5 }).then((p) => ({ items: p.groups, next: p.next })));
      expect(all.items).toEqual(rows);
      const av = await allPages((after) => j().listJoined(id, 'u', { after, limit: 3, types: ['AVChatRoom'] }).then((p) => ({ items: p.groups, next: p.next })));
      expect(av.items).toEqual(rows.filter((r) => r.type === 'AVChatRoom'));
      expect(await j().listJoined(id, 'u', { limit: 23 })).toEqual({ groups: rows });
    });

    it('refuses malformed input', async () => {
      const id = newAppId();
      await expect(j().putJoined(id, [{ userId: 'a', ...joined('g', { type: 'Nope' as never }) }])).rejects.toThrow(RangeError);
      await expect(j().putJoined(id, [{ userId: '', ...joined('g') }])).rejects.toThrow(RangeError);
      await expect(j().removeJoined(id, [{ userId: 'a', groupId: '' }])).rejects.toThrow(RangeError);
      await expect(j().listJoined(id, 'a', { limit: 0 })).rejects.toThrow(RangeError);
      await expect(j().countJoined(id, 'a', ['Bad' as never])).rejects.toThrow(RangeError);
      expect(await j().countJoined(id, 'a')).toBe(0);
    });
  });
}
