// ActorClient over a MemoryBus on a FakeClock: retries while no host owns the shard (no
// responders, not-owner), REQUEST_TIMEOUT when none appears, no retry after a bus timeout.
import { describe, expect, it } from 'vitest';
import { addr, shardOf } from '../../../src/actors/address.js';
import { ASK_RETRY_MAX_MS, createActorClient } from '../../../src/actors/client.js';
import { encodeNotOwner, encodeOk } from '../../../src/actors/codec.js';
import { MemoryBus } from '../../../src/bus/memory.js';
import { subjects } from '../../../src/bus/subjects.js';
import { silentLogger } from '../../../src/lib/log.js';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { Err } from '../../../src/protocol/error-codes.js';
import { FakeClock } from '../../support/fake-clock.js';
import { advance, probeKind, rejection, rig, SHARDS } from './harness.js';

const retries = async (m: ReturnType<typeof createMetrics>) => (await m.askRetries.get()).values[0]?.value ?? 0;

function bare() {
  const clock = new FakeClock();
  const bus = new MemoryBus({ clock });
  const metrics = createMetrics();
  const client = createActorClient({ bus, shardCount: SHARDS, clock, log: silentLogger, metrics, defaultTimeoutMs: 1_000 });
  return { clock, bus, metrics, client };
}

describe('ActorClient', () => {
  it('retries with backoff until an owner appears, then returns its reply', async () => {
    const { kind } = probeKind('probe', () => 'finally');
    const { client, host, clock, metrics } = await rig([kind], { own: false });
    const a = addr('probe', 'wait-for-owner');
    let settled = false;
    const p = client.ask(a, { t: 'x' }, { timeoutMs: 5_000 }).finally(() => (settled = true));
    await advance(clock, 1_500);
    expect(settled).toBe(false);
    const before = await retries(metrics);
    // 50, 100, 200, 400, then 500 ms pauses: about 6 tries in 1.5 s, not hundreds.
    expect(before).toBeGreaterThanOrEqual(4);
    expect(before).toBeLessThanOrEqual(8);
    await host.ownShard(shardOf(a, SHARDS));
    await advance(clock, ASK_RETRY_MAX_MS + 10);
    expect(await p).toBe('finally');
  });

  it('retries a not-owner answer', async () => {
    const { client, bus, clock, metrics } = bare();
    const a = addr('probe', 'moving');
    let calls = 0;
    bus.subscribe(subjects.actorShard(shardOf(a, SHARDS)), (m) => void m.respond(++calls < 3 ? encodeNotOwner(0) : encodeOk('moved')));
    const p = client.ask(a, { t: 'x' });
    await advance(clock, 500);
    expect(await p).toBe('moved');
    expect(calls).toBe(3);
    expect(await retries(metrics)).toBe(2);
  });

  it('fails with REQUEST_TIMEOUT when no owner appears before the deadline', async () => {
    const { client, clock, metrics } = bare();
    const p = rejection(client.ask(addr('probe', 'nobody'), { t: 'x' }, { timeoutMs: 700 }));
    await advance(clock, 800);
    expect(await p).toMatchObject({ code: Err.REQUEST_TIMEOUT, info: expect.stringMatching(/no owner/) });
    expect(await retries(metrics)).toBeGreaterThan(0);
  });

  it('does not retry after a bus timeout: the turn may have run', async () => {
    const { client, bus, clock, metrics } = bare();
    const a = addr('probe', 'slow');
    let deliveries = 0;
    bus.subscribe(subjects.actorShard(shardOf(a, SHARDS)), () => void deliveries++);
    const p = rejection(client.ask(a, { t: 'x' }, { timeoutMs: 300 }));
    await advance(clock, 400);
    expect(await p).toMatchObject({ code: Err.REQUEST_TIMEOUT, info: expect.stringMatching(/no reply/) });
    expect(deliveries).toBe(1);
    expect(await retries(metrics)).toBe(0);
  });

  it('rejects bad addresses, messages and timeouts clearly', async () => {
    const { client } = bare();
    expect(await rejection(client.ask(addr('', 'x'), { t: 'x' }))).toMatchObject({ code: Err.INVALID_PARAMETERS });
    expect(await rejection(client.ask(addr('k', ''), { t: 'x' }))).toMatchObject({ code: Err.INVALID_PARAMETERS });
    expect(await rejection(client.ask(addr('k', 'i'), { t: new Map() }))).toMatchObject({ code: Err.INVALID_PARAMETERS });
    expect(await rejection(client.ask(addr('k', 'i'), { t: 'x' }, { timeoutMs: 0 }))).toMatchObject({ code: Err.INVALID_PARAMETERS });
    expect(() => client.tell(addr('k', 'i'), { d: new Date() })).toThrow(/Date/);
    expect(() => createActorClient({ bus: new MemoryBus(), shardCount: 0, clock: new FakeClock(), log: silentLogger, metrics: createMetrics(), defaultTimeoutMs: 1 })).toThrow(/shardCount/);
  });

  it('fails fast when its bus is closed; tell then logs instead of throwing', async () => {
    const { client, bus } = bare();
    await bus.close();
    expect(await rejection(client.ask(addr('k', 'i'), { t: 'x' }))).toMatchObject({ code: Err.INTERNAL, info: expect.stringMatching(/closed/) });
    expect(() => client.tell(addr('k', 'i'), { t: 'x' })).not.toThrow();
  });
});
