// Group store contract cases for persistent backends: every group row survives closing the store
// and opening the same data again. Run by groupStoreContract when `reopen` is given.
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { group, type GroupCaseContext, joinRequest, member, topic, T0 } from './group-fixtures.js';

export function groupPersistenceCases(ctx: GroupCaseContext, reopen: () => Promise<{ store: Store; again: () => Promise<Store> }>): void {
  describe('group persistence', () => {
    it('groups, members, joined groups, requests and topics survive a reopen', async () => {
      const id = ctx.newAppId();
      const { store, again } = await reopen();
      const g = group('@TGS#_keep', { type: 'Community', supportTopic: true, custom: { K: 'v' } });
      const req = joinRequest('applicant');
      const tp = topic('@TGS#_keep@TOPIC#_t');
      try {
        await store.groups.createGroup(id, g);
        await store.joinedGroups.putJoined(id, [{ userId: 'o', groupId: g.groupId, type: 'Community', role: 'Owner', joinTime: T0 }]);
        await store.groupMembers.addMembers(id, g.groupId, [member('o', { role: 'Owner' }), member('m')]);
        await store.groupJoinRequests.putRequests(id, g.groupId, [req]);
        await store.groupTopics.createTopic(id, g.groupId, tp);
      } finally {
        await store.close();
      }
      const s = await again();
      try {
        expect(await s.groups.getGroup(id, g.groupId)).toEqual(g);
        expect((await s.groups.listGroups(id, { limit: 5 })).groups).toEqual([{ groupId: g.groupId, type: 'Community' }]);
        expect((await s.groupMembers.listMembers(id, g.groupId, { limit: 10 })).members.map((m) => m.userId).sort()).toEqual(['m', 'o']);
        expect((await s.groupMembers.listPrivileged(id, g.groupId)).map((m) => m.userId)).toEqual(['o']);
        expect((await s.joinedGroups.listJoined(id, 'o', { limit: 5 })).groups.map((x) => x.groupId)).toEqual([g.groupId]);
        expect((await s.groupJoinRequests.getRequests(id, g.groupId, ['applicant'])).get('applicant')).toEqual(req);
        expect((await s.groupTopics.getTopics(id, g.groupId, [tp.topicId])).get(tp.topicId)).toEqual(tp);
      } finally {
        await s.close();
      }
    });
  });
}
