// The ShardLeases contract on the in-process implementation, time driven by a FakeClock.
import { describe, expect, it } from 'vitest';
import { MemoryShardLeases } from '../../../src/actors/leases-memory.js';
import { shardLeasesContract } from '../../contract/shard-leases.contract.js';
import { FakeClock } from '../../support/fake-clock.js';

shardLeasesContract('memory', async () => {
  const clock = new FakeClock();
  return { leases: new MemoryShardLeases(clock, 6_000), wait: async (ms) => clock.advance(ms), close: async () => {} };
});

describe('MemoryShardLeases', () => {
  it('refuses a non-positive TTL', () => {
    expect(() => new MemoryShardLeases(new FakeClock(), 0)).toThrow(/ttlMs/);
  });
});
