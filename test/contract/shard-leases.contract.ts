// The ShardLeases contract, run against every implementation (memory in unit with a FakeClock,
// NATS KV in integration with real time). `wait` moves time: the memory factory advances its
// clock, the NATS one sleeps, so expiry is tested for real on the server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShardLease, ShardLeases } from '../../src/actors/shard-leases.js';

export interface ShardLeasesEnv {
  leases: ShardLeases;
  /** Lets ms of lease time pass. */
  wait(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** Past the TTL by this much, an unrenewed lease must be gone (server expiry is not instant). */
const EXPIRY_SLACK_MS = 400;

export function shardLeasesContract(name: string, make: () => Promise<ShardLeasesEnv>): void {
  describe(`ShardLeases contract: ${name}`, () => {
    let env: ShardLeasesEnv;
    let leases: ShardLeases;
    beforeEach(async () => {
      env = await make();
      leases = env.leases;
    });
    afterEach(async () => {
      await env.close();
    });

    const mustAcquire = async (shard: number, owner: string): Promise<ShardLease> => {
      const l = await leases.acquire(shard, owner);
      if (!l) throw new Error(`expected ${owner} to acquire shard ${shard}`);
      return l;
    };

    it('acquire is exclusive while the lease lives', async () => {
      const a = await mustAcquire(3, 'A');
      expect(a).toMatchObject({ shard: 3, owner: 'A' });
      expect(await leases.acquire(3, 'B')).toBeUndefined();
      expect(await leases.acquire(3, 'A')).toBeUndefined();
      expect(await mustAcquire(4, 'B')).toMatchObject({ shard: 4, owner: 'B' });
    });

    it('concurrent acquires of one shard have exactly one winner', async () => {
      const results = await Promise.all(['A', 'B', 'C', 'D', 'E'].map((o) => leases.acquire(7, o)));
      const winners = results.filter((r) => r !== undefined);
      expect(winners).toHaveLength(1);
      expect((await leases.owners()).get(7)).toBe(winners[0]!.owner);
    });

    it('renew by the holder extends the lease past the TTL and changes the revision', async () => {
      const a = await mustAcquire(1, 'A');
      await env.wait(leases.ttlMs * 0.6);
      const r1 = await leases.renew(a);
      expect(r1).toBeDefined();
      expect(r1!.revision).not.toBe(a.revision);
      await env.wait(leases.ttlMs * 0.6);
      const r2 = await leases.renew(r1!);
      expect(r2).toBeDefined();
      expect((await leases.owners()).get(1)).toBe('A');
      expect(await leases.acquire(1, 'B')).toBeUndefined();
    });

    it('a stale lease (old revision) cannot renew or release', async () => {
      const a = await mustAcquire(2, 'A');
      const renewed = await leases.renew(a);
      expect(renewed).toBeDefined();
      expect(await leases.renew(a)).toBeUndefined();
      expect(await leases.release(a)).toBe(false);
      expect((await leases.owners()).get(2)).toBe('A');
    });

    it('an unrenewed lease expires, the shard is free, and the old holder can no longer renew', async () => {
      const a = await mustAcquire(5, 'A');
      await env.wait(leases.ttlMs + EXPIRY_SLACK_MS);
      expect((await leases.owners()).has(5)).toBe(false);
      const b = await mustAcquire(5, 'B');
      expect(await leases.renew(a)).toBeUndefined();
      expect(await leases.release(a)).toBe(false);
      expect((await leases.owners()).get(5)).toBe('B');
      expect(await leases.renew(b)).toBeDefined();
    });

    it('release frees the shard at once; a second release is refused', async () => {
      const a = await mustAcquire(6, 'A');
      expect(await leases.release(a)).toBe(true);
      expect((await leases.owners()).has(6)).toBe(false);
      expect(await leases.release(a)).toBe(false);
      const b = await mustAcquire(6, 'B');
      expect(await leases.release(a)).toBe(false);
      expect((await leases.owners()).get(6)).toBe('B');
      expect(await leases.renew(b)).toBeDefined();
    });

    it('owners lists every held shard with its owner', async () => {
      expect((await leases.owners()).size).toBe(0);
      await mustAcquire(0, 'A');
      await mustAcquire(9, 'B');
      const c = await mustAcquire(12, 'A');
      await leases.release(c);
      expect([...(await leases.owners())]).toEqual([
        [0, 'A'],
        [9, 'B'],
      ]);
    });

    it('workers are live while they heartbeat, gone after the TTL or when retired', async () => {
      expect(await leases.liveWorkers()).toEqual([]);
      await leases.heartbeat('w-b');
      await leases.heartbeat('w-a');
      await leases.heartbeat('w c/odd.id');
      expect(await leases.liveWorkers()).toEqual(['w c/odd.id', 'w-a', 'w-b']);
      await leases.retire('w c/odd.id');
      expect(await leases.liveWorkers()).toEqual(['w-a', 'w-b']);
      await env.wait(leases.ttlMs * 0.6);
      await leases.heartbeat('w-a');
      await env.wait(leases.ttlMs * 0.6);
      expect(await leases.liveWorkers()).toEqual(['w-a']);
      await env.wait(leases.ttlMs + EXPIRY_SLACK_MS);
      expect(await leases.liveWorkers()).toEqual([]);
    });

    it('rejects bad shard numbers and empty names', async () => {
      await expect(leases.acquire(-1, 'A')).rejects.toThrow(/shard/);
      await expect(leases.acquire(1.5, 'A')).rejects.toThrow(/shard/);
      await expect(leases.acquire(1, '')).rejects.toThrow(/owner/);
      await expect(leases.heartbeat('')).rejects.toThrow(/workerId/);
    });
  });
}
