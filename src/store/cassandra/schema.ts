// The Cassandra schema as an ordered list of migrations, applied by migrate.ts and recorded in
// <keyspace>.schema_migrations. Append only: never edit or renumber an applied entry (migrate
// refuses a recorded id whose name changed). Every statement must be idempotent (IF NOT EXISTS),
// because several processes may run the same migration at once. `{ks}` is the keyspace.
// Every partition key starts with sdkappid (invariant 5: one app never reads another's rows).

import { GROUP_TABLES } from './group-tables.js';
import { MESSAGE_TABLES } from './message-tables.js';
import { PUSH_REGISTRY_TABLES } from './push-registry-tables.js';
import { NO_SPEAKING_TABLES } from './no-speaking-tables.js';
import { SOCIAL_OUTBOX_TABLES, SOCIAL_TABLES } from './social-tables.js';
import { USER_ATTR_TABLES } from './user-attrs-tables.js';

export interface Migration {
  id: number;
  name: string;
  statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'apps',
    // One partition per app; listApps scans this table, which holds one row per tenant.
    statements: [
      `CREATE TABLE IF NOT EXISTS {ks}.apps (
        sdkappid bigint PRIMARY KEY,
        secret_key text,
        admins list<text>,
        name text,
        login_policy text,
        created_at bigint)`,
    ],
  },
  {
    id: 2,
    name: 'accounts',
    // One partition per account: the partition can never grow, and a batch read is an IN over
    // the last partition-key column (see accounts.ts). sig_floor is unix seconds, 0 when unset.
    statements: [
      `CREATE TABLE IF NOT EXISTS {ks}.accounts (
        sdkappid bigint,
        user_id text,
        nick text,
        face_url text,
        imported_at bigint,
        sig_floor bigint,
        PRIMARY KEY ((sdkappid, user_id)))`,
    ],
  },
  {
    id: 3,
    name: 'social_graph',
    // Issue 4, see social-tables.ts: profiles, friends, friend requests, blocklist, friend lists
    // and the per-user change log, each owner's rows one partition.
    statements: SOCIAL_TABLES,
  },
  {
    id: 4,
    name: 'messages_storage',
    // Issue 3, see message-tables.ts: bucketed timelines, key index, heads, per-user hidden seqs,
    // sequence blocks, conversations (recent contacts), dedup marks, store settings.
    statements: MESSAGE_TABLES,
  },
  {
    id: 5,
    name: 'social_outbox_table',
    // Durable peer delivery of two-sided social operations (docs/social-graph.md, consistency).
    statements: SOCIAL_OUTBOX_TABLES,
  },
  {
    id: 6,
    name: 'push_registry',
    // Issue 3 item 10, see push-registry-tables.ts: push devices, token index, receive options.
    statements: PUSH_REGISTRY_TABLES,
  },
  {
    id: 7,
    name: 'no_speaking',
    // Global mute deadlines per user (openconfigsvr setnospeaking), see no-speaking-tables.ts.
    statements: NO_SPEAKING_TABLES,
  },
  {
    id: 8,
    name: 'user_attrs',
    // All-member push audiences: attribute names per app, bucketed per-user attrs and tags, see
    // user-attrs-tables.ts.
    statements: USER_ATTR_TABLES,
  },
  {
    id: 9,
    name: 'groups',
    // Issue 5, see group-tables.ts: group records, the app's group list, bucketed members with the
    // owner/admin index, joined groups per user, join requests, Community topics.
    statements: GROUP_TABLES,
  },
];

export const qualify = (cql: string, keyspace: string): string => cql.replaceAll('{ks}', keyspace);
