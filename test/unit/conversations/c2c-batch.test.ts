// Batch sends in the C2C actor (c2c-send.ts) over the memory store: one appendMany for the batch,
// consecutive seqs and answers in order, rows exact for both directions and for NoUnread in the
// middle, a refused send leaving the others alone, a repeat inside the batch stored once, and the
// dedup marks of a whole batch repaired after a crash between the append and the marks.
import { describe, expect, it } from 'vitest';
import type { Actor, ActorContext, BatchOutcome } from '../../../src/actors/actor.js';
import { MemoryBus } from '../../../src/bus/memory.js';
import { c2cKind } from '../../../src/conversations/c2c-actor.js';
import { C2C_DEDUP_MEMORY_MAX, C2C_SEND_BATCH_MAX } from '../../../src/conversations/c2c-seqs.js';
import { FakeClock } from '../../support/fake-clock.js';
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

  it('after a crash right after a batch append, a retry of ANY message of it gets its stored answer from a new activation', async () => {
    const store = await setup();
    const upsert = store.conversations.upsert.bind(store.conversations);
    let crash = true;
    store.conversations.upsert = async (...args) => {
      if (crash) throw new Error('worker died');
      return upsert(...args);
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

describe('C2C dedup window', () => {
  function clocked(store: Store, clock: FakeClock): Actor<C2cMsg> {
    const deps = { store, presence: new MemoryPresence(clock), bus: new MemoryBus({ clock }), clock, log: silentLogger };
    const a = c2cAddr(APP, 'alice', 'bob');
    return c2cKind(deps).create(a.id, { self: a, clock, log: silentLogger } as unknown as ActorContext<C2cMsg>);
  }

  it('a retry within 120 s gets the first answer, also from a new activation; after the window it is a new message', async () => {
    const clock = new FakeClock();
    const store = createMemoryStore({ clock });
    for (const u of ['alice', 'bob']) await store.accounts.importAccount(APP, { userId: u, nick: '', faceUrl: '', importedAt: 1 });
    const first = await batch(clocked(store, clock), [send(7)]);
    clock.advance(119_000);
    expect(await batch(clocked(store, clock), [send(7)])).toEqual(first);
    const actor = clocked(store, clock);
    expect(await batch(actor, [send(7)])).toEqual(first);
    clock.advance(2_000);
    expect((await batch(actor, [send(7)])).map(seqOf)).toEqual([2]);
    clock.advance(121_000);
    expect((await batch(clocked(store, clock), [send(7)])).map(seqOf)).toEqual([3]);
  });

  it('a busy window remembers the newest C2C_DEDUP_MEMORY_MAX sends', async () => {
    const clock = new FakeClock();
    const store = createMemoryStore({ clock });
    for (const u of ['alice', 'bob']) await store.accounts.importAccount(APP, { userId: u, nick: '', faceUrl: '', importedAt: 1 });
    const actor = clocked(store, clock);
    const n = C2C_DEDUP_MEMORY_MAX + 10;
    for (let i = 0; i < n; i += C2C_SEND_BATCH_MAX) await batch(actor, Array.from({ length: Math.min(C2C_SEND_BATCH_MAX, n - i) }, (_, j) => send(1000 + i + j)));
    const fresh = clocked(store, clock);
    expect((await batch(fresh, [send(1000 + n - 1)])).map(seqOf)).toEqual([n]);
    expect((await batch(fresh, [send(1000)])).map(seqOf)).toEqual([n + 1]);
  });
});
