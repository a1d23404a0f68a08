// The conversation actor on its own over the memory store: seqs stay gap-free across a new
// activation (resuming at maxSeq + 1, not at its fresh block) and across a failed append (the seq
// is reused), online-only sends store nothing, NoLastMsg and NoUnread shape the rows, and an actor
// refuses a send addressed to another pair.
import { describe, expect, it } from 'vitest';
import type { ActorContext } from '../../../src/actors/actor.js';
import { MemoryBus } from '../../../src/bus/memory.js';
import type { AppDirectory } from '../../../src/apps/app-directory.js';
import { DEFAULT_MESSAGING } from '../../../src/config/messaging-settings.js';
import { c2cKind } from '../../../src/conversations/c2c-actor.js';
import { c2cAddr, type C2cMsg, type C2cSend, type SendResult } from '../../../src/conversations/c2c-messages.js';
import { ImError } from '../../../src/lib/errors.js';
import { systemClock } from '../../../src/lib/clock.js';
import { silentLogger } from '../../../src/lib/log.js';
import { MemoryPresence } from '../../../src/presence/memory.js';
import { Err } from '../../../src/protocol/error-codes.js';
import { createMemoryStore } from '../../../src/store/memory/index.js';
import type { Store } from '../../../src/store/index.js';

import { c2cSend } from './c2c-fixture.js';

const APP = 1400000777;

async function setup() {
  const store = createMemoryStore();
  for (const u of ['alice', 'bob', 'carol']) await store.accounts.importAccount(APP, { userId: u, nick: '', faceUrl: '', importedAt: 1 });
  return store;
}

function activation(store: Store) {
  const deps = { store, presence: new MemoryPresence(systemClock), bus: new MemoryBus(), clock: systemClock, log: silentLogger };
  const a = c2cAddr(APP, 'alice', 'bob');
  return c2cKind(deps).create(a.id, { self: a, clock: systemClock, log: silentLogger } as unknown as ActorContext<C2cMsg>);
}

const send = (random: number, wire: Record<string, unknown> = {}, from = 'alice', to = 'bob'): C2cSend => c2cSend(APP, random, { from, to, wire });

describe('C2C conversation actor', () => {
  it('resumes at maxSeq + 1 on a new activation, so stored seqs have no gap', async () => {
    const store = await setup();
    const first = activation(store);
    for (let i = 1; i <= 3; i++) expect(((await first.handle(send(i))) as SendResult).seq).toBe(i);
    expect(await store.seqs.current(APP, 'c2c:alice:bob')).toBeGreaterThan(3);
    const second = activation(store);
    expect(((await second.handle(send(4))) as SendResult).seq).toBe(4);
    expect(await store.seqs.current(APP, 'c2c:alice:bob')).toBeGreaterThan(100);
    const page = await store.messages.range(APP, 'c2c:alice:bob', { limit: 10, order: 'asc' });
    expect(page.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it('reuses the seq of a failed append and answers only after a successful one', async () => {
    const store = await setup();
    let failNext = false;
    const append = store.messages.appendMany.bind(store.messages);
    store.messages.appendMany = async (...args) => {
      if (failNext) {
        failNext = false;
        throw new Error('disk full');
      }
      return append(...args);
    };
    const actor = activation(store);
    expect(((await actor.handle(send(1))) as SendResult).seq).toBe(1);
    failNext = true;
    await expect(actor.handle(send(2))).rejects.toThrow('disk full');
    expect(((await actor.handle(send(3))) as SendResult).seq).toBe(2);
    // The failed send was not remembered: its retry is stored as a new message.
    expect(((await actor.handle(send(2))) as SendResult).seq).toBe(3);
  });

  it('stores nothing for online-only sends and honours NoLastMsg and NoUnread', async () => {
    const store = await setup();
    const actor = activation(store);
    for (const wire of [{ OnlineOnlyFlag: 1 }, { MsgLifeTime: 0 }]) {
      const r = (await actor.handle(send(Math.floor(Math.random() * 1e6), wire))) as SendResult;
      expect(r.seq).toBe(0);
    }
    expect(await store.messages.maxSeq(APP, 'c2c:alice:bob')).toBe(0);
    expect((await store.conversations.get(APP, 'bob', ['c2c:alice:bob'])).size).toBe(0);
    const shown = (await actor.handle(send(10))) as SendResult;
    await actor.handle(send(11, { SendMsgControl: ['NoLastMsg'] }));
    await actor.handle(send(12, { SendMsgControl: ['NoUnread'] }));
    const row = (await store.conversations.get(APP, 'bob', ['c2c:alice:bob'])).get('c2c:alice:bob')!;
    expect(row).toMatchObject({ lastSeq: 3, readSeq: 0, noUnreadSeqs: [3], peer: 'alice' });
    expect(row.lastMsg).toMatchObject({ key: expect.any(String), seq: 3 });
    const mine = (await store.conversations.get(APP, 'alice', ['c2c:alice:bob'])).get('c2c:alice:bob')!;
    expect(mine).toMatchObject({ lastSeq: 3, readSeq: 3, peer: 'bob' });
    expect(shown.seq).toBe(1);
  });

  it('keeps the last shown message when NoLastMsg is set', async () => {
    const store = await setup();
    const actor = activation(store);
    const shown = (await actor.handle(send(20))) as SendResult;
    await actor.handle(send(21, { SendMsgControl: ['NoLastMsg'] }));
    const row = (await store.conversations.get(APP, 'bob', ['c2c:alice:bob'])).get('c2c:alice:bob')!;
    expect(row.lastSeq).toBe(2);
    expect(row.lastMsg).toMatchObject({ key: shown.key, seq: 1 });
    expect(row.lastTime).toBe(shown.time);
  });

  it('refuses a send for another pair and an unknown recipient', async () => {
    const store = await setup();
    const actor = activation(store);
    await expect(actor.handle(send(1, {}, 'alice', 'carol'))).rejects.toMatchObject({ code: Err.INVALID_PARAMS });
    // Either direction of the pair is this actor's.
    expect(((await actor.handle(send(1, {}, 'bob', 'alice'))) as SendResult).seq).toBe(1);
    const ghost = { ...send(2), to: 'ghost' };
    const caught = await Promise.resolve(activationFor(store, 'alice', 'ghost').handle(ghost)).catch((x: unknown) => x);
    expect(caught).toBeInstanceOf(ImError);
    expect((caught as ImError).code).toBe(Err.MSG_TO_ACCOUNT_NOT_FOUND);
  });
});

function activationFor(store: Store, a: string, b: string) {
  const deps = { store, presence: new MemoryPresence(systemClock), bus: new MemoryBus(), clock: systemClock, log: silentLogger };
  const ad = c2cAddr(APP, a, b);
  return c2cKind(deps).create(ad.id, { self: ad, clock: systemClock, log: silentLogger } as unknown as ActorContext<C2cMsg>);
}

describe('C2C blocklist rule', () => {
  async function blocked(fails: boolean) {
    const store = await setup();
    await store.blocklist.addBlocks(APP, 'bob', [{ peerId: 'alice', addTime: 1 }]);
    const settings = { ...DEFAULT_MESSAGING, blockedSenderFails: fails };
    const apps = { get: (id: number) => (id === APP ? { messaging: settings } : undefined) } as unknown as AppDirectory;
    const deps = { store, presence: new MemoryPresence(systemClock), bus: new MemoryBus(), clock: systemClock, log: silentLogger, apps };
    const a = c2cAddr(APP, 'alice', 'bob');
    return { store, actor: c2cKind(deps).create(a.id, { self: a, clock: systemClock, log: silentLogger } as unknown as ActorContext<C2cMsg>) };
  }

  it('silently drops a device send to a user who blocked the sender, by default', async () => {
    const { store, actor } = await blocked(false);
    const r = (await actor.handle({ ...send(1), checks: true })) as SendResult;
    expect(r.seq).toBe(0);
    expect(await store.messages.maxSeq(APP, 'c2c:alice:bob')).toBe(0);
    expect((await store.conversations.get(APP, 'bob', ['c2c:alice:bob'])).size).toBe(0);
    // The blocked user's peer may still write; admin sends and NoMsgCheck skip the rule.
    expect(((await actor.handle({ ...send(2, {}, 'bob', 'alice'), checks: true })) as SendResult).seq).toBe(1);
    expect(((await actor.handle(send(3))) as SendResult).seq).toBe(2);
    expect(((await actor.handle({ ...send(4, { SendMsgControl: ['NoMsgCheck'] }), checks: true })) as SendResult).seq).toBe(3);
  });

  it('answers 20007 when the app makes blocked sends fail', async () => {
    const { store, actor } = await blocked(true);
    await expect(actor.handle({ ...send(1), checks: true })).rejects.toMatchObject({ code: Err.C2C_BLOCKED });
    expect(await store.messages.maxSeq(APP, 'c2c:alice:bob')).toBe(0);
  });
});

describe('C2C dedup across a crash', () => {
  it('a retry after a crash right after the append (rows and marks not written) is answered with the stored result', async () => {
    const store = await setup();
    const upsert = store.conversations.upsert.bind(store.conversations);
    let crash = true;
    store.conversations.upsert = async (...args) => {
      if (crash) {
        crash = false;
        throw new Error('worker died');
      }
      return upsert(...args);
    };
    const first = activation(store);
    await expect(first.handle(send(1))).rejects.toThrow('worker died');
    expect(await store.messages.maxSeq(APP, 'c2c:alice:bob')).toBe(1);
    const next = activation(store);
    const retry = (await next.handle(send(1))) as SendResult;
    expect(retry.seq).toBe(1);
    const [stored] = await store.messages.getBySeqs(APP, 'c2c:alice:bob', [1]);
    expect(retry).toEqual({ key: stored!.key, seq: 1, time: stored!.time });
    expect(await store.messages.maxSeq(APP, 'c2c:alice:bob')).toBe(1);
    expect(((await next.handle(send(2))) as SendResult).seq).toBe(2);
  });
});
