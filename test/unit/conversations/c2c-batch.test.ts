// Batch sends in the C2C actor (c2c-send.ts) over the memory store: one appendMany for the batch,
// consecutive seqs and answers in order, rows exact for both directions and for NoUnread in the
// middle, a refused send leaving the others alone, a repeat inside the batch stored once, and the
// dedup marks of a whole batch repaired after a crash between the append and the marks.
import { describe, expect, it } from 'vitest';
import type { Actor, ActorContext, BatchOutcome } from '../../../src/actors/actor.js';
import { MemoryBus } from '../../../src/bus/memory.js';
import { c2cKind } from '../../../src/conversations/c2c-actor.js';
import { c2cAddr, type C2cMsg, type C2cSend, type SendResult } from '../../../src/conversations/c2c-messages.js';
import { unreadOf } from '../../../src/conversations/c2c-view.js';
import { systemClock } from '../../../src/lib/clock.js';
import { silentLogger } from '../../../src/lib/log.js';
import { MemoryPresence } from '../../../src/presence/memory.js';
import { Err } from '../../../src/protocol/error-codes.js';
import type { Store } from '../../../src/store/index.js';
import { createMemoryStore } from '../../../src/store/memory/index.js';

import { c2cSend } from './c2c-fixture.js';

const APP = 1400000778;
const CONV = 'c2c:alice:bob';

async function setup() {
  const store = createMemoryStore();
  for (const u of ['alice', 'bob']) await store.accounts.importAccount(APP, { userId: u, nick: '', faceUrl: '', importedAt: 1 });
  return store;
}

function activation(store: Store): Actor<C2cMsg> {
  const deps = { store, presence: new MemoryPresence(systemClock), bus: new MemoryBus(), clock: systemClock, log: silentLogger };
  const a = c2cAddr(APP, 'alice', 'bob');
  return c2cKind(deps).create(a.id, { self: a, clock: systemClock, log: silentLogger } as unknown as ActorContext<C2cMsg>);
}

const send = (random: number, from = 'alice', to = 'bob', wire: Record<string, unknown> = {}): C2cSend => c2cSend(APP, random, { from, to, wire });

const batch = (actor: Actor<C2cMsg>, sends: C2cSend[]): Promise<BatchOutcome[]> => actor.batch!.handle(sends);
const seqOf = (o: BatchOutcome | undefined): number => {
  if (!o || !('ok' in o)) throw new Error(`expected a result, got ${JSON.stringify(o)}`);
  return (o.ok as SendResult).seq;
};

async function unread(store: Store, owner: string): Promise<number> {
  const row = (await store.conversations.get(APP, owner, [CONV])).get(CONV);
  return row ? unreadOf(row) : 0;
}

describe('C2C batch sends', () => {
  it('stores a batch with one append, consecutive seqs, answers in order', async () => {
    const store = await setup();
    let appends = 0;
    const appendMany = store.messages.appendMany.bind(store.messages);
    store.messages.appendMany = async (...args) => {
      appends++;
      return appendMany(...args);
    };
    const actor = activation(store);
    expect(actor.batch?.accepts(send(1))).toBe(true);
    expect(actor.batch?.accepts({ t: 'read', sdkAppId: APP, reader: 'bob', peer: 'alice' })).toBe(false);
    const out = await batch(actor, [1, 2, 3, 4, 5].map((r) => send(r)));
    expect(out.map(seqOf)).toEqual([1, 2, 3, 4, 5]);
    expect(appends).toBe(1);
    const page = await store.messages.range(APP, CONV, { limit: 10, order: 'asc' });
    expect(page.messages.map((m) => m.random)).toEqual([1, 2, 3, 4, 5]);
    expect(await unread(store, 'bob')).toBe(5);
    expect(await unread(store, 'alice')).toBe(0);
  });

  it('keeps both rows exact when a batch holds both directions and a NoUnread message', async () => {
    const store = await setup();
    const actor = activation(store);
    const out = await batch(actor, [send(1), send(2, 'bob', 'alice'), send(3, 'alice', 'bob', { SendMsgControl: ['NoUnread'] }), send(4), send(5, 'bob', 'alice')]);
    expect(out.map(seqOf)).toEqual([1, 2, 3, 4, 5]);
    // bob: received 1, 3 (NoUnread), 4; read up to his own 5 → 0 unread. alice: received 2, 5; read up to 4 → 1.
    expect(await unread(store, 'bob')).toBe(0);
    expect(await unread(store, 'alice')).toBe(1);
    const bobRow = (await store.conversations.get(APP, 'bob', [CONV])).get(CONV)!;
    expect(bobRow.lastSeq).toBe(5);
    // Later batches count on top: 2 more to bob, one with NoUnread.
    await batch(actor, [send(6), send(7, 'alice', 'bob', { SendMsgControl: ['NoUnread'] }), send(8)]);
    expect(await unread(store, 'bob')).toBe(2);
  });

  it('refuses one send without failing the others; a repeat inside the batch is stored once', async () => {
    const store = await setup();
    const actor = activation(store);
    const wrongPair = { ...send(9), to: 'carol' };
    const out = await batch(actor, [send(1), wrongPair, send(2), send(1)]);
    expect(seqOf(out[0])).toBe(1);
    expect(out[1]).toMatchObject({ err: { code: Err.INVALID_PARAMS } });
    expect(seqOf(out[2])).toBe(2);
    expect(out[3]).toEqual(out[0]);
    expect(await store.messages.maxSeq(APP, CONV)).toBe(2);
    // And across batches: a retry of a stored send gets the stored answer.
    const [again] = await batch(actor, [send(2)]);
    expect(again).toEqual(out[2]);
  });

  it('an unknown recipient is refused in a batch (90012); the other direction goes through', async () => {
    const store = createMemoryStore();
    await store.accounts.importAccount(APP, { userId: 'alice', nick: '', faceUrl: '', importedAt: 1 });
    const actor = activation(store);
    const out = await batch(actor, [send(1), send(2, 'bob', 'alice')]);
    expect(out[0]).toMatchObject({ err: { code: Err.MSG_TO_ACCOUNT_NOT_FOUND } });
    // bob → alice: alice exists, so it is stored.
    expect(seqOf(out[1])).toBe(1);
  });

  it('after a crash between a batch append and its marks, a retry of ANY message of it gets its stored answer', async () => {
    const store = await setup();
    const remember = store.dedup.remember.bind(store.dedup);
    let crash = true;
    store.dedup.remember = async (...args) => {
      if (crash) throw new Error('worker died');
      return remember(...args);
    };
    await expect(batch(activation(store), [1, 2, 3].map((r) => send(r)))).rejects.toThrow('worker died');
    crash = false;
    expect(await store.messages.maxSeq(APP, CONV)).toBe(3);
    const next = activation(store);
    const out = await batch(next, [send(1), send(2), send(4)]);
    expect(out.map(seqOf)).toEqual([1, 2, 4]);
    expect(await store.messages.maxSeq(APP, CONV)).toBe(4);
  });
});
