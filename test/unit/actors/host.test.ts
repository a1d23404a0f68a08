// ActorHost turn semantics over a MemoryBus on a FakeClock: serialized turns, activation once and
// its failure, idle and requested passivation, schedule, mailbox overload, restart after a crash,
// ImError passthrough, bad input answered, shard release and stale routing.
import { describe, expect, it } from 'vitest';
import { addr, shardOf } from '../../../src/actors/address.js';
import { decodeReply, encodeRequest } from '../../../src/actors/codec.js';
import { ActorHost } from '../../../src/actors/host.js';
import { subjects } from '../../../src/bus/subjects.js';
import { ImError } from '../../../src/lib/errors.js';
import { silentLogger } from '../../../src/lib/log.js';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { Err } from '../../../src/protocol/error-codes.js';
import { advance, deferred, probeKind, rejection, rig, settle, SHARDS, type ProbeMsg } from './harness.js';

const metricValue = async (m: { get(): Promise<{ values: { value: number; labels: Record<string, unknown> }[] }> }, labels: Record<string, string> = {}) =>
  (await m.get()).values.filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x)).reduce((s, v) => s + v.value, 0);

describe('ActorHost turns', () => {
  it('runs one turn at a time per actor, in arrival order, even when handle awaits', async () => {
    const { kind, log } = probeKind('probe', async (msg) => {
      log.events.push(`start ${msg.n}`);
      await settle(3);
      await new Promise((r) => setTimeout(r, 1));
      log.events.push(`end ${msg.n}`);
      return msg.n;
    });
    const { client } = await rig([kind]);
    const a = addr('probe', 'x');
    const replies = await Promise.all([1, 2, 3, 4, 5].map((n) => client.ask(a, { t: 'work', n })));
    expect(replies).toEqual([1, 2, 3, 4, 5]);
    expect(log.events).toEqual(['activate x', ...[1, 2, 3, 4, 5].flatMap((n) => [`start ${n}`, `end ${n}`])]);
  });

  it('different actors run concurrently', async () => {
    const gate = deferred();
    const { kind } = probeKind('probe', async (msg) => {
      if (msg.t === 'wait') await gate.promise;
      return msg.t;
    });
    const { client } = await rig([kind]);
    const blocked = client.ask(addr('probe', 'a'), { t: 'wait' });
    expect(await client.ask(addr('probe', 'b'), { t: 'free' })).toBe('free');
    gate.resolve();
    expect(await blocked).toBe('wait');
  });

  it('activates once for a burst of first messages', async () => {
    const { kind, log } = probeKind('probe', () => 'ok');
    const { client, metrics } = await rig([kind]);
    await Promise.all(Array.from({ length: 10 }, () => client.ask(addr('probe', 'y'), { t: 'hi' })));
    expect(log.activations).toBe(1);
    expect(await metricValue(metrics.actorActivations, { kind: 'probe' })).toBe(1);
    expect(await metricValue(metrics.actorsActive, { kind: 'probe' })).toBe(1);
  });

  it('a failed onActivate fails that message, discards the activation, and the next message retries', async () => {
    const { kind, log } = probeKind('probe', () => 'served', {
      activate: (_id, n) => {
        if (n === 1) throw new Error('store down');
        if (n === 2) throw new ImError(70107, 'no such account');
      },
    });
    const { client } = await rig([kind]);
    const a = addr('probe', 'z');
    expect(await rejection(client.ask(a, { t: 'one' }))).toMatchObject({ code: Err.INTERNAL });
    expect(await rejection(client.ask(a, { t: 'two' }))).toMatchObject({ code: 70107, info: 'no such account' });
    expect(await client.ask(a, { t: 'three' })).toBe('served');
    expect(log.activations).toBe(3);
    expect(log.passivations).toBe(0);
  });

  it('passivates after the idle time, and reactivates on the next message', async () => {
    const { kind, log } = probeKind('probe', () => 'ok');
    const { client, clock, host, metrics } = await rig([kind], { actorIdleMs: 1_000 });
    const a = addr('probe', 'idle');
    await client.ask(a, { t: 'hi' });
    await advance(clock, 900);
    await client.ask(a, { t: 'again' }); // activity restarts the idle time
    await advance(clock, 900);
    expect(log.passivations).toBe(0);
    await advance(clock, 200);
    expect(log.passivations).toBe(1);
    expect(host.activationCount()).toBe(0);
    expect(await metricValue(metrics.actorsActive, { kind: 'probe' })).toBe(0);
    await client.ask(a, { t: 'back' });
    expect(log.events).toEqual(['activate idle', 'passivate idle', 'activate idle']);
  });

  it('passivate() ends the activation after the current turn; later messages reactivate', async () => {
    const { kind, log } = probeKind('probe', (msg, ctx) => {
      log.events.push(`handle ${msg.t}`);
      if (msg.t === 'bye') ctx.passivate();
      return msg.t;
    });
    const { client } = await rig([kind]);
    const a = addr('probe', 'p');
    const r = await Promise.all([client.ask(a, { t: 'bye' }), client.ask(a, { t: 'next' })]);
    expect(r).toEqual(['bye', 'next']);
    expect(log.events).toEqual(['activate p', 'handle bye', 'passivate p', 'activate p', 'handle next']);
  });

  it('schedule() delivers the message to itself as a turn after the delay; passivation cancels it', async () => {
    const { kind, log } = probeKind('probe', (msg, ctx) => {
      log.events.push(`handle ${msg.t}`);
      if (msg.t === 'arm') ctx.schedule(500, { t: 'tick', payload: { n: 1 } });
      if (msg.t === 'arm-then-stop') {
        ctx.schedule(500, { t: 'late' });
        ctx.passivate();
      }
      if (msg.t === 'tick') return msg.payload;
      return null;
    });
    const { client, clock } = await rig([kind]);
    await client.ask(addr('probe', 's'), { t: 'arm' });
    await advance(clock, 490);
    expect(log.events).not.toContain('handle tick');
    await advance(clock, 20);
    expect(log.events).toContain('handle tick');
    await client.ask(addr('probe', 'q'), { t: 'arm-then-stop' });
    await advance(clock, 1_000);
    expect(log.events).not.toContain('handle late');
  });

  it('schedule() refuses non-plain data at the call', async () => {
    const { kind } = probeKind('probe', (_msg, ctx) => {
      ctx.schedule(10, { t: 'x', when: new Date() } as unknown as ProbeMsg);
    });
    const { client } = await rig([kind]);
    expect(await rejection(client.ask(addr('probe', 'd'), { t: 'go' }))).toMatchObject({ code: Err.INVALID_PARAMETERS, info: expect.stringMatching(/when.*Date/) });
  });

  it('refuses with SERVER_OVERLOADED when the mailbox is full, and counts it', async () => {
    const gate = deferred();
    const { kind } = probeKind('probe', async (msg) => {
      if (msg.t === 'block') await gate.promise;
      return msg.t;
    });
    const { client, metrics } = await rig([kind], { mailboxCapacity: 2 });
    const a = addr('probe', 'full');
    const running = client.ask(a, { t: 'block' });
    await settle();
    const queued = [client.ask(a, { t: 'q1' }), client.ask(a, { t: 'q2' })];
    await settle();
    const refused = await rejection(client.ask(a, { t: 'q3' }));
    expect(refused).toMatchObject({ code: Err.SERVER_OVERLOADED });
    expect(await metricValue(metrics.mailboxOverloads, { kind: 'probe' })).toBe(1);
    gate.resolve();
    expect(await Promise.all([running, ...queued])).toEqual(['block', 'q1', 'q2']);
  });

  it('a non-ImError throw replies INTERNAL and restarts the actor from its store', async () => {
    const store = new Map<string, number>();
    let memory = 0;
    const { kind, log } = probeKind(
      'probe',
      (msg) => {
        if (msg.t === 'inc') {
          memory++;
          store.set('c', memory);
          return memory;
        }
        if (msg.t === 'corrupt') {
          memory = 999;
          throw new TypeError('bug');
        }
        return memory;
      },
      { activate: () => void (memory = store.get('c') ?? 0) },
    );
    const { client, metrics } = await rig([kind]);
    const a = addr('probe', 'r');
    await client.ask(a, { t: 'inc' });
    await client.ask(a, { t: 'inc' });
    const err = await rejection(client.ask(a, { t: 'corrupt' }));
    expect(err).toMatchObject({ code: Err.INTERNAL });
    expect(err.info).not.toMatch(/bug/); // internals stay in the log
    expect(await client.ask(a, { t: 'get' })).toBe(2);
    expect(log.events).toEqual(['activate r', 'passivate r', 'activate r']);
    expect(await metricValue(metrics.actorTurnErrors, { kind: 'probe' })).toBe(1);
  });

  it('an ImError throw is the reply, code and info intact, and keeps the activation', async () => {
    const { kind, log } = probeKind('probe', (msg) => {
      if (msg.t === 'deny') throw new ImError(10004, 'not a member');
      return 'fine';
    });
    const { client } = await rig([kind]);
    const a = addr('probe', 'e');
    const err = await rejection(client.ask(a, { t: 'deny' }));
    expect(err).toBeInstanceOf(ImError);
    expect(err).toMatchObject({ code: 10004, info: 'not a member' });
    expect(await client.ask(a, { t: 'ok' })).toBe('fine');
    expect(log.activations).toBe(1);
  });

  it('tell runs a turn without a reply', async () => {
    const { kind, log } = probeKind('probe', (msg) => void log.events.push(`told ${msg.t}`));
    const { client } = await rig([kind]);
    client.tell(addr('probe', 't'), { t: 'note' });
    await settle();
    expect(log.events).toEqual(['activate t', 'told note']);
  });

  it('a reply that is not plain data becomes an INTERNAL error, not a silent {}', async () => {
    const { kind } = probeKind('probe', () => new Map([['a', 1]]));
    const { client } = await rig([kind]);
    expect(await rejection(client.ask(addr('probe', 'm'), { t: 'x' }))).toMatchObject({ code: Err.INVALID_PARAMETERS, info: expect.stringMatching(/reply.*Map/) });
  });

  it('an actor asking itself is refused instead of deadlocking', async () => {
    const { kind } = probeKind('probe', (_msg, ctx) => ctx.ask(ctx.self, { t: 'again' }, { timeoutMs: 100 }));
    const { client } = await rig([kind]);
    expect(await rejection(client.ask(addr('probe', 'self'), { t: 'x' }))).toMatchObject({ code: Err.INTERNAL, info: expect.stringMatching(/itself/) });
  });

  it('actors reach other actors through ctx.ask and ctx.tell', async () => {
    const { kind: leaf } = probeKind('leaf', (msg) => `leaf got ${msg.t}`);
    const { kind: caller, log } = probeKind('caller', async (msg, ctx) => {
      if (msg.t === 'note') return void log.events.push('noted');
      ctx.tell(addr('caller', 'other'), { t: 'note' });
      return ctx.ask(addr('leaf', '1'), { t: 'q' }, { timeoutMs: 500 });
    });
    const { client } = await rig([leaf, caller]);
    expect(await client.ask(addr('caller', 'c'), { t: 'go' })).toBe('leaf got q');
    await settle();
    expect(log.events).toContain('noted');
  });
});

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
