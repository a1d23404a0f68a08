// DDL of the global-mute table (migration 7 'no_speaking' in schema.ts; append-only). One
// partition per (app, user), like accounts, so getMany is an IN over the last partition-key
// column. Deadlines are unix seconds; a missing cell reads as 0 (a partial set writes one column).
export const NO_SPEAKING_TABLES: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS {ks}.no_speaking (
    sdkappid bigint,
    user_id text,
    c2c_until bigint,
    group_until bigint,
    PRIMARY KEY ((sdkappid, user_id)))`,
];
