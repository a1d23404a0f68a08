// The social store contract against a real Cassandra (IM_IT_CASSANDRA), in a random keyspace per
// run that is dropped afterwards, with the persistence cases (a second client on the same
// keyspace), plus what only Cassandra has: the change log's head cannot be lowered by a late
// write, and social rows written by one client are read by another at every consistency.
import { Client } from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomId } from '../../src/lib/ids.js';
import { openCassandraStore, type CassandraStoreOptions } from '../../src/store/cassandra/index.js';
import type { Store } from '../../src/store/index.js';
import { change, changes, friend } from '../contract/social-fixtures.js';
import { socialStoreContract } from '../contract/social-store.contract.js';
import { itEnv } from '../support/it-env.js';

let cassandra: { contactPoints: string[]; localDataCenter: string } | undefined;
const keyspace = `it_social_${randomId(6)}`;
const options = (over: Partial<CassandraStoreOptions> = {}): CassandraStoreOptions => {
  if (!cassandra) throw new Error('IM_IT_CASSANDRA was not read (beforeAll did not run)');
  return { ...cassandra, keyspace, replicationFactor: 1, ...over };
};

beforeAll(() => {
  cassandra = itEnv().cassandra;
});

afterAll(async () => {
  if (!cassandra) return;
  const admin = new Client({ ...cassandra });
  try {
    await admin.connect();
    await admin.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`, [], { readTimeout: 60_000 });
  } finally {
    await admin.shutdown();
  }
});

socialStoreContract('cassandra', {
  open: () => openCassandraStore(options()),
  reopen: async () => ({ store: await openCassandraStore(options()), again: () => openCassandraStore(options()) }),
});

describe('cassandra social store behaviour', () => {
  const stores: Store[] = [];
  const open = async (over: Partial<CassandraStoreOptions> = {}) => {
    const s = await openCassandraStore(options(over));
    stores.push(s);
    return s;
  };
  afterAll(async () => {
    for (const s of stores) await s.close();
  });

  it('a stale writer re-appending older seqs cannot lower maxSeq', async () => {
    const [owner, stale] = [await open(), await open()];
    const app = 1_400_000_100;
    await owner.socialChanges.appendChanges(app, 'u', changes(1, 5));
    await stale.socialChanges.appendChanges(app, 'u', [change(3, { kind: 'late' })]);
    expect(await owner.socialChanges.maxSeq(app, 'u')).toBe(5);
    expect(await stale.socialChanges.maxSeq(app, 'u')).toBe(5);
  });

  it('rows written through one client are read through another at every consistency', async () => {
    const writer = await open({ consistency: 'QUORUM' });
    const app = 1_400_000_101;
    await writer.friends.putFriends(app, '写者', [friend('读者', { groups: ['同学'], custom: { Tag_SNS_Custom_K: 1 } })]);
    await writer.profiles.setProfile(app, '写者', { Tag_Profile_IM_Nick: 'W' });
    for (const consistency of ['ONE', 'LOCAL_QUORUM', 'QUORUM'] as const) {
      const reader = await open({ consistency });
      expect((await reader.friends.getFriends(app, '写者', ['读者'])).get('读者')).toEqual(friend('读者', { groups: ['同学'], custom: { Tag_SNS_Custom_K: 1 } }));
      expect(await reader.friends.usersWithFriend(app, ['写者'], '读者')).toEqual(['写者']);
      expect((await reader.profiles.getProfiles(app, ['写者'])).get('写者')).toEqual({ Tag_Profile_IM_Nick: 'W' });
    }
  });

  it('a put larger than one batch (big custom fields) lands whole', async () => {
    const s = await open();
    const app = 1_400_000_102;
    const big = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`Tag_SNS_Custom_F${i}`, 'v'.repeat(1000)]));
    const rows = Array.from({ length: 200 }, (_, i) => friend(`p${String(i).padStart(3, '0')}`, { custom: big }));
    await s.friends.putFriends(app, 'o', rows);
    expect(await s.friends.countFriends(app, 'o')).toBe(200);
    expect((await s.friends.listFriends(app, 'o', { limit: 5000 })).friends).toEqual(rows);
  });
});
