// DDL of the social-graph tables (migration 'social_graph' in schema.ts; append-only like every
// migration: a later change is a new migration, never an edit here). Every partition key starts
// with sdkappid. Tag values and change payloads are JSON text. The change log partitions by seq
// bucket and expires by the table's default TTL; its head (max_seq) never expires.
import { SOCIAL_CHANGE_RETENTION_MS } from '../social-changes.js';

export const SOCIAL_TABLES: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS {ks}.profiles (
    sdkappid bigint,
    user_id text,
    tags map<text, text>,
    PRIMARY KEY ((sdkappid, user_id)))`,
  `CREATE TABLE IF NOT EXISTS {ks}.friends (
    sdkappid bigint,
    owner_id text,
    peer_id text,
    remark text,
    groups set<text>,
    add_source text,
    add_wording text,
    add_time bigint,
    remark_time bigint,
    custom map<text, text>,
    PRIMARY KEY ((sdkappid, owner_id), peer_id))`,
  `CREATE TABLE IF NOT EXISTS {ks}.friend_requests (
    sdkappid bigint,
    user_id text,
    box text,
    peer_id text,
    add_source text,
    add_wording text,
    remark text,
    group_name text,
    add_type text,
    time bigint,
    PRIMARY KEY ((sdkappid, user_id, box), peer_id))`,
  `CREATE TABLE IF NOT EXISTS {ks}.blocklist (
    sdkappid bigint,
    owner_id text,
    peer_id text,
    add_time bigint,
    PRIMARY KEY ((sdkappid, owner_id), peer_id))`,
  `CREATE TABLE IF NOT EXISTS {ks}.friend_lists (
    sdkappid bigint,
    owner_id text,
    name text,
    created_at bigint,
    PRIMARY KEY ((sdkappid, owner_id), name))`,
  `CREATE TABLE IF NOT EXISTS {ks}.social_changes (
    sdkappid bigint,
    user_id text,
    bucket bigint,
    seq bigint,
    kind text,
    time bigint,
    data text,
    PRIMARY KEY ((sdkappid, user_id, bucket), seq))
    WITH default_time_to_live = ${SOCIAL_CHANGE_RETENTION_MS / 1000}`,
  `CREATE TABLE IF NOT EXISTS {ks}.social_change_heads (
    sdkappid bigint,
    user_id text,
    max_seq bigint,
    PRIMARY KEY ((sdkappid, user_id)))`,
];

/** Migration 'social_outbox_table': peer-side events owed by a user's actor (peer-outbox.ts), one
 *  partition per owner, clustered oldest first. No TTL: the actor gives up on its own bound. */
export const SOCIAL_OUTBOX_TABLES: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS {ks}.social_outbox (
    sdkappid bigint,
    user_id text,
    seq bigint,
    peer_id text,
    time bigint,
    event text,
    PRIMARY KEY ((sdkappid, user_id), seq, peer_id))`,
];
