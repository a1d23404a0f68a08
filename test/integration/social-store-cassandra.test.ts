// The social store contract against a real Cassandra (IM_IT_CASSANDRA), in a random keyspace per
// run that is dropped afterwards, with the persistence cases (a second client on the same
// keyspace), plus what only Cassandra has: the change log's head cannot be lowered by a late
// write, and social rows written by one client are read by another at every consistency.
import { describe, expect, it } from 'vitest';
import { change, changes, friend } from '../contract/social-fixtures.js';
import { socialStoreContract } from '../contract/social-store.contract.js';
import { itKeyspace } from '../support/it-keyspace.js';

const ks = itKeyspace('it_social');

socialStoreContract('cassandra', {
  open: () => ks.open(),
  reopen: async () => ({ store: await ks.open(), again: () => ks.open() }),
});

describe('cassandra social store behaviour', () => {
  it('a stale writer re-appending older seqs cannot lower maxSeq', async () => {
    const [owner, stale] = [await ks.open(), await ks.open()];
    const app = 1_400_000_100;
    await owner.socialChanges.appendChanges(app, 'u', changes(1, 5));
    await stale.socialChanges.appendChanges(app, 'u', [change(3, { kind: 'late' })]);
    expect(await owner.socialChanges.maxSeq(app, 'u')).toBe(5);
    expect(await stale.socialChanges.maxSeq(app, 'u')).toBe(5);
  });

  it('rows written through one client are read through another at every consistency', async () => {
    const writer = await ks.open({ consistency: 'QUORUM' });
    const app = 1_400_000_101;
    await writer.friends.putFriends(app, '写者', [friend('读者', { groups: ['同学'], custom: { Tag_SNS_Custom_K: 1 } })]);
    await writer.profiles.setProfile(app, '写者', { Tag_Profile_IM_Nick: 'W' });
    for (const consistency of ['ONE', 'LOCAL_QUORUM', 'QUORUM'] as const) {
      const reader = await ks.open({ consistency });
      expect((await reader.friends.getFriends(app, '写者', ['读者'])).get('读者')).toEqual(friend('读者', { groups: ['同学'], custom: { Tag_SNS_Custom_K: 1 } }));
      expect(await reader.friends.usersWithFriend(app, ['写者'], '读者')).toEqual(['写者']);
      expect((await reader.profiles.getProfiles(app, ['写者'])).get('写者')).toEqual({ Tag_Profile_IM_Nick: 'W' });
    }
  });

  it('a put larger than one batch (big custom fields) lands whole', async () => {
    const s = await ks.open();
    const app = 1_400_000_102;
    const big = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`Tag_SNS_Custom_F${i}`, 'v'.repeat(1000)]));
    const rows = Array.from({ length: 200 }, (_, i) => friend(`p${String(i).padStart(3, '0')}`, { custom: big }));
    await s.friends.putFriends(app, 'o', rows);
    expect(await s.friends.countFriends(app, 'o')).toBe(200);
    expect((await s.friends.listFriends(app, 'o', { limit: 5000 })).friends).toEqual(rows);
  });
});
