// Builds the driver Client for the Cassandra store: validated options, token-aware routing to the
// local data center, prepared statements by default, and every query at the configured
// consistency (LWTs at the matching serial level). Connecting is the caller's job.
// Gotcha: the driver does not queue. Past maxRequestsPerConnection in flight on every connection
// it fails the query at once (BusyConnectionError, surfacing as NoHostAvailableError), so a burst
// such as an edge's reconnect storm must fit in the in-flight window set here.
import { Client, types } from 'cassandra-driver';
import type { Logger } from '../../lib/log.js';

export const CONSISTENCIES = ['ONE', 'LOCAL_QUORUM', 'QUORUM'] as const;
export type CassandraConsistency = (typeof CONSISTENCIES)[number];

/** Queries in flight per connection: the protocol's whole stream-id space (v3+), instead of the
 *  driver's 2048 that thousands of logins and syncs hitting one process at once overflow. */
export const MAX_REQUESTS_PER_CONNECTION = 32_768;

// Keyspace and data-center names go into DDL text (DDL cannot bind them), so they are checked:
// keyspaces against CQL's own unquoted-name rule, DC names against what snitches produce.
const KEYSPACE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,47}$/;
const DATA_CENTER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function checkKeyspaceName(keyspace: unknown): asserts keyspace is string {
  if (typeof keyspace !== 'string' || !KEYSPACE_NAME.test(keyspace)) {
    throw new RangeError(`cassandra keyspace must match ${KEYSPACE_NAME.source}, got ${JSON.stringify(keyspace)}`);
  }
}

export function checkDataCenterName(dc: unknown): asserts dc is string {
  if (typeof dc !== 'string' || !DATA_CENTER_NAME.test(dc)) {
    throw new RangeError(`cassandra localDataCenter must match ${DATA_CENTER_NAME.source}, got ${JSON.stringify(dc)}`);
  }
}

export function checkReplicationFactor(rf: unknown): asserts rf is number {
  if (typeof rf !== 'number' || !Number.isSafeInteger(rf) || rf < 1) {
    throw new RangeError(`cassandra replicationFactor must be a positive integer, got ${String(rf)}`);
  }
}

export interface CassandraStoreOptions {
  contactPoints: string[];
  localDataCenter: string;
  keyspace: string;
  replicationFactor: number;
  /** Consistency for every read and write; LOCAL_QUORUM when absent. */
  consistency?: CassandraConsistency;
  log?: Logger;
}

export function checkCassandraOptions(opts: CassandraStoreOptions): void {
  if (typeof opts !== 'object' || opts === null) throw new TypeError('cassandra store options must be an object');
  const { contactPoints, localDataCenter, keyspace, replicationFactor, consistency } = opts;
  if (!Array.isArray(contactPoints) || contactPoints.length === 0 || !contactPoints.every((c) => typeof c === 'string' && c.length > 0)) {
    throw new TypeError('cassandra contactPoints must be a non-empty array of "host" or "host:port" strings');
  }
  checkDataCenterName(localDataCenter);
  checkKeyspaceName(keyspace);
  checkReplicationFactor(replicationFactor);
  if (consistency !== undefined && !CONSISTENCIES.includes(consistency)) {
    throw new RangeError(`cassandra consistency must be one of ${CONSISTENCIES.join('|')}, got ${String(consistency)}`);
  }
}

export function createCassandraClient(opts: CassandraStoreOptions): Client {
  const c = types.consistencies;
  const level = opts.consistency ?? 'LOCAL_QUORUM';
  return new Client({
    contactPoints: opts.contactPoints,
    localDataCenter: opts.localDataCenter,
    pooling: { maxRequestsPerConnection: MAX_REQUESTS_PER_CONNECTION },
    queryOptions: {
      prepare: true,
      consistency: level === 'ONE' ? c.one : level === 'QUORUM' ? c.quorum : c.localQuorum,
      // Conditional writes (IF EXISTS / IF NOT EXISTS) need a serial level for their Paxos round.
      serialConsistency: level === 'QUORUM' ? c.serial : c.localSerial,
    },
  });
}
