// Group store contract cases for GroupMemberStore; run by groupStoreContract (group-store.contract.ts).
import { describe, expect, it } from 'vitest';
import { COMMUNITY_MEMBER_BUCKETS, memberBucket } from '../../src/store/group-layout.js';
import type { MemberRecord } from '../../src/store/index.js';
import { compareCodePoints } from '../../src/store/social-records.js';
import { allPages, type GroupCaseContext, member } from './group-fixtures.js';

const byLayout = (groupId: string, ms: MemberRecord[]) =>
  [...ms].sort((a, b) => memberBucket(groupId, a.userId) - memberBucket(groupId, b.userId) || compareCodePoints(a.userId, b.userId));

export function groupMemberCases({ store, newAppId }: GroupCaseContext): void {
  const members = () => store().groupMembers;

  describe('group members', () => {
    it('an empty group: no members, count 0, empty pages', async () => {
      const id = newAppId();
      expect(await members().countMembers(id, 'g')).toBe(0);
      expect(await members().listMembers(id, 'g', { limit: 10 })).toEqual({ members: [] });
      expect(await members().listPrivileged(id, 'g')).toEqual([]);
      expect((await members().getMembers(id, 'g', ['a'])).size).toBe(0);
    });

    it('addMembers adds new ones and reports, unchanged, those already in', async () => {
      const id = newAppId();
      const owner = member('owner', { role: 'Owner', custom: { Lv: '9' }, nameCard: '群主' });
      expect(await members().addMembers(id, 'g', [owner, member('a')])).toEqual([]);
      expect(await members().addMembers(id, 'g', [member('b'), member('owner', { role: 'Member' }), member('a', { nameCard: 'x' })])).toEqual(['owner', 'a']);
      expect(await members().countMembers(id, 'g')).toBe(3);
      const got = await members().getMembers(id, 'g', ['owner', 'a', 'zz']);
      expect(got).toEqual(new Map([['owner', owner], ['a', member('a')]]));
      expect(await members().addMembers(id, 'g', [])).toEqual([]);
    });

    it('groups and apps are isolated', async () => {
      const [a, b] = [newAppId(), newAppId()];
      await members().addMembers(a, 'g1', [member('u')]);
      expect(await members().countMembers(a, 'g2')).toBe(0);
      expect(await members().countMembers(b, 'g1')).toBe(0);
      expect(await members().addMembers(b, 'g1', [member('u')])).toEqual([]);
    });

    it('removeMembers returns who was a member; idempotent', async () => {
      const id = newAppId();
      await members().addMembers(id, 'g', [member('a'), member('b'), member('c', { role: 'Admin' })]);
      expect(await members().removeMembers(id, 'g', ['zz', 'c', 'a'])).toEqual(['c', 'a']);
      expect(await members().removeMembers(id, 'g', ['a'])).toEqual([]);
      expect(await members().countMembers(id, 'g')).toBe(1);
      expect(await members().listPrivileged(id, 'g')).toEqual([]);
      expect(await members().addMembers(id, 'g', [member('a', { nameCard: 'back' })])).toEqual([]);
      expect((await members().getMembers(id, 'g', ['a'])).get('a')?.nameCard).toBe('back');
    });

    it('updateMembers changes the given fields of members only, and keeps the role index right', async () => {
      const id = newAppId();
      await members().addMembers(id, 'g', [member('o', { role: 'Owner' }), member('m', { custom: { A: '1' } })]);
      await members().updateMembers(id, 'g', [
        { userId: 'm', role: 'Admin', muteUntil: 1_790_000_060_000, nameCard: 'card', msgFlag: 'Discard', custom: { B: '2' }, readSeq: 41, lastSendTime: 1_790_000_001_000 },
        { userId: 'ghost', role: 'Admin', nameCard: 'boo' },
      ]);
      const m = (await members().getMembers(id, 'g', ['m'])).get('m');
      expect(m).toEqual(member('m', { role: 'Admin', muteUntil: 1_790_000_060_000, nameCard: 'card', msgFlag: 'Discard', custom: { B: '2' }, readSeq: 41, lastSendTime: 1_790_000_001_000 }));
      expect((await members().getMembers(id, 'g', ['ghost'])).size).toBe(0);
      expect(await members().countMembers(id, 'g')).toBe(2);
      expect((await members().listMembers(id, 'g', { limit: 10 })).members.map((x) => x.userId)).toEqual(['m', 'o']);
      expect((await members().listPrivileged(id, 'g')).map((x) => [x.userId, x.role])).toEqual([['m', 'Admin'], ['o', 'Owner']]);
      // Transfer: the owner steps down, the admin becomes owner.
      await members().updateMembers(id, 'g', [{ userId: 'o', role: 'Member' }, { userId: 'm', role: 'Owner' }]);
      expect((await members().listPrivileged(id, 'g')).map((x) => [x.userId, x.role])).toEqual([['m', 'Owner']]);
      await members().updateMembers(id, 'g', [{ userId: 'm', readSeq: 42 }]);
      expect((await members().getMembers(id, 'g', ['m'])).get('m')).toMatchObject({ role: 'Owner', readSeq: 42, nameCard: 'card' });
    });

    it('a plain group pages in userId order with exact and last pages', async () => {
      const id = newAppId();
      const ms = ['b', 'a', '\uff3a', '\u{1f600}', '\u00e4', 'A'].map((u) => member(u));
      await members().addMembers(id, 'g', ms);
      const all = await allPages((after) => members().listMembers(id, 'g', { after, limit: 2 }).then((p) => ({ items: p.members, next: p.next })));
      expect(all.items.map((m) => m.userId)).toEqual(['A', 'a', 'b', '\u00e4', '\uff3a', '\u{1f600}']);
      expect(await members().listMembers(id, 'g', { limit: 6 })).toEqual({ members: byLayout('g', ms) });
    });

    it('a Community spreads members over buckets; a cursor walk returns each exactly once, while members change', async () => {
      const id = newAppId();
      const g = '@TGS#_@TGS#BIGCOMMUNITY';
      const ms = Array.from({ length: 300 }, (_, i) => member(`user${i}`, { role: i === 0 ? 'Owner' : i < 4 ? 'Admin' : 'Member' }));
      expect(new Set(ms.map((m) => memberBucket(g, m.userId))).size).toBeGreaterThan(COMMUNITY_MEMBER_BUCKETS / 2);
      for (let i = 0; i < ms.length; i += 100) await members().addMembers(id, g, ms.slice(i, i + 100));
      expect(await members().countMembers(id, g)).toBe(300);
      const all = await allPages((after) => members().listMembers(id, g, { after, limit: 37 }).then((p) => ({ items: p.members, next: p.next })));
      expect(all.items).toEqual(byLayout(g, ms));
      expect((await members().listPrivileged(id, g)).map((m) => m.userId)).toEqual(['user0', 'user1', 'user2', 'user3']);

      // Members leaving and joining mid-walk: everyone present throughout is seen exactly once.
      const seen: string[] = [];
      let page = await members().listMembers(id, g, { limit: 50 });
      seen.push(...page.members.map((m) => m.userId));
      await members().removeMembers(id, g, ['user299']);
      await members().addMembers(id, g, [member('late')]);
      while (page.next !== undefined) {
        page = await members().listMembers(id, g, { after: page.next, limit: 50 });
        seen.push(...page.members.map((m) => m.userId));
      }
      expect(new Set(seen).size).toBe(seen.length);
      for (const m of ms.slice(0, 299)) expect(seen).toContain(m.userId);
    });

    it('deleteAllMembers empties the group, every bucket', async () => {
      const id = newAppId();
      const g = '@TGS#_gone';
      await members().addMembers(id, g, Array.from({ length: 40 }, (_, i) => member(`u${i}`, { role: i === 0 ? 'Owner' : 'Member' })));
      await members().addMembers(id, 'other', [member('u1')]);
      await members().deleteAllMembers(id, g);
      await members().deleteAllMembers(id, g);
      expect(await members().countMembers(id, g)).toBe(0);
      expect(await members().listMembers(id, g, { limit: 100 })).toEqual({ members: [] });
      expect(await members().listPrivileged(id, g)).toEqual([]);
      expect(await members().countMembers(id, 'other')).toBe(1);
    });

    it('refuses malformed input', async () => {
      const id = newAppId();
      await expect(members().addMembers(id, 'g', [member('a'), member('a')])).rejects.toThrow(RangeError);
      await expect(members().addMembers(id, 'g', [member('a', { role: 'Boss' as never })])).rejects.toThrow(RangeError);
      await expect(members().addMembers(id, 'g', [member('a', { msgFlag: 'Loud' as never })])).rejects.toThrow(RangeError);
      await expect(members().addMembers(id, 'g', [member('')])).rejects.toThrow(RangeError);
      await expect(members().addMembers(id, '', [member('a')])).rejects.toThrow(RangeError);
      await expect(members().addMembers(id, 'g', Array.from({ length: 1001 }, (_, i) => member(`u${i}`)))).rejects.toThrow(RangeError);
      await expect(members().updateMembers(id, 'g', [{ userId: 'a', readSeq: -1 }])).rejects.toThrow(RangeError);
      await expect(members().listMembers(id, 'g', { limit: 6001 })).rejects.toThrow(RangeError);
      await expect(members().listMembers(id, 'g', { limit: 5, after: '3:x' })).rejects.toThrow(RangeError);
      await expect(members().listMembers(id, '@TGS#_c', { limit: 5, after: '64:x' })).rejects.toThrow(RangeError);
      await expect(members().getMembers(id, 'g', 'a' as never)).rejects.toThrow(TypeError);
      expect(await members().countMembers(id, 'g')).toBe(0);
    });
  });
}
