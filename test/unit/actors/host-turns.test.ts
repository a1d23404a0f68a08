// ActorHost turn semantics over a MemoryBus on a FakeClock: serialized turns, activation once and
// its failure, idle and requested passivation, schedule, mailbox overload, restart after a crash,
// ImError passthrough. Routing, bad input and shard moves are in host-routing.test.ts.
import { describe, expect, it } from 'vitest';
import { addr } from '../../../src/actors/address.js';
import { ImError } from '../../../src/lib/errors.js';
import { Err } from '../../../src/protocol/error-codes.js';
import { advance, deferred, metricValue, probeKind, rejection, rig, settle, type ProbeMsg } from './harness.js';

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

