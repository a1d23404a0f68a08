// DDL of the offline-push tables (migration 6 'push_registry' in schema.ts; append-only). Every
// partition key starts with sdkappid.
// - push_devices: one partition per user (≤ MAX_PUSH_DEVICES_PER_USER rows); topic '' and
//   sandbox false when absent, never null.
// - push_tokens: the token index (app, token) -> device, so a token moving to another user and a
//   dead token are found in one read.
// - push_recv_opts: one partition per conversation, so the receive options of every recipient of
//   a message are one `owner_id IN ?` read; only non-zero options have rows.
export const PUSH_REGISTRY_TABLES: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS {ks}.push_devices (
    sdkappid bigint,
    user_id text,
    device_id text,
    platform text,
    push_token text,
    topic text,
    sandbox boolean,
    updated_at bigint,
    PRIMARY KEY ((sdkappid, user_id), device_id))`,
  `CREATE TABLE IF NOT EXISTS {ks}.push_tokens (
    sdkappid bigint,
    push_token text,
    user_id text,
    device_id text,
    PRIMARY KEY ((sdkappid, push_token)))`,
  `CREATE TABLE IF NOT EXISTS {ks}.push_recv_opts (
    sdkappid bigint,
    conv_id text,
    owner_id text,
    opt int,
    PRIMARY KEY ((sdkappid, conv_id), owner_id))`,
];
