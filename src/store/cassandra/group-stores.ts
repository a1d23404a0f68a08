// The group stores of the Cassandra store (see groups.ts) over one client, so the factory gains
// one line for them. Tables: group-tables.ts (migration 9 'groups').
import type { Client } from 'cassandra-driver';
import type { Clock } from '../../lib/clock.js';
import type { GroupStores } from '../groups.js';
import { CassandraGroupJoinRequestStore, CassandraGroupTopicStore } from './group-extras.js';
import { CassandraGroupMemberStore } from './group-members.js';
import { CassandraGroupStore } from './groups.js';
import { CassandraJoinedGroupStore } from './joined-groups.js';

export function cassandraGroupStores(client: Client, keyspace: string, clock: Clock): GroupStores {
  return {
    groups: new CassandraGroupStore(client, keyspace),
    groupMembers: new CassandraGroupMemberStore(client, keyspace),
    joinedGroups: new CassandraJoinedGroupStore(client, keyspace),
    groupJoinRequests: new CassandraGroupJoinRequestStore(client, keyspace, clock),
    groupTopics: new CassandraGroupTopicStore(client, keyspace),
  };
}
