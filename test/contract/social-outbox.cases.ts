// Social store contract cases for the peer outbox of SocialChangeStore (src/store/peer-outbox.ts):
// events stored with their changes, listed oldest first with a cursor, cleared one by one, kept
// apart per app and user, replaced when their seqs are rewritten with an outbox, and bad input
// refused. Run by socialStoreContract (social-store.contract.ts).
import { describe, expect, it } from 'vitest';
import { MAX_PEER_EVENTS_PER_APPEND, type PeerOutboxEvent } from '../../src/store/peer-outbox.js';
import { change, changes, UNICODE_IDS, UNICODE_ORDER, type SocialCaseContext } from './social-fixtures.js';

const ev = (seq: number, peerId: string, event: PeerOutboxEvent['event'] = { e: 'deleted' }): PeerOutboxEvent => ({ seq, peerId, time: 1_790_000_000_000 + seq, event });

export function outboxCases({ store, newAppId }: SocialCaseContext): void {
  const log = () => store().socialChanges;

  describe('social peer outbox', () => {
    it('a user without an outbox has nothing pending', async () => {
      const id = newAppId();
      await log().appendChanges(id, 'u', changes(1, 2));
      expect(await log().pendingPeerEvents(id, 'u', undefined, 10)).toEqual([]);
    });

    it('stores events with their changes and lists them by seq, then peer in code-point order', async () => {
      const id = newAppId();
      await log().appendChanges(id, 'u', changes(1, 2), [ev(2, 'b', { e: 'added', wording: '😀', n: 1 }), ev(1, 'z')]);
      await log().appendChanges(id, 'u', [change(3)], UNICODE_IDS.map((p) => ev(3, p)));
      const all = await log().pendingPeerEvents(id, 'u', undefined, 100);
      expect(all).toEqual([ev(1, 'z'), ev(2, 'b', { e: 'added', wording: '😀', n: 1 }), ...UNICODE_ORDER.map((p) => ev(3, p))]);
      expect(await log().maxSeq(id, 'u')).toBe(3);
    });

    it('pages with a cursor, and peerId "" starts at the first peer of a seq', async () => {
      const id = newAppId();
      await log().appendChanges(id, 'u', changes(1, 3), [ev(1, 'a'), ev(1, 'b'), ev(2, 'a'), ev(3, 'c')]);
      expect(await log().pendingPeerEvents(id, 'u', undefined, 2)).toEqual([ev(1, 'a'), ev(1, 'b')]);
      expect(await log().pendingPeerEvents(id, 'u', { seq: 1, peerId: 'b' }, 2)).toEqual([ev(2, 'a'), ev(3, 'c')]);
      expect(await log().pendingPeerEvents(id, 'u', { seq: 1, peerId: 'a' }, 1)).toEqual([ev(1, 'b')]);
      expect(await log().pendingPeerEvents(id, 'u', { seq: 2, peerId: '' }, 10)).toEqual([ev(2, 'a'), ev(3, 'c')]);
      expect(await log().pendingPeerEvents(id, 'u', { seq: 4, peerId: '' }, 10)).toEqual([]);
    });

    it('clears events one by one, idempotently', async () => {
      const id = newAppId();
      await log().appendChanges(id, 'u', changes(1, 2), [ev(1, 'a'), ev(1, 'b'), ev(2, 'a')]);
      await log().clearPeerEvents(id, 'u', [{ seq: 1, peerId: 'a' }, { seq: 2, peerId: 'a' }]);
      await log().clearPeerEvents(id, 'u', [{ seq: 1, peerId: 'a' }, { seq: 9, peerId: 'x' }]);
      await log().clearPeerEvents(id, 'u', []);
      expect(await log().pendingPeerEvents(id, 'u', undefined, 10)).toEqual([ev(1, 'b')]);
    });

    it('re-appending seqs with an outbox replaces their events; without one keeps them', async () => {
      const id = newAppId();
      await log().appendChanges(id, 'u', changes(1, 3), [ev(1, 'a'), ev(2, 'a'), ev(2, 'b'), ev(3, 'c')]);
      await log().appendChanges(id, 'u', changes(2, 3), [ev(2, 'x')]);
      expect(await log().pendingPeerEvents(id, 'u', undefined, 10)).toEqual([ev(1, 'a'), ev(2, 'x')]);
      await log().appendChanges(id, 'u', changes(4, 4), []);
      await log().appendChanges(id, 'u', changes(2, 2));
      expect(await log().pendingPeerEvents(id, 'u', undefined, 10)).toEqual([ev(1, 'a'), ev(2, 'x')]);
    });

    it('holds a delete-all sized outbox on one seq', async () => {
      const id = newAppId();
      const peers = Array.from({ length: 3000 }, (_, i) => `p${String(i).padStart(4, '0')}`);
      await log().appendChanges(id, 'u', [change(1)], peers.map((p) => ev(1, p)));
      const first = await log().pendingPeerEvents(id, 'u', undefined, 1000);
      const last = await log().pendingPeerEvents(id, 'u', { seq: 1, peerId: 'p2499' }, 1000);
      expect(first.map((e) => e.peerId)).toEqual(peers.slice(0, 1000));
      expect(last.map((e) => e.peerId)).toEqual(peers.slice(2500));
    });

    it('apps and users are isolated', async () => {
      const [a, b] = [newAppId(), newAppId()];
      await log().appendChanges(a, 'u', [change(1)], [ev(1, 'p')]);
      await log().appendChanges(b, 'u', [change(1)], [ev(1, 'q')]);
      await log().appendChanges(a, 'v', [change(1)], [ev(1, 'r')]);
      await log().clearPeerEvents(b, 'u', [{ seq: 1, peerId: 'p' }]);
      expect(await log().pendingPeerEvents(a, 'u', undefined, 10)).toEqual([ev(1, 'p')]);
      expect(await log().pendingPeerEvents(b, 'u', undefined, 10)).toEqual([ev(1, 'q')]);
      expect(await log().pendingPeerEvents(a, 'v', undefined, 10)).toEqual([ev(1, 'r')]);
    });

    it('returned and passed events are copies', async () => {
      const id = newAppId();
      const given = ev(1, 'a', { e: 'added', list: ['x'] });
      await log().appendChanges(id, 'u', [change(1)], [given]);
      (given.event as { list: string[] }).list.push('changed');
      const [read] = await log().pendingPeerEvents(id, 'u', undefined, 10);
      (read!.event as { list: string[] }).list.push('changed again');
      expect(await log().pendingPeerEvents(id, 'u', undefined, 10)).toEqual([ev(1, 'a', { e: 'added', list: ['x'] })]);
    });

    it('refuses malformed outboxes, cursors and refs, writing nothing', async () => {
      const id = newAppId();
      const append = (outbox: unknown) => log().appendChanges(id, 'u', changes(1, 2), outbox as PeerOutboxEvent[]);
      await expect(append('x')).rejects.toThrow(/outbox must be an array/);
      await expect(append([ev(3, 'a')])).rejects.toThrow(/appended seqs 1\.\.2/);
      await expect(append([ev(0, 'a')])).rejects.toThrow(/appended seqs/);
      await expect(append([ev(1, 'a'), ev(1, 'a')])).rejects.toThrow(/two events/);
      await expect(append([ev(1, '')])).rejects.toThrow(/user/i);
      await expect(append([{ ...ev(1, 'a'), time: -1 }])).rejects.toThrow(/time/);
      await expect(append([ev(1, 'a', 'x'.repeat(3000))])).rejects.toThrow(/at most 2048 bytes/);
      await expect(append([ev(1, 'a', { f: () => 1 } as never)])).rejects.toThrow(/event/);
      await expect(append(Array.from({ length: MAX_PEER_EVENTS_PER_APPEND + 1 }, (_, i) => ev(1, `p${i}`)))).rejects.toThrow(/at most 5000/);
      expect(await log().maxSeq(id, 'u')).toBe(0);
      expect(await log().pendingPeerEvents(id, 'u', undefined, 10)).toEqual([]);
      await expect(log().pendingPeerEvents(id, 'u', undefined, 0)).rejects.toThrow(/limit/);
      await expect(log().pendingPeerEvents(id, 'u', undefined, 1001)).rejects.toThrow(/limit/);
      await expect(log().pendingPeerEvents(id, 'u', { seq: -1, peerId: '' }, 1)).rejects.toThrow(/after\.seq/);
      await expect(log().pendingPeerEvents(id, 'u', 'x' as never, 1)).rejects.toThrow(/after must be an object/);
      await expect(log().pendingPeerEvents(0, 'u', undefined, 1)).rejects.toThrow(/sdkAppId/i);
      await expect(log().clearPeerEvents(id, 'u', [{ seq: 0, peerId: 'a' }])).rejects.toThrow(/ref\.seq/);
      await expect(log().clearPeerEvents(id, 'u', [{ seq: 1, peerId: '' }])).rejects.toThrow(/user/i);
      await expect(log().clearPeerEvents(id, 'u', 'x' as never)).rejects.toThrow(/refs must be an array/);
    });
  });
}
