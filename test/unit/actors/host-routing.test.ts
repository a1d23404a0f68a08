// ActorHost routing over a MemoryBus on a FakeClock: bad input answered (garbage, unknown kind,
// wrong shard), only owned shards served, release drains running turns and answers waiting ones
// not-owner, and a shard handed to another host keeps answering through client retries.
import { describe, expect, it } from 'vitest';
import { addr, shardOf } from '../../../src/actors/address.js';
import { decodeReply, encodeRequest } from '../../../src/actors/codec.js';
import { ActorHost } from '../../../src/actors/host.js';
import { subjects } from '../../../src/bus/subjects.js';
import { silentLogger } from '../../../src/lib/log.js';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { Err } from '../../../src/protocol/error-codes.js';
import { advance, deferred, metricValue, probeKind, rejection, rig, settle, SHARDS } from './harness.js';

describe('ActorHost bad input', () => {
  const raw = async (bus: { request(s: string, d: Uint8Array, o: { timeoutMs: number }): Promise<Uint8Array> }, shard: number, data: Uint8Array) =>
    decodeReply(await bus.request(subjects.actorShard(shard), data, { timeoutMs: 1_000 }));

  it('answers garbage bytes with BAD_FRAME and keeps serving', async () => {
    const { kind } = probeKind('probe', () => 'alive');
    const { bus, client } = await rig([kind]);
    expect(await raw(bus, 0, new Uint8Array([0xc1, 0xff, 0x00]))).toMatchObject({ type: 'error', code: Err.BAD_FRAME });
    expect(await raw(bus, 0, new Uint8Array([0x93, 1, 2, 3]))).toMatchObject({ type: 'error', code: Err.BAD_FRAME });
    expect(await client.ask(addr('probe', 'still'), { t: 'x' })).toBe('alive');
  });

  it('answers an unknown kind with an error', async () => {
    const { kind } = probeKind('probe', () => 'x');
    const { client } = await rig([kind]);
    expect(await rejection(client.ask(addr('nosuch', '1'), { t: 'x' }))).toMatchObject({ code: Err.INVALID_PARAMETERS, info: expect.stringMatching(/unknown actor kind nosuch/) });
  });

  it('answers a message routed to the wrong shard (shardCount mismatch) with an error', async () => {
    const { kind } = probeKind('probe', () => 'x');
    const { bus } = await rig([kind]);
    const a = addr('probe', 'misrouted');
    const wrong = (shardOf(a, SHARDS) + 1) % SHARDS;
    expect(await raw(bus, wrong, encodeRequest(a.kind, a.id, { t: 'x' }))).toMatchObject({ type: 'error', code: Err.INTERNAL, info: expect.stringMatching(/shardCount differs/) });
  });

  it('refuses bad construction and shard numbers', async () => {
    const { kind } = probeKind('probe', () => 'x');
    const { bus, clock, metrics } = await rig([kind], { own: false });
    const base = { bus, clock, log: silentLogger, metrics, kinds: [kind], shardCount: 4, limits: { mailboxCapacity: 4, actorIdleMs: 100 } };
    expect(() => new ActorHost({ ...base, shardCount: 0 })).toThrow(/shardCount/);
    expect(() => new ActorHost({ ...base, limits: { mailboxCapacity: 0, actorIdleMs: 100 } })).toThrow(/mailboxCapacity/);
    expect(() => new ActorHost({ ...base, kinds: [kind, kind] })).toThrow(/twice/);
    const host = new ActorHost({ ...base, metrics: createMetrics() });
    await expect(host.ownShard(4)).rejects.toThrow(/shard/);
  });
});

describe('ActorHost shards', () => {
  it('serves only owned shards; a message with no owner retries until one appears', async () => {
    const { kind } = probeKind('probe', () => 'served');
    const { client, host, clock, metrics } = await rig([kind], { own: false });
    const a = addr('probe', 'late');
    const pending = client.ask(a, { t: 'x' });
    await advance(clock, 200);
    await host.ownShard(shardOf(a, SHARDS));
    await advance(clock, 500);
    expect(await pending).toBe('served');
    expect(await metricValue(metrics.askRetries)).toBeGreaterThan(0);
  });

  it('releaseShard waits for the running turn, answers waiting messages not-owner, and passivates', async () => {
    const gate = deferred();
    const { kind, log } = probeKind('probe', async (msg) => {
      if (msg.t === 'block') await gate.promise;
      log.events.push(`handled ${msg.t}`);
      return msg.t;
    });
    const { bus, host, client } = await rig([kind]);
    const a = addr('probe', 'moving');
    const shard = shardOf(a, SHARDS);
    const running = client.ask(a, { t: 'block' });
    await settle();
    const waiting = bus.request(subjects.actorShard(shard), encodeRequest(a.kind, a.id, { t: 'queued' }), { timeoutMs: 1_000 });
    await settle();
    let released = false;
    const release = host.releaseShard(shard).then(() => (released = true));
    expect(decodeReply(await waiting)).toEqual({ type: 'not-owner', shard });
    await settle();
    expect(released).toBe(false); // the running turn is not cut short
    gate.resolve();
    await release;
    expect(await running).toBe('block');
    expect(log.events).toEqual(['activate moving', 'handled block', 'passivate moving']);
    expect(host.ownedShards()).not.toContain(shard);
    expect(host.activationCount()).toBe(0);
  });

  it('a shard handed to another host keeps answering through client retries', async () => {
    const gate = deferred();
    const { kind: k1 } = probeKind('probe', async (msg) => {
      if (msg.t === 'block') await gate.promise;
      return `first ${msg.t}`;
    });
    const { kind: k2 } = probeKind('probe', (msg) => `second ${msg.t}`);
    const { bus, clock, metrics, host, client } = await rig([k1]);
    const other = new ActorHost({ bus: bus.peer(), clock, log: silentLogger, metrics, kinds: [k2], shardCount: SHARDS, limits: { mailboxCapacity: 8, actorIdleMs: 60_000 } });
    const a = addr('probe', 'handover');
    const shard = shardOf(a, SHARDS);
    const first = client.ask(a, { t: 'block' });
    await settle();
    const second = client.ask(a, { t: 'after' });
    await settle();
    const release = host.releaseShard(shard);
    gate.resolve();
    await release;
    await other.ownShard(shard);
    await advance(clock, 1_000);
    expect(await first).toBe('first block');
    expect(await second).toBe('second after');
  });

  it('stop releases every shard and passivates every actor', async () => {
    const { kind, log } = probeKind('probe', () => 'x');
    const { host, client } = await rig([kind]);
    for (let i = 0; i < 10; i++) await client.ask(addr('probe', `s${i}`), { t: 'x' });
    await host.stop();
    expect(log.passivations).toBe(10);
    expect(host.ownedShards()).toEqual([]);
    await expect(host.ownShard(0)).rejects.toThrow(/stopped/);
  });
});
