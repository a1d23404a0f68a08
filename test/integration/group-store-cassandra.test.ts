// The group store contract against a real Cassandra (IM_IT_CASSANDRA), in a random keyspace per
// run that is dropped afterwards, with the persistence cases (a second client on the same
// keyspace), plus what only Cassandra has: update residues stay invisible, and rows written by one
// client are read by another at every consistency.
import { describe, expect, it } from 'vitest';
import { group, member } from '../contract/group-fixtures.js';
import { groupStoreContract } from '../contract/group-store.contract.js';
import { itKeyspace } from '../support/it-keyspace.js';

const ks = itKeyspace('it_groups');

groupStoreContract('cassandra', {
  open: () => ks.open(),
  reopen: async () => ({ store: await ks.open(), again: () => ks.open() }),
});

describe('cassandra group store behaviour', () => {
  it('an update of a non-member leaves no visible member, count or privileged entry; adding them later starts clean', async () => {
    const s = await ks.open();
    const app = 1_400_000_201;
    await s.groupMembers.addMembers(app, 'g', [member('real')]);
    await s.groupMembers.updateMembers(app, 'g', [{ userId: 'ghost', role: 'Admin', nameCard: 'boo', readSeq: 9 }]);
    expect(await s.groupMembers.countMembers(app, 'g')).toBe(1);
    expect((await s.groupMembers.listMembers(app, 'g', { limit: 10 })).members.map((m) => m.userId)).toEqual(['real']);
    expect(await s.groupMembers.listPrivileged(app, 'g')).toEqual([]);
    expect(await s.groupMembers.removeMembers(app, 'g', ['ghost'])).toEqual([]);
    expect(await s.groupMembers.addMembers(app, 'g', [member('ghost')])).toEqual([]);
    expect((await s.groupMembers.getMembers(app, 'g', ['ghost'])).get('ghost')).toEqual(member('ghost'));
    expect(await s.groupMembers.listPrivileged(app, 'g')).toEqual([]);
  });

  it('rows written through one client are read through another at every consistency', async () => {
    const writer = await ks.open({ consistency: 'QUORUM' });
    const app = 1_400_000_202;
    const g = group('@TGS#_shared', { type: 'Community', custom: { K: 'v' } });
    await writer.groups.createGroup(app, g);
    await writer.groupMembers.addMembers(app, g.groupId, [member('o', { role: 'Owner' })]);
    for (const consistency of ['ONE', 'LOCAL_QUORUM', 'QUORUM'] as const) {
      const reader = await ks.open({ consistency });
      expect(await reader.groups.getGroup(app, g.groupId)).toEqual(g);
      expect(await reader.groups.createGroup(app, g)).toBe(false);
      expect((await reader.groupMembers.listPrivileged(app, g.groupId)).map((m) => m.userId)).toEqual(['o']);
    }
  });
});
