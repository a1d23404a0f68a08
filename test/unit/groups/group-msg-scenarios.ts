// Group message scenarios run against each store implementation (memory in the unit tests, LMDB,
// Cassandra in the integration tests): seqs across activations and a failed append, dedup within
// the window, recall placeholders and history visibility, receipts from read positions. Time-based
// expiry stays in the memory tests (a real backend's TTL follows the wall clock).
import { describe, expect, it } from 'vitest';
import { handleMessageTurn, sendGroupBatch } from '../../../src/groups/group-send.js';
import type { GroupSendResult } from '../../../src/groups/group-messages.js';
import { historyPage } from '../../../src/groups/group-msg-history.js';
import { receiptCount, receiptMembers } from '../../../src/groups/group-msg-receipts.js';
import type { Store } from '../../../src/store/index.js';
import type { FakeClock } from '../../support/fake-clock.js';
import { ADMIN, APP, addMembers, groupFixture, send, user } from './group-msg-fixture.js';

export interface ScenarioStores {
  /** A store on this clock; group ids are made unique per call by the scenarios. */
  open(clock: FakeClock): Store;
}

let n = 0;
const gid = (base: string) => `${base}-${process.pid}-${Date.now() % 1e6}-${n++}`;

export function groupMessageScenarios(name: string, stores: ScenarioStores): void {
  describe(`group messages over ${name}`, () => {
    it('keeps seqs gap-free across activations and a failed append, dedups within the window', async () => {
      const f = groupFixture({ store: (c) => stores.open(c) });
      const g = gid('seq');
      await f.createGroup(g, 'Public', { own: 'Owner', bob: 'Member' });
      const out = await sendGroupBatch(f.ctx(g), [send(g, user('own'), { Random: 1 }), send(g, user('bob'), { Random: 2 }), send(g, user('bob'), { Random: 1 })]);
      expect(out.map((o) => ('ok' in o ? (o.ok as GroupSendResult).seq : -1))).toEqual([1, 2, 1]);
      const ctx = f.ctx(g);
      const real = f.store.messages.appendMany.bind(f.store.messages);
      let fail = true;
      f.store.messages.appendMany = async (...a) => {
        if (!fail) return real(...a);
        fail = false;
        throw new Error('write timeout');
      };
      await expect(sendGroupBatch(ctx, [send(g, user('bob'), { Random: 3 })])).rejects.toThrow('write timeout');
      const again = await sendGroupBatch(f.ctx(g), [send(g, user('bob'), { Random: 3 }), send(g, user('own'), { Random: 2 })]);
      expect(again.map((o) => ('ok' in o ? (o.ok as GroupSendResult).seq : -1))).toEqual([3, 2]);
      const page = await f.store.messages.range(APP, `g:${g}`, { limit: 10, order: 'asc' });
      expect(page.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    });

    it('recalls to placeholders, hides history before joining, deletes by sender, counts receipts', async () => {
      const f = groupFixture({ store: (c) => stores.open(c) });
      const g = gid('hist');
      await f.createGroup(g, 'Work', { own: 'Owner', a: 'Member' });
      const ctx = f.ctx(g);
      for (let i = 1; i <= 3; i++) await handleMessageTurn(ctx, send(g, user('own'), { Random: i, NeedReadReceipt: 1 }));
      await addMembers(f, g, { late: 'Member' }, 3);
      await handleMessageTurn(ctx, send(g, user('own'), { Random: 4, NeedReadReceipt: 1 }));
      await handleMessageTurn(ctx, { t: 'recall', sdkAppId: APP, groupId: g, by: ADMIN, seqs: [2] });
      await handleMessageTurn(ctx, { t: 'receipt', sdkAppId: APP, groupId: g, by: user('a'), seqs: [3] });
      const record = (await f.store.groups.getGroup(APP, g))!;
      const late = (await f.member(g, 'late'))!;
      expect((await historyPage(f.store, APP, record, `g:${g}`, { limit: 10, viewer: late })).messages.map((m) => m.seq)).toEqual([4]);
      const all = await historyPage(f.store, APP, record, `g:${g}`, { limit: 10, withRecalled: true });
      expect(all.messages.map((m) => [m.seq, m.flags.recalled])).toEqual([
        [4, false],
        [3, false],
        [2, true],
        [1, false],
      ]);
      const members = await receiptMembers(f.store, APP, record);
      const [m3, m4] = await f.store.messages.getBySeqs(APP, `g:${g}`, [3, 4]);
      expect(receiptCount(members, m3!)).toEqual({ read: 1, unread: 0 });
      expect(receiptCount(members, m4!)).toEqual({ read: 0, unread: 2 });
      await handleMessageTurn(ctx, { t: 'deleteBySender', sdkAppId: APP, groupId: g, by: ADMIN, sender: 'own' });
      await handleMessageTurn(ctx, send(g, user('a'), { Random: 5 }));
      expect((await historyPage(f.store, APP, record, `g:${g}`, { limit: 10 })).messages.map((m) => [m.seq, m.from])).toEqual([[5, 'a']]);
    });
  });
}
