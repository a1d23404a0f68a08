// Creates the keyspace if missing and applies the pending entries of schema.ts in id order,
// recording each in <keyspace>.schema_migrations. Safe to run from several processes at once:
// all DDL is IF NOT EXISTS and an "already exists" answer from a concurrent creator is success.
// Gotcha: concurrent CREATE TABLE through different coordinators can
// still race on table ids (no transactional cluster metadata in 5.0); on a multi-node cluster,
// let one process migrate before the others start when a release adds a table.
import { type Client, types } from 'cassandra-driver';
import type { Logger } from '../../lib/log.js';
import { checkDataCenterName, checkKeyspaceName, checkReplicationFactor } from './client.js';
import { type Migration, MIGRATIONS, qualify } from './schema.js';

/** DDL waits for schema agreement across nodes; a busy small box needs more than the 12 s default. */
export const DDL_TIMEOUT_MS = 60_000;

export interface MigrateOptions {
  keyspace: string;
  replicationFactor: number;
  localDataCenter: string;
  log?: Logger;
}

/** Returns the ids this call applied (empty when the schema was already current). */
export async function migrate(client: Client, opts: MigrateOptions, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  checkKeyspaceName(opts.keyspace);
  checkDataCenterName(opts.localDataCenter);
  checkReplicationFactor(opts.replicationFactor);
  checkOrder(migrations);
  const ks = opts.keyspace;
  // NetworkTopologyStrategy keyed by the local DC: correct for one DC and ready for more.
  const { log } = opts;
  await ddl(
    client,
    `CREATE KEYSPACE IF NOT EXISTS ${ks} WITH replication = {'class': 'NetworkTopologyStrategy', '${opts.localDataCenter}': ${opts.replicationFactor}}`,
    log,
  );
  await ddl(client, `CREATE TABLE IF NOT EXISTS ${ks}.schema_migrations (id int PRIMARY KEY, name text, applied_at timestamp)`, log);

  const recorded = new Map<number, string>();
  for await (const row of await client.execute(`SELECT id, name FROM ${ks}.schema_migrations`, [], { prepare: true })) {
    recorded.set(row.get('id') as number, row.get('name') as string);
  }
  const known = new Set(migrations.map((m) => m.id));
  for (const [id, name] of recorded) {
    const m = migrations.find((x) => x.id === id);
    if (m && m.name !== name) {
      throw new Error(`schema migration ${id} is recorded as "${name}" but the code calls it "${m.name}": applied migrations must not be edited`);
    }
    if (!known.has(id)) log?.warn('keyspace has a schema migration this code does not know', { keyspace: ks, id, name });
  }

  const applied: number[] = [];
  for (const m of migrations) {
    if (recorded.has(m.id)) continue;
    for (const stmt of m.statements) await ddl(client, qualify(stmt, ks), log);
    await client.execute(`INSERT INTO ${ks}.schema_migrations (id, name, applied_at) VALUES (?, ?, ?)`, [m.id, m.name, new Date()], {
      prepare: true,
    });
    log?.info('schema migration applied', { keyspace: ks, id: m.id, name: m.name });
    applied.push(m.id);
  }
  return applied;
}

async function ddl(client: Client, cql: string, log?: Logger): Promise<void> {
  try {
    const rs = await client.execute(cql, [], { prepare: false, readTimeout: DDL_TIMEOUT_MS });
    // The driver waits up to maxSchemaAgreementWaitSeconds; later statements still work, so warn.
    if ((rs.info as { isSchemaInAgreement?: boolean }).isSchemaInAgreement === false) {
      log?.warn('cassandra schema not yet in agreement after DDL', { cql: cql.slice(0, 80) });
    }
  } catch (e) {
    // A concurrent creator won between our IF NOT EXISTS check and the create: same outcome.
    if ((e as { code?: number }).code === types.responseErrorCodes.alreadyExists) return;
    throw e;
  }
}

function checkOrder(migrations: readonly Migration[]): void {
  let last = 0;
  for (const m of migrations) {
    if (!Number.isSafeInteger(m.id) || m.id <= last) {
      throw new Error(`schema migrations must have strictly increasing positive ids (${m.id} after ${last})`);
    }
    last = m.id;
  }
}
