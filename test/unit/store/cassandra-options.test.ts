// openCassandraStore validates its options before it creates a client, so bad configuration fails
// with a clear error and no connection attempt (nothing listens in unit tests).
import { describe, expect, it } from 'vitest';
import { openCassandraStore, type CassandraStoreOptions } from '../../../src/store/cassandra/index.js';
import { MIGRATIONS } from '../../../src/store/cassandra/schema.js';

const good: CassandraStoreOptions = { contactPoints: ['127.0.0.1:9'], localDataCenter: 'datacenter1', keyspace: 'im', replicationFactor: 1 };

describe('cassandra store options', () => {
  it.each([
    [{ contactPoints: [] }, /contactPoints/],
    [{ contactPoints: 'localhost' as never }, /contactPoints/],
    [{ contactPoints: [''] }, /contactPoints/],
    [{ localDataCenter: '' }, /localDataCenter/],
    [{ localDataCenter: "dc1'}; DROP" }, /localDataCenter/],
    [{ keyspace: '' }, /keyspace/],
    [{ keyspace: 'im; DROP KEYSPACE x' }, /keyspace/],
    [{ keyspace: '1im' }, /keyspace/],
    [{ keyspace: 'k'.repeat(49) }, /keyspace/],
    [{ replicationFactor: 0 }, /replicationFactor/],
    [{ replicationFactor: 1.5 }, /replicationFactor/],
    [{ consistency: 'ALL' as never }, /consistency/],
  ])('rejects %j', async (over, message) => {
    await expect(openCassandraStore({ ...good, ...over })).rejects.toThrow(message);
  });

  it('schema migrations have strictly increasing ids, unique names, and only keyspace-scoped idempotent DDL', () => {
    const ids = MIGRATIONS.map((m) => m.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
    for (const m of MIGRATIONS) {
      for (const s of m.statements) {
        expect(s).toMatch(/^CREATE (TABLE|INDEX|TYPE|MATERIALIZED VIEW) IF NOT EXISTS \{ks\}\./);
        expect(s).toMatch(/sdkappid/);
      }
    }
  });
});
