// Migration 8 (user_attrs): push attribute names per app and per-user push attributes and tags
// (store/user-attrs.ts). User rows are partitioned by (sdkappid, bucket) with bucket = a hash of
// the user id modulo USER_ATTR_BUCKETS, so one app's tagged users spread over a fixed number of
// bounded partitions and an audience scan reads only them (never other apps' rows), bucket by
// bucket in user-id order. Attribute values are keyed by slot (0..9), not name.
export const USER_ATTR_TABLES: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS {ks}.push_attr_names (
    sdkappid bigint PRIMARY KEY,
    names map<int, text>)`,
  `CREATE TABLE IF NOT EXISTS {ks}.push_user_attrs (
    sdkappid bigint,
    bucket int,
    user_id text,
    attrs map<int, text>,
    tags set<text>,
    PRIMARY KEY ((sdkappid, bucket), user_id))`,
];
