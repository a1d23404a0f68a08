// Readiness probe for cassandra.sh: one CQL query through the real driver, since an open CQL port
// alone does not prove the node answers queries. Usage: node cql-ping.mjs <port> [host].
// Prints release_version and exits 0, or prints the error and exits 1. Plain .mjs so it runs
// without tsx from any working directory (cassandra-driver resolves from the project's node_modules).
import cassandra from 'cassandra-driver';

const CONNECT_TIMEOUT_MS = 5_000;
const READ_TIMEOUT_MS = 10_000;

const port = Number(process.argv[2]);
const host = process.argv[3] ?? '127.0.0.1';
if (!Number.isInteger(port) || port <= 0 || port > 65_535) {
  console.error(`cql-ping: bad port ${JSON.stringify(process.argv[2])}`);
  process.exit(2);
}

const client = new cassandra.Client({
  contactPoints: [`${host}:${port}`],
  localDataCenter: 'datacenter1',
  socketOptions: { connectTimeout: CONNECT_TIMEOUT_MS, readTimeout: READ_TIMEOUT_MS },
});
try {
  const rs = await client.execute('SELECT release_version FROM system.local');
  console.log(rs.first()?.get('release_version'));
  await client.shutdown();
  process.exit(0);
} catch (err) {
  console.error(`cql-ping: ${err instanceof Error ? err.message : String(err)}`);
  await client.shutdown().catch(() => {});
  process.exit(1);
}
