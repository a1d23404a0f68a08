// Batch turns (Actor.batch): waiting messages the actor accepts are handed over together, in
// order, up to its max; each gets its own outcome; other messages keep their own turns and their
// place in the order; a throw fails the whole batch (and restarts the actor unless ImError).
import { describe, expect, it } from 'vitest';
import type { Actor, ActorKind, BatchOutcome } from '../../../src/actors/actor.js';
import { addr } from '../../../src/actors/address.js';
import { ImError } from '../../../src/lib/errors.js';
import { Err } from '../../../src/protocol/error-codes.js';
import { deferred, metricValue, rejection, rig, settle } from './harness.js';

type Msg = { t: 'add' | 'other' | 'gate'; n: number };

function batchingKind(max: number, onBatch: (ns: number[]) => Promise<BatchOutcome[]> | BatchOutcome[], gate?: Promise<void>) {
  const events: string[] = [];
  let activations = 0;
  const kind: ActorKind<Msg> = {
    kind: 'batcher',
    create: (): Actor<Msg> => {
      activations++;
      return {
        async handle(m) {
          events.push(`${m.t} ${m.n}`);
          if (m.t === 'gate') await gate;
          return m.n;
        },
        batch: {
          max,
          accepts: (m) => m.t === 'add',
          handle: async (ms) => {
            events.push(`batch ${ms.map((m) => m.n).join(',')}`);
            return onBatch(ms.map((m) => m.n));
          },
        },
      };
    },
  };
  return { kind, events, activations: () => activations };
}

describe('ActorHost batch turns', () => {
  it('hands the accepted messages waiting behind a turn over together, in order, up to max', async () => {
    const gate = deferred();
    const { kind, events } = batchingKind(3, (ns) => ns.map((n) => ({ ok: n * 10 })), gate.promise);
    const { client, metrics } = await rig([kind]);
    const a = addr('batcher', 'x');
    const first = client.ask(a, { t: 'gate', n: 0 });
    await settle();
    const adds = [1, 2, 3, 4, 5].map((n) => client.ask(a, { t: 'add', n }));
    await settle();
    gate.resolve();
    expect(await first).toBe(0);
    expect(await Promise.all(adds)).toEqual([10, 20, 30, 40, 50]);
    expect(events).toEqual(['gate 0', 'batch 1,2,3', 'batch 4,5']);
    const hist = await metrics.actorBatchMessages.get();
    const sum = hist.values.find((v) => v.metricName === 'im_actor_batch_messages_sum');
    expect(sum?.value).toBe(5);
  });

  it('a message the batch does not accept ends the batch and keeps its place', async () => {
    const gate = deferred();
    const { kind, events } = batchingKind(10, (ns) => ns.map((n) => ({ ok: n })), gate.promise);
    const { client } = await rig([kind]);
    const a = addr('batcher', 'x');
    const all = [client.ask(a, { t: 'gate', n: 0 })];
    await settle();
    all.push(client.ask(a, { t: 'add', n: 1 }), client.ask(a, { t: 'add', n: 2 }), client.ask(a, { t: 'other', n: 3 }), client.ask(a, { t: 'add', n: 4 }));
    await settle();
    gate.resolve();
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3, 4]);
    expect(events).toEqual(['gate 0', 'batch 1,2', 'other 3', 'batch 4']);
  });

  it('each message gets its own outcome: an ImError refuses only that one', async () => {
    const { kind } = batchingKind(10, (ns) => ns.map((n) => (n % 2 ? { ok: n } : { err: new ImError(Err.INVALID_PARAMS, `even ${n}`) })));
    const { client } = await rig([kind]);
    const a = addr('batcher', 'y');
    const results = await Promise.allSettled([1, 2, 3].map((n) => client.ask(a, { t: 'add', n })));
    expect(results[0]).toEqual({ status: 'fulfilled', value: 1 });
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { code: Err.INVALID_PARAMS } });
    expect(results[2]).toEqual({ status: 'fulfilled', value: 3 });
  });

  it('a throw fails the whole batch; a non-ImError also restarts the actor', async () => {
    let mode: 'im' | 'crash' | 'ok' = 'im';
    const { kind, activations } = batchingKind(10, (ns) => {
      if (mode === 'im') throw new ImError(Err.SERVER_OVERLOADED, 'busy');
      if (mode === 'crash') throw new Error('boom');
      return ns.map((n) => ({ ok: n }));
    });
    const { client, metrics } = await rig([kind]);
    const a = addr('batcher', 'z');
    expect((await rejection(client.ask(a, { t: 'add', n: 1 }))).code).toBe(Err.SERVER_OVERLOADED);
    expect(activations()).toBe(1);
    mode = 'crash';
    expect((await rejection(client.ask(a, { t: 'add', n: 2 }))).code).toBe(Err.INTERNAL);
    expect(await metricValue(metrics.actorTurnErrors, { kind: 'batcher' })).toBe(1);
    mode = 'ok';
    expect(await client.ask(a, { t: 'add', n: 3 })).toBe(3);
    expect(activations()).toBe(2);
  });

  it('a batch answering the wrong number of outcomes is a crash, not a silent mismatch', async () => {
    const { kind } = batchingKind(10, () => []);
    const { client } = await rig([kind]);
    expect((await rejection(client.ask(addr('batcher', 'w'), { t: 'add', n: 1 }))).code).toBe(Err.INTERNAL);
  });
});
