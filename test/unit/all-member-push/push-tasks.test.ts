// PushTasks over the memory store with a recording ActorClient (the conversation actors' side is
// covered end to end in im-push.test.ts): a failing recipient is counted and the task goes on, asks
// in flight never exceed the concurrency, the running-task cap and the per-app spacing refuse with
// their codes, close() ends running tasks; plus the condition matcher and the pacer on a fake clock.
import { describe, expect, it } from 'vitest';
import type { ActorClient } from '../../../src/actors/actor.js';
import type { ActorAddress } from '../../../src/actors/address.js';
import { matches } from '../../../src/all-member-push/condition.js';
import { Pacer } from '../../../src/all-member-push/pacer.js';
import { MAX_RUNNING_PUSH_TASKS, type PushJob, PushTasks } from '../../../src/all-member-push/push-tasks.js';
import type { C2cSend } from '../../../src/conversations/c2c-messages.js';
import { systemClock } from '../../../src/lib/clock.js';
import { ImError } from '../../../src/lib/errors.js';
import { silentLogger } from '../../../src/lib/log.js';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { parseSendOptions } from '../../../src/messaging/send-options.js';
import { Err } from '../../../src/protocol/error-codes.js';
import { createMemoryStore } from '../../../src/store/memory/index.js';
import { FakeClock } from '../../support/fake-clock.js';

const APP = 1400000991;

class RecordingActors implements ActorClient {
  readonly asked: Array<{ to: ActorAddress; msg: C2cSend }> = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Recipients whose send fails. */
  failFor = new Set<string>();
  /** While set, asks wait for it. */
  gate: Promise<void> | undefined;
  tell(): void {}
  async ask<R>(to: ActorAddress, msg: unknown): Promise<R> {
    const m = msg as C2cSend;
    this.asked.push({ to, msg: m });
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    try {
      await new Promise((r) => setImmediate(r));
      if (this.gate) await this.gate;
      if (this.failFor.has(m.to)) throw new ImError(Err.INTERNAL, 'boom');
      return { key: 'k', seq: 1, time: 1 } as R;
    } finally {
      this.inFlight--;
    }
  }
}

async function setup(users: number, opts: { concurrency?: number } = {}) {
  const store = createMemoryStore();
  for (let i = 0; i < users; i++) await store.accounts.importAccount(APP, { userId: `u${String(i).padStart(3, '0')}`, nick: '', faceUrl: '', importedAt: 1 });
  const actors = new RecordingActors();
  const metrics = createMetrics();
  const tasks = new PushTasks({ store, actors, clock: systemClock, log: silentLogger, metrics, askTimeoutMs: 1000, ratePerSec: 1_000_000, ...opts });
  return { store, actors, metrics, tasks };
}

const job = (sdkAppId = APP): PushJob => ({
  sdkAppId,
  from: 'administrator',
  send: { t: 'send', sdkAppId, from: 'administrator', to: 'administrator', body: [], options: parseSendOptions({ MsgRandom: 1, MsgLifeTime: 0 }, { kind: 'c2c' }), callbacks: false },
  condition: { kind: 'all' },
});

describe('PushTasks', () => {
  it('sends to every account once, counts failures and goes on', async () => {
    const { actors, metrics, tasks } = await setup(40);
    actors.failFor = new Set(['u003', 'u017']);
    const id = tasks.start(job());
    const st = await tasks.finished(id);
    expect(st).toMatchObject({ state: 'done', sent: 38, failed: 2 });
    expect(new Set(actors.asked.map((a) => a.msg.to)).size).toBe(40);
    expect(actors.asked.every((a) => a.msg.from === 'administrator' && a.msg.callbacks === false)).toBe(true);
    expect((await metrics.allMemberPushSends.get()).values.find((v) => v.labels.result === 'failed')?.value).toBe(2);
    expect(tasks.status(id)).toMatchObject({ state: 'done', sent: 38, failed: 2 });
  });

  it('never has more asks in flight than its concurrency', async () => {
    const { actors, tasks } = await setup(50, { concurrency: 3 });
    await tasks.finished(tasks.start(job()));
    expect(actors.asked).toHaveLength(50);
    expect(actors.maxInFlight).toBe(3);
  });

  it('refuses a second push of one app within the spacing (90024) and too many running tasks (91000)', async () => {
    const { actors, tasks } = await setup(3);
    let open!: () => void;
    actors.gate = new Promise((r) => (open = r));
    const first = tasks.start(job());
    expect(() => tasks.start(job())).toThrow(expect.objectContaining({ code: Err.PUSH_TOO_FREQUENT }));
    const others = Array.from({ length: MAX_RUNNING_PUSH_TASKS - 1 }, (_, i) => tasks.start(job(APP + 1 + i)));
    expect(() => tasks.start(job(APP + 100))).toThrow(expect.objectContaining({ code: Err.PUSH_INTERNAL }));
    open();
    for (const id of [first, ...others]) expect((await tasks.finished(id)).state).toBe('done');
  });

  it('close() stops running tasks and refuses new ones', async () => {
    const { actors, tasks } = await setup(100, { concurrency: 1 });
    let open!: () => void;
    actors.gate = new Promise((r) => (open = r));
    const id = tasks.start(job());
    const closing = tasks.close();
    open();
    await closing;
    const st = await tasks.finished(id);
    expect(st.state).toBe('failed');
    expect(st.sent).toBeLessThan(100);
    expect(() => tasks.start(job(APP + 7))).toThrow(expect.objectContaining({ code: Err.PUSH_INTERNAL }));
  });

  it('a failing audience read ends the task as failed', async () => {
    const { store, tasks } = await setup(1);
    store.accounts.listAccounts = async () => {
      throw new Error('store down');
    };
    const st = await tasks.finished(tasks.start(job()));
    expect(st).toMatchObject({ state: 'failed', error: 'store down', sent: 0 });
  });
});

describe('condition matching', () => {
  const user = { userId: 'u', attrs: { 0: 'f', 1: 'rome' }, tags: ['gold', 'weekly'] };
  it('tags: all of TagsAnd and one of TagsOr', () => {
    expect(matches({ kind: 'tags', and: ['gold'], or: [] }, user)).toBe(true);
    expect(matches({ kind: 'tags', and: ['gold', 'vip'], or: [] }, user)).toBe(false);
    expect(matches({ kind: 'tags', and: [], or: ['vip', 'weekly'] }, user)).toBe(true);
    expect(matches({ kind: 'tags', and: ['gold'], or: ['vip'] }, user)).toBe(false);
  });
  it('attrs: all AttrsAnd pairs and one AttrsOr pair', () => {
    expect(matches({ kind: 'attrs', and: { 0: 'f', 1: 'rome' }, or: {} }, user)).toBe(true);
    expect(matches({ kind: 'attrs', and: { 0: 'f', 1: 'paris' }, or: {} }, user)).toBe(false);
    expect(matches({ kind: 'attrs', and: {}, or: { 0: 'm', 1: 'rome' } }, user)).toBe(true);
    expect(matches({ kind: 'attrs', and: {}, or: { 2: 'x' } }, user)).toBe(false);
  });
});

describe('Pacer', () => {
  it('lets the first call go at once and holds later ones until their slot', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(clock, 10);
    expect(await pacer.take()).toBe(false);
    let second = false;
    const p = pacer.take().then((waited) => (second = waited));
    await new Promise((r) => setImmediate(r));
    expect(second).toBe(false);
    clock.advance(100);
    await p;
    expect(second).toBe(true);
  });
  it('refuses a non-positive rate', () => {
    expect(() => new Pacer(new FakeClock(), 0)).toThrow(/rate/);
  });
});
