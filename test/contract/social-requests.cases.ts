// Social store contract cases for FriendRequestStore; run by socialStoreContract (social-store.contract.ts).
import { describe, expect, it } from 'vitest';
import type { FriendRequestRecord } from '../../src/store/index.js';
import { request, type SocialCaseContext, UNICODE_IDS, UNICODE_ORDER } from './social-fixtures.js';

export function requestCases({ store, newAppId }: SocialCaseContext): void {
  const requests = () => store().friendRequests;

  describe('friend requests', () => {
    it('an empty box: empty page, empty get, count 0', async () => {
      const id = newAppId();
      expect(await requests().listRequests(id, 'u', 'inbox', { limit: 5 })).toEqual({ requests: [] });
      expect((await requests().getRequests(id, 'u', 'outbox', ['x'])).size).toBe(0);
      expect(await requests().countRequests(id, 'u', 'inbox')).toBe(0);
    });

    it('inbox and outbox are separate boxes of the same user', async () => {
      const id = newAppId();
      const received = request('sender', { remark: 'from a friend', groupName: 'school', addType: 'single' });
      const sent = request('recipient');
      await requests().putRequest(id, 'me', 'inbox', received);
      await requests().putRequest(id, 'me', 'outbox', sent);
      expect(await requests().getRequests(id, 'me', 'inbox', ['sender', 'recipient', 'sender'])).toEqual(new Map([['sender', received]]));
      expect(await requests().getRequests(id, 'me', 'outbox', ['sender', 'recipient'])).toEqual(new Map([['recipient', sent]]));
      expect(await requests().countRequests(id, 'me', 'inbox')).toBe(1);
      expect(await requests().countRequests(id, 'me', 'outbox')).toBe(1);
    });

    it('putRequest replaces the row of the same peer', async () => {
      const id = newAppId();
      await requests().putRequest(id, 'me', 'inbox', request('p', { addWording: 'first' }));
      const again = request('p', { addWording: 'second', time: 1_790_000_009_000 });
      await requests().putRequest(id, 'me', 'inbox', again);
      expect(await requests().listRequests(id, 'me', 'inbox', { limit: 10 })).toEqual({ requests: [again] });
    });

    it('pages in peerId code-point order with exact and last pages', async () => {
      const id = newAppId();
      for (const p of UNICODE_IDS) await requests().putRequest(id, 'me', 'inbox', request(p));
      const first = await requests().listRequests(id, 'me', 'inbox', { limit: 2 });
      expect(first.requests.map((r) => r.peerId)).toEqual(UNICODE_ORDER.slice(0, 2));
      const seen = [...first.requests.map((r) => r.peerId)];
      let after = first.next;
      while (after !== undefined) {
        const page = await requests().listRequests(id, 'me', 'inbox', { after, limit: 2 });
        seen.push(...page.requests.map((r) => r.peerId));
        after = page.next;
      }
      expect(seen).toEqual(UNICODE_ORDER);
      expect((await requests().listRequests(id, 'me', 'inbox', { limit: 6 })).next).toBeUndefined();
      expect(await requests().listRequests(id, 'me', 'inbox', { limit: 5 })).toMatchObject({ next: UNICODE_ORDER[4] });
    });

    it('deleteRequests is idempotent and touches one box only', async () => {
      const id = newAppId();
      await requests().putRequest(id, 'me', 'inbox', request('a'));
      await requests().putRequest(id, 'me', 'inbox', request('b'));
      await requests().putRequest(id, 'me', 'outbox', request('a'));
      await requests().deleteRequests(id, 'me', 'inbox', ['a', 'zz']);
      await requests().deleteRequests(id, 'me', 'inbox', ['a']);
      await requests().deleteRequests(id, 'me', 'inbox', []);
      expect((await requests().listRequests(id, 'me', 'inbox', { limit: 9 })).requests.map((r) => r.peerId)).toEqual(['b']);
      expect(await requests().countRequests(id, 'me', 'outbox')).toBe(1);
    });

    it('apps and users are isolated', async () => {
      const [a, b] = [newAppId(), newAppId()];
      await requests().putRequest(a, 'me', 'inbox', request('p'));
      await requests().putRequest(b, 'me', 'inbox', request('q'));
      await requests().putRequest(a, 'you', 'inbox', request('r'));
      await requests().deleteRequests(b, 'me', 'inbox', ['p', 'q']);
      expect((await requests().listRequests(a, 'me', 'inbox', { limit: 9 })).requests.map((r) => r.peerId)).toEqual(['p']);
      expect(await requests().countRequests(b, 'me', 'inbox')).toBe(0);
    });

    it('returned and passed rows are copies', async () => {
      const id = newAppId();
      const r = request('p');
      await requests().putRequest(id, 'me', 'inbox', r);
      r.addWording = 'mutated';
      const got = (await requests().getRequests(id, 'me', 'inbox', ['p'])).get('p')!;
      got.remark = 'mutated';
      expect((await requests().listRequests(id, 'me', 'inbox', { limit: 1 })).requests[0]).toEqual(request('p'));
    });

    it('refuses malformed boxes, rows and pages', async () => {
      const id = newAppId();
      const put = (r: unknown, box = 'inbox') => requests().putRequest(id, 'me', box as never, r as FriendRequestRecord);
      await expect(put(request('p'), 'spam')).rejects.toThrow(/box/);
      await expect(put({ ...request('p'), addType: 'Add_Type_Both' })).rejects.toThrow(/addType/);
      await expect(put({ ...request('p'), time: 'now' })).rejects.toThrow(/time/);
      await expect(put({ ...request('p'), groupName: null })).rejects.toThrow(/groupName/);
      await expect(put({ ...request('p'), peerId: 'x'.repeat(33) })).rejects.toThrow(/userId/);
      await expect(requests().listRequests(id, 'me', 'inbox', { limit: 5001 })).rejects.toThrow(/limit/);
      await expect(requests().countRequests(id, 'me', 'both' as never)).rejects.toThrow(/box/);
      await expect(requests().deleteRequests(id, 'me', 'outbox', 'p' as never)).rejects.toThrow(TypeError);
      expect(await requests().countRequests(id, 'me', 'inbox')).toBe(0);
    });
  });
}
