// Social store contract cases for persistent backends: what was written survives closing the
// store and opening the same data again (the change log's maxSeq above all: a new owner after
// failover resumes there). Run by socialStoreContract when the backend supplies `reopen`.
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { block, change, changes, friend, request, type SocialCaseContext } from './social-fixtures.js';

export function persistenceCases({ newAppId }: SocialCaseContext, reopen: () => Promise<{ store: Store; again: () => Promise<Store> }>): void {
  describe('social persistence', () => {
    it('every social row and the change log with maxSeq survive close and reopen', async () => {
      const id = newAppId();
      const { store: first, again } = await reopen();
      try {
        await first.profiles.setProfile(id, 'u', { Tag_Profile_IM_Nick: 'kept', Tag_Profile_IM_Level: 3 });
        await first.friends.putFriends(id, 'u', [friend('f1', { groups: ['g'] }), friend('f2')]);
        await first.friends.deleteFriends(id, 'u', ['f2']);
        await first.friendRequests.putRequest(id, 'u', 'outbox', request('r'));
        await first.blocklist.addBlocks(id, 'u', [block('b', 7)]);
        await first.friendLists.createFriendLists(id, 'u', [{ name: 'g', createdAt: 4 }]);
        await first.socialChanges.appendChanges(id, 'u', changes(1, 100));
        await first.socialChanges.appendChanges(id, 'u', changes(101, 150));
        await first.socialChanges.appendChanges(id, 'o', [change(1)], [{ seq: 1, peerId: 'p', time: 5, event: { e: 'deleted' } }]);
      } finally {
        await first.close();
      }
      const second = await again();
      try {
        expect((await second.profiles.getProfiles(id, ['u'])).get('u')).toEqual({ Tag_Profile_IM_Nick: 'kept', Tag_Profile_IM_Level: 3 });
        expect((await second.friends.listFriends(id, 'u', { limit: 10 })).friends).toEqual([friend('f1', { groups: ['g'] })]);
        expect(await second.friends.countFriends(id, 'u')).toBe(1);
        expect((await second.friendRequests.getRequests(id, 'u', 'outbox', ['r'])).get('r')).toEqual(request('r'));
        expect(await second.blocklist.usersBlocking(id, ['u'], 'b')).toEqual(['u']);
        expect(await second.friendLists.listFriendLists(id, 'u')).toEqual([{ name: 'g', createdAt: 4 }]);
        expect(await second.socialChanges.maxSeq(id, 'u')).toBe(150);
        expect(await second.socialChanges.changesSince(id, 'u', 148, 10)).toEqual([change(149), change(150)]);
        await second.socialChanges.appendChanges(id, 'u', [change(151)]);
        expect(await second.socialChanges.maxSeq(id, 'u')).toBe(151);
        expect(await second.socialChanges.pendingPeerEvents(id, 'o', undefined, 10)).toEqual([{ seq: 1, peerId: 'p', time: 5, event: { e: 'deleted' } }]);
      } finally {
        await second.close();
      }
    });
  });
}
