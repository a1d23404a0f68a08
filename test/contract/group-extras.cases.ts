// Group store contract cases for GroupJoinRequestStore and GroupTopicStore; run by
// groupStoreContract (group-store.contract.ts).
import { describe, expect, it } from 'vitest';
import { allPages, type GroupCaseContext, joinRequest, topic } from './group-fixtures.js';

export function groupExtraCases({ store, newAppId }: GroupCaseContext): void {
  const requests = () => store().groupJoinRequests;
  const topics = () => store().groupTopics;

  describe('group join requests', () => {
    it('put, get, list, delete; a repeated request replaces the first', async () => {
      const id = newAppId();
      const a = joinRequest('a');
      const b = joinRequest('b', { inviterId: 'inviter', wording: '' });
      await requests().putRequests(id, 'g', [a, b]);
      await requests().putRequests(id, 'g', [{ ...a, wording: 'again' }]);
      expect(await requests().getRequests(id, 'g', ['a', 'b', 'c'])).toEqual(new Map([['a', { ...a, wording: 'again' }], ['b', b]]));
      expect((await requests().getRequests(id, 'other', ['a'])).size).toBe(0);
      expect(await requests().listRequests(id, 'g', { limit: 10 })).toEqual({ requests: [{ ...a, wording: 'again' }, b] });
      await requests().deleteRequests(id, 'g', ['a', 'zz']);
      expect((await requests().listRequests(id, 'g', { limit: 10 })).requests.map((r) => r.userId)).toEqual(['b']);
      await requests().deleteAllRequests(id, 'g');
      expect(await requests().listRequests(id, 'g', { limit: 10 })).toEqual({ requests: [] });
    });

    it('an expired request is invisible', async () => {
      const id = newAppId();
      const past = Date.now() - 60_000;
      await requests().putRequests(id, 'g', [joinRequest('old', { time: past - 1000, expiresAt: past }), joinRequest('new')]);
      expect([...(await requests().getRequests(id, 'g', ['old', 'new'])).keys()]).toEqual(['new']);
      expect((await requests().listRequests(id, 'g', { limit: 10 })).requests.map((r) => r.userId)).toEqual(['new']);
    });

    it('pages in userId order', async () => {
      const id = newAppId();
      const users = Array.from({ length: 11 }, (_, i) => `u${String(i).padStart(2, '0')}`);
      await requests().putRequests(id, 'g', users.map((u) => joinRequest(u)));
      const all = await allPages((after) => requests().listRequests(id, 'g', { after, limit: 4 }).then((p) => ({ items: p.requests, next: p.next })));
      expect(all.items.map((r) => r.userId)).toEqual(users);
    });

    it('refuses malformed input', async () => {
      const id = newAppId();
      await expect(requests().putRequests(id, 'g', [joinRequest('a', { time: 10, expiresAt: 10 })])).rejects.toThrow(RangeError);
      await expect(requests().putRequests(id, 'g', [joinRequest('')])).rejects.toThrow(RangeError);
      await expect(requests().listRequests(id, 'g', { limit: 0 })).rejects.toThrow(RangeError);
    });
  });

  describe('group topics', () => {
    const g = '@TGS#_club';
    const t = (s: string) => `${g}@TOPIC#_${s}`;

    it('createTopic once per id; get, update, delete', async () => {
      const id = newAppId();
      const news = topic(t('news'), { customString: 'c', muteAll: true });
      expect(await topics().createTopic(id, g, news)).toBe(true);
      expect(await topics().createTopic(id, g, topic(t('news'), { name: 'dup' }))).toBe(false);
      expect(await topics().createTopic(id, g, topic(t('chat')))).toBe(true);
      expect(await topics().getTopics(id, g, [t('news'), t('nope')])).toEqual(new Map([[t('news'), news]]));
      expect(await topics().updateTopic(id, g, t('news'), { name: 'News', muteAll: false, lastMsgTime: 1_790_000_100 })).toBe(true);
      expect((await topics().getTopics(id, g, [t('news')])).get(t('news'))).toEqual({ ...news, name: 'News', muteAll: false, lastMsgTime: 1_790_000_100 });
      expect(await topics().updateTopic(id, g, t('nope'), { name: 'x' })).toBe(false);
      expect(await topics().getTopics(id, g, [t('nope')])).toEqual(new Map());
      expect(await topics().deleteTopics(id, g, [t('nope'), t('news')])).toEqual([t('news')]);
      expect(await topics().deleteTopics(id, g, [t('news')])).toEqual([]);
      expect((await topics().listTopics(id, g, { limit: 10 })).topics.map((x) => x.topicId)).toEqual([t('chat')]);
      expect(await topics().createTopic(id, g, topic(t('news')))).toBe(true);
    });

    it('lists in topicId order with paging; deleteAllTopics empties the group', async () => {
      const id = newAppId();
      const ids = Array.from({ length: 9 }, (_, i) => t(`t${i}`));
      for (const x of ids) await topics().createTopic(id, g, topic(x));
      const all = await allPages((after) => topics().listTopics(id, g, { after, limit: 4 }).then((p) => ({ items: p.topics, next: p.next })));
      expect(all.items.map((x) => x.topicId)).toEqual(ids);
      await topics().deleteAllTopics(id, g);
      expect(await topics().listTopics(id, g, { limit: 10 })).toEqual({ topics: [] });
      expect(await topics().createTopic(id, g, topic(ids[0]!))).toBe(true);
    });

    it('refuses topic ids of another group and malformed records', async () => {
      const id = newAppId();
      await expect(topics().createTopic(id, g, topic('@TGS#_other@TOPIC#_x'))).rejects.toThrow(RangeError);
      await expect(topics().createTopic(id, g, topic('plain'))).rejects.toThrow(RangeError);
      await expect(topics().createTopic(id, g, topic(t('x'), { muteAll: 1 as never }))).rejects.toThrow(TypeError);
      await expect(topics().getTopics(id, g, [t('a'), 'nope'])).rejects.toThrow(RangeError);
      await expect(topics().updateTopic(id, g, t('a'), { lastMsgTime: -5 })).rejects.toThrow(RangeError);
      expect(await topics().listTopics(id, g, { limit: 10 })).toEqual({ topics: [] });
    });
  });
}
