// The message-path stores of the Cassandra store (messages, seqs, conversations, dedup) over one
// client, so the factory gains one call for them. Opening checks the keyspace's timeline bucket
// size: it is fixed when the keyspace first serves messages (store_settings), because reading a
// timeline with another size would silently miss rows; a mismatch refuses to open.
import { type Client, types } from 'cassandra-driver';
import { checkInt } from '../message-records.js';
import { type MessageStores, TIMELINE_BUCKET_SIZE } from '../messages.js';
import type { CassandraStoreOptions } from './client.js';
import { CassandraConversationStore } from './conversations.js';
import { CassandraDedupStore } from './dedup.js';
import { CassandraMessageStore } from './messages.js';
import { CassandraSeqStore } from './seqs.js';

/** Largest bucket size accepted: a partition of this many messages is still comfortable. */
export const MAX_TIMELINE_BUCKET_SIZE = 100_000;
const BUCKET_SETTING = 'timeline_bucket_size';
/** store_settings rows that belong to the keyspace rather than an app. */
const KEYSPACE_WIDE = 0;

export interface CassandraMessageOptions {
  /** Seqs per timeline partition; TIMELINE_BUCKET_SIZE when absent. Tests use small ones. */
  timelineBucketSize?: number;
}

export function checkMessageOptions(opts: CassandraMessageOptions): void {
  if (opts.timelineBucketSize !== undefined) checkInt(opts.timelineBucketSize, 'cassandra timelineBucketSize', 1, MAX_TIMELINE_BUCKET_SIZE);
}

export async function openCassandraMessageStores(client: Client, opts: CassandraStoreOptions & CassandraMessageOptions): Promise<MessageStores> {
  const { keyspace } = opts;
  checkMessageOptions(opts);
  const size = opts.timelineBucketSize ?? TIMELINE_BUCKET_SIZE;
  const rs = await client.execute(
    `INSERT INTO ${keyspace}.store_settings (sdkappid, name, value) VALUES (?, ?, ?) IF NOT EXISTS`,
    [KEYSPACE_WIDE, BUCKET_SETTING, String(size)],
    { prepare: true },
  );
  const stored = rs.wasApplied() ? String(size) : (rs.first()?.get('value') as string);
  if (stored !== String(size)) {
    throw new Error(`keyspace ${keyspace} stores timelines in buckets of ${stored} seqs; this process is configured for ${size}`);
  }
  return {
    messages: new CassandraMessageStore(client, keyspace, size),
    // Matches createCassandraClient's serial level for the configured consistency.
    seqs: new CassandraSeqStore(client, keyspace, opts.consistency === 'QUORUM' ? types.consistencies.serial : types.consistencies.localSerial),
    conversations: new CassandraConversationStore(client, keyspace),
    dedup: new CassandraDedupStore(client, keyspace),
  };
}
