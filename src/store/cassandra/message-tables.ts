// DDL of the message-path tables (migration 'messages_storage' in schema.ts; append-only: a later
// change is a new migration, never an edit here). Every partition key starts with sdkappid.
// - messages: one partition per (conversation, bucket of TIMELINE_BUCKET_SIZE seqs); rows expire by
//   per-write TTL. Absent optional fields use sentinels ('' / -1), never null, so an append writes
//   no tombstones. Bodies and extra are JSON text.
// - message_heads.max_seq is written USING TIMESTAMP = seq, so the highest seq wins whatever the
//   arrival order, without a read; nothing else may write that cell.
// - conversations.read_seq, likewise, is written only USING TIMESTAMP = readSeq (monotonic without
//   a read), and must never be deleted: remove() deletes the other columns only.
// - seq_blocks and dedup are written only by lightweight transactions.
// - store_settings holds facts checked at open: keyspace-wide ones (the bucket size) under
//   sdkappid 0, which no app has (SDKAppIDs start at 1).
export const MESSAGE_TABLES: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS {ks}.store_settings (
    sdkappid bigint,
    name text,
    value text,
    PRIMARY KEY ((sdkappid, name)))`,
  `CREATE TABLE IF NOT EXISTS {ks}.messages (
    sdkappid bigint,
    conv_id text,
    bucket bigint,
    seq bigint,
    msg_key text,
    from_user text,
    to_user text,
    msg_time bigint,
    msg_random bigint,
    client_seq bigint,
    body text,
    cloud_custom_data text,
    recalled boolean,
    edited boolean,
    extra text,
    PRIMARY KEY ((sdkappid, conv_id, bucket), seq))`,
  `CREATE TABLE IF NOT EXISTS {ks}.message_keys (
    sdkappid bigint,
    conv_id text,
    msg_key text,
    seq bigint,
    PRIMARY KEY ((sdkappid, conv_id, msg_key)))`,
  `CREATE TABLE IF NOT EXISTS {ks}.message_heads (
    sdkappid bigint,
    conv_id text,
    max_seq bigint,
    PRIMARY KEY ((sdkappid, conv_id)))`,
  `CREATE TABLE IF NOT EXISTS {ks}.hidden_messages (
    sdkappid bigint,
    user_id text,
    conv_id text,
    bucket bigint,
    seq bigint,
    PRIMARY KEY ((sdkappid, user_id, conv_id, bucket), seq))`,
  `CREATE TABLE IF NOT EXISTS {ks}.seq_blocks (
    sdkappid bigint,
    conv_id text,
    hi bigint,
    PRIMARY KEY ((sdkappid, conv_id)))`,
  `CREATE TABLE IF NOT EXISTS {ks}.conversations (
    sdkappid bigint,
    owner_id text,
    conv_id text,
    conv_type text,
    peer text,
    last_seq bigint,
    last_time bigint,
    last_msg text,
    read_seq bigint,
    no_unread set<bigint>,
    pinned boolean,
    pinned_at bigint,
    deleted boolean,
    deleted_at bigint,
    updated_at bigint,
    PRIMARY KEY ((sdkappid, owner_id), conv_id))`,
  `CREATE TABLE IF NOT EXISTS {ks}.dedup (
    sdkappid bigint,
    scope text,
    dkey text,
    mark text,
    PRIMARY KEY ((sdkappid, scope, dkey)))`,
];
