// A burst of reads on one store (one driver connection) larger than the driver's default in-flight
// window (2048 per connection) must be served, not refused: an edge taking a reconnect storm runs
// thousands of logins and C2C syncs at once, and the driver fails what does not fit at once
// (BusyConnectionError → NoHostAvailableError) instead of queueing it.
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUESTS_PER_CONNECTION } from '../../src/store/cassandra/client.js';
import type { Store } from '../../src/store/index.js';
import { itKeyspace } from '../support/it-keyspace.js';

/** The driver's own default for protocol v3+ (client-options.js maxRequestsPerConnectionV3). */
const DRIVER_DEFAULT_IN_FLIGHT = 2048;
const BURST = 3 * DRIVER_DEFAULT_IN_FLIGHT;
const APP = 1400000001;

const ks = itKeyspace('it_burst');
let store: Store;

beforeAll(async () => {
  store = await ks.open();
  // Prepares the statement first, so the burst is all executions.
  await store.messages.maxSeq(APP, 'c2c:burst:warm');
});

describe('cassandra store under a burst', () => {
  it('the in-flight window is wider than the burst this test sends', () => {
    expect(MAX_REQUESTS_PER_CONNECTION).toBeGreaterThan(BURST);
  });

  it(`serves ${BURST} reads sent at once, none refused as busy`, async () => {
    // Distinct conversations: nothing is coalesced, every call is its own query.
    const results = await Promise.allSettled(Array.from({ length: BURST }, (_, i) => store.messages.maxSeq(APP, `c2c:burst:u${i}`)));
    const refused = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
    expect(refused.slice(0, 3)).toEqual([]);
    expect(results.every((r) => r.status === 'fulfilled' && r.value === 0)).toBe(true);
  });
});
