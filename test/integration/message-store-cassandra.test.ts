// The message-store contract against a real Cassandra (IM_IT_CASSANDRA) in a random keyspace with
// small timeline buckets (10 seqs), real TTLs (waits instead of a fake clock) and a second client
// as the peer; plus what only the bucketed layout has: rows land in their bucket partitions, a
// range over a sparse timeline stops after its bucket cap with a `next`, the bucket size is fixed
// per keyspace, and a seq whose append died before the head was raised is reclaimed.
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_BUCKETS_PER_RANGE } from '../../src/store/cassandra/message-range.js';
import type { Store } from '../../src/store/index.js';
import { msg, newConv, range, seqsOf } from '../contract/message-fixtures.js';
import { messageStoreContract } from '../contract/message-store.contract.js';
import { itKeyspace } from '../support/it-keyspace.js';

const BUCKET = 10;
const ks = itKeyspace('it_msg');
const { keyspace } = ks;
const open = (timelineBucketSize = BUCKET): Promise<Store> => ks.open({ timelineBucketSize });

messageStoreContract('cassandra', {
  open: () => open(),
  peer: () => open(),
  // Real TTLs: wait the time out. Cassandra expires at whole seconds, hence the contract's margin.
  advance: (seconds) => sleep(seconds * 1000),
  shortTtlSec: 3,
  bucketSize: BUCKET,
  reopen: async () => ({ store: await open(), again: () => open() }),
});

describe('cassandra message store layout', () => {
  let store: Store;
  const app = 1_400_000_077;
  beforeAll(async () => {
    store = await open();
  });

  it('stores each message in the partition of bucket floor(seq / bucket size)', async () => {
    const conv = newConv();
    for (const s of range(8, 21)) await store.messages.append(app, conv, msg(s));
    const bucket = async (b: number) =>
      (await ks.raw().execute(`SELECT seq FROM ${keyspace}.messages WHERE sdkappid = ? AND conv_id = ? AND bucket = ?`, [app, conv, b], { prepare: true })).rows.map(
        (r) => Number(r.get('seq')),
      );
    expect(await bucket(0)).toEqual([8, 9]);
    expect(await bucket(1)).toEqual(range(10, 19));
    expect(await bucket(2)).toEqual([20, 21]);
  });

  it(`a range over a sparse timeline stops after ${MAX_BUCKETS_PER_RANGE} buckets and continues from next`, async () => {
    const conv = newConv();
    const far = (MAX_BUCKETS_PER_RANGE + 8) * BUCKET + 3;
    await store.messages.append(app, conv, msg(1));
    await store.messages.append(app, conv, msg(far));
    const first = await store.messages.range(app, conv, { limit: 10, order: 'asc' });
    expect(seqsOf(first.messages)).toEqual([1]);
    expect(first.next).toBe(MAX_BUCKETS_PER_RANGE * BUCKET);
    const second = await store.messages.range(app, conv, { fromSeq: first.next!, limit: 10, order: 'asc' });
    expect(second).toEqual({ messages: [msg(far)] });
    const down = await store.messages.range(app, conv, { limit: 10, order: 'desc' });
    expect(seqsOf(down.messages)).toEqual([far]);
    expect(down.next).toBeDefined();
    const rest = await store.messages.range(app, conv, { toSeq: down.next!, limit: 10, order: 'desc' });
    expect(rest).toEqual({ messages: [msg(1)] });
  });

  it('refuses to open a keyspace with another bucket size', async () => {
    await expect(open(1000)).rejects.toThrow(/buckets of 10 seqs; this process is configured for 1000/);
    await expect(open(0)).rejects.toThrow(/timelineBucketSize/);
  });

  it('a seq whose append stopped before the head was raised is reclaimed by the next owner', async () => {
    const conv = newConv();
    await store.messages.append(app, conv, msg(1));
    // What a crash between the row write and the head write leaves: a row above maxSeq.
    await ks.raw().execute(
      `INSERT INTO ${keyspace}.messages (sdkappid, conv_id, bucket, seq, msg_key, from_user, to_user, msg_time, msg_random, client_seq, body, cloud_custom_data, recalled, edited, extra)
       VALUES (?, ?, 0, 2, '2_5_1', 'alice', '', 1, 1, -1, '[]', '', false, false, '{}')`,
      [app, conv],
      { prepare: true },
    );
    const next = (await store.messages.maxSeq(app, conv)) + 1;
    expect(next).toBe(2);
    await store.messages.append(app, conv, msg(next));
    expect((await store.messages.range(app, conv, { limit: 10, order: 'asc' })).messages).toEqual([msg(1), msg(2)]);
    expect(await store.messages.getByKey(app, conv, '2_5_1')).toBeUndefined();
    expect(await store.messages.maxSeq(app, conv)).toBe(2);
  });
});
