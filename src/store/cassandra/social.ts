// The social-graph stores of the Cassandra store (see relationships.ts), built together over one
// client so the factory gains one line for the whole social graph. Tables: social-tables.ts.
import type { Client } from 'cassandra-driver';
import type { SocialStores } from '../relationships.js';
import { CassandraBlocklistStore } from './blocklist.js';
import { CassandraFriendListStore } from './friend-lists.js';
import { CassandraFriendRequestStore } from './friend-requests.js';
import { CassandraFriendStore } from './friends.js';
import { CassandraProfileStore } from './profiles.js';
import { CassandraSocialChangeStore } from './social-changes.js';

export function cassandraSocialStores(client: Client, keyspace: string): SocialStores {
  return {
    profiles: new CassandraProfileStore(client, keyspace),
    friends: new CassandraFriendStore(client, keyspace),
    friendRequests: new CassandraFriendRequestStore(client, keyspace),
    blocklist: new CassandraBlocklistStore(client, keyspace),
    friendLists: new CassandraFriendListStore(client, keyspace),
    socialChanges: new CassandraSocialChangeStore(client, keyspace),
  };
}
