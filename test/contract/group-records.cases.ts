// Group store contract cases for GroupStore (records and the app's group list); run by
// groupStoreContract (group-store.contract.ts).
import { describe, expect, it } from 'vitest';
import { GROUP_TYPES } from '../../src/groups/group-kinds.js';
import { appGroupBucket } from '../../src/store/group-layout.js';
import { compareCodePoints } from '../../src/store/social-records.js';
import { allPages, group, type GroupCaseContext } from './group-fixtures.js';

export function groupRecordCases({ store, newAppId }: GroupCaseContext): void {
  const groups = () => store().groups;

  describe('group records', () => {
    it('createGroup stores a group once; a second create of the id changes nothing', async () => {
      const id = newAppId();
      const g = group('g1', { custom: { Level: '3' }, muteAll: true, supportTopic: false });
      expect(await groups().createGroup(id, g)).toBe(true);
      expect(await groups().createGroup(id, group('g1', { name: 'intruder', type: 'Work' }))).toBe(false);
      expect(await groups().getGroup(id, 'g1')).toEqual(g);
      expect(await groups().getGroup(id, 'nope')).toBeUndefined();
    });

    it('concurrent creates of one id: exactly one wins', async () => {
      const id = newAppId();
      const results = await Promise.all(Array.from({ length: 5 }, (_, i) => groups().createGroup(id, group('race', { name: `n${i}` }))));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect((await groups().getGroup(id, 'race'))?.name).toBe(`n${winner}`);
    });

    it('apps are isolated', async () => {
      const [a, b] = [newAppId(), newAppId()];
      await groups().createGroup(a, group('same'));
      expect(await groups().getGroup(b, 'same')).toBeUndefined();
      expect(await groups().createGroup(b, group('same', { name: 'other app' }))).toBe(true);
      expect((await groups().getGroup(a, 'same'))?.name).toBe('name of same');
      expect((await groups().listGroups(b, { limit: 10 })).groups).toEqual([{ groupId: 'same', type: 'Public' }]);
    });

    it('getGroups returns the existing ones among many ids', async () => {
      const id = newAppId();
      await groups().createGroup(id, group('@TGS#AAAA'));
      await groups().createGroup(id, group('@TGS#_@TGS#BBBB', { type: 'Community' }));
      const got = await groups().getGroups(id, ['@TGS#AAAA', 'missing', '@TGS#_@TGS#BBBB', '@TGS#AAAA']);
      expect([...got.keys()].sort()).toEqual(['@TGS#AAAA', '@TGS#_@TGS#BBBB']);
      expect(got.get('@TGS#_@TGS#BBBB')?.type).toBe('Community');
      expect((await groups().getGroups(id, [])).size).toBe(0);
    });

    it('updateGroup changes only the given fields, replaces custom, and reports a missing group', async () => {
      const id = newAppId();
      const g = group('g', { custom: { A: '1', B: '2' } });
      await groups().createGroup(id, g);
      expect(
        await groups().updateGroup(id, 'g', { name: 'renamed', muteAll: true, custom: { B: '3' }, memberCount: 7, lastMsgTime: 1_790_000_123, infoSeq: 2, ownerId: '' }),
      ).toBe(true);
      expect(await groups().getGroup(id, 'g')).toEqual({
        ...g,
        name: 'renamed',
        muteAll: true,
        custom: { B: '3' },
        memberCount: 7,
        lastMsgTime: 1_790_000_123,
        infoSeq: 2,
        ownerId: '',
      });
      expect(await groups().updateGroup(id, 'g', {})).toBe(true);
      expect(await groups().updateGroup(id, 'missing', { name: 'x' })).toBe(false);
      expect(await groups().getGroup(id, 'missing')).toBeUndefined();
      expect((await groups().listGroups(id, { limit: 10 })).groups).toEqual([{ groupId: 'g', type: 'Public' }]);
    });

    it('a dismissed group keeps its id taken until deleted; deleteGroup frees it', async () => {
      const id = newAppId();
      await groups().createGroup(id, group('d'));
      expect(await groups().updateGroup(id, 'd', { dismissedAt: 1_790_000_000_500 })).toBe(true);
      expect(await groups().createGroup(id, group('d'))).toBe(false);
      expect(await groups().deleteGroup(id, 'd')).toBe(true);
      expect(await groups().deleteGroup(id, 'd')).toBe(false);
      expect(await groups().getGroup(id, 'd')).toBeUndefined();
      expect((await groups().listGroups(id, { limit: 10 })).groups).toEqual([]);
      expect(await groups().createGroup(id, group('d', { type: 'Work' }))).toBe(true);
      expect((await groups().getGroup(id, 'd'))?.type).toBe('Work');
    });

    it('listGroups walks every group once, in (bucket, id) order, with a type filter', async () => {
      const id = newAppId();
      const made = Array.from({ length: 45 }, (_, i) => ({ groupId: `grp-${i}`, type: GROUP_TYPES[i % GROUP_TYPES.length]! }));
      for (const g of made) await groups().createGroup(id, group(g.groupId, { type: g.type }));
      const order = (xs: { groupId: string }[]) =>
        [...xs].sort((a, b) => appGroupBucket(a.groupId) - appGroupBucket(b.groupId) || compareCodePoints(a.groupId, b.groupId));
      const all = await allPages((after) => groups().listGroups(id, { after, limit: 7 }).then((p) => ({ items: p.groups, next: p.next })));
      expect(all.items).toEqual(order(made));
      const some = await allPages((after) =>
        groups().listGroups(id, { after, limit: 4, types: ['Work', 'Community'] }).then((p) => ({ items: p.groups, next: p.next })),
      );
      expect(some.items).toEqual(order(made.filter((g) => g.type === 'Work' || g.type === 'Community')));
      const one = await groups().listGroups(id, { limit: 10_000 });
      expect(one).toEqual({ groups: order(made) });
    });

    it('refuses malformed input', async () => {
      const id = newAppId();
      await expect(groups().createGroup(0, group('g'))).rejects.toThrow(RangeError);
      await expect(groups().createGroup(id, group('x'.repeat(49)))).rejects.toThrow(RangeError);
      await expect(groups().createGroup(id, group('g@TOPIC#_t'))).rejects.toThrow(RangeError);
      await expect(groups().createGroup(id, group('g', { type: 'Private' as never }))).rejects.toThrow(RangeError);
      await expect(groups().createGroup(id, group('g', { applyJoinOption: 'Maybe' as never }))).rejects.toThrow(RangeError);
      await expect(groups().createGroup(id, group('g', { memberCount: -1 }))).rejects.toThrow(RangeError);
      await expect(groups().createGroup(id, group('g', { custom: { k: 5 as never } }))).rejects.toThrow(TypeError);
      await expect(groups().createGroup(id, group('g', { muteAll: 'yes' as never }))).rejects.toThrow(TypeError);
      await expect(groups().updateGroup(id, 'g', { maxMemberNum: 1.5 })).rejects.toThrow(RangeError);
      await expect(groups().getGroups(id, 'g' as never)).rejects.toThrow(TypeError);
      await expect(groups().listGroups(id, { limit: 0 })).rejects.toThrow(RangeError);
      await expect(groups().listGroups(id, { limit: 5, after: 'not-a-cursor' })).rejects.toThrow(RangeError);
      await expect(groups().listGroups(id, { limit: 5, types: [] })).rejects.toThrow(TypeError);
      expect(await groups().getGroup(id, 'g')).toBeUndefined();
    });
  });
}
