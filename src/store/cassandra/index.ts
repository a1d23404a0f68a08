// The clustered Store: connects, migrates the keyspace (schema.ts, safe from several processes at
// once) and serves apps and accounts with prepared statements at the configured consistency. A
// write's promise resolves only once Cassandra acknowledged it at that consistency. getApp and
// getAccount are coalesced per process (read-coalescer.ts).
import { systemClock } from '../../lib/clock.js';
import type { Store } from '../index.js';
import { CassandraAccountStore } from './accounts.js';
import { CassandraAppStore } from './apps.js';
import { type CassandraStoreOptions, checkCassandraOptions, createCassandraClient } from './client.js';
import { cassandraGroupStores } from './group-stores.js';
import type { MessageStores } from '../messages.js';
import { type CassandraMessageOptions, checkMessageOptions, openCassandraMessageStores } from './message-stores.js';
import { migrate } from './migrate.js';
import { cassandraSocialStores } from './social.js';
import { CassandraPushRegistryStore } from './push-registry.js';
import { CassandraNoSpeakingStore } from './no-speaking.js';
import { CassandraUserAttrStore } from './user-attrs.js';

export type { CassandraConsistency, CassandraStoreOptions } from './client.js';
export type { CassandraMessageOptions } from './message-stores.js';

export async function openCassandraStore(opts: CassandraStoreOptions & CassandraMessageOptions): Promise<Store> {
  checkCassandraOptions(opts);
  checkMessageOptions(opts);
  const client = createCassandraClient(opts);
  let messageStores: MessageStores;
  try {
    await client.connect();
    await migrate(client, opts);
    messageStores = await openCassandraMessageStores(client, opts);
  } catch (e) {
    await client.shutdown().catch(() => {});
    throw new Error(`cassandra store at ${opts.contactPoints.join(',')}: ${(e as Error).message}`, { cause: e });
  }
  opts.log?.info('cassandra store ready', { keyspace: opts.keyspace, consistency: opts.consistency ?? 'LOCAL_QUORUM' });
  let closing: Promise<void> | undefined;
  return {
    apps: new CassandraAppStore(client, opts.keyspace),
    accounts: new CassandraAccountStore(client, opts.keyspace),
    ...cassandraSocialStores(client, opts.keyspace),
    ...messageStores,
    // Join requests expire by Cassandra's own clock (TTL); reads compare with the system clock.
    ...cassandraGroupStores(client, opts.keyspace, systemClock),
    pushRegistry: new CassandraPushRegistryStore(client, opts.keyspace),
    noSpeaking: new CassandraNoSpeakingStore(client, opts.keyspace),
    userAttrs: new CassandraUserAttrStore(client, opts.keyspace),
    close: () => (closing ??= client.shutdown()),
  };
}
