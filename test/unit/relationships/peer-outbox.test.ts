// Durable peer delivery of two-sided operations (peer-delivery.ts): social actors built from the
// real kind over one memory store, wired by a scripted network that can lose an ask (the worker
// hosting the caller died), time it out before or after the peer's turn ran, or deliver it. A
// "new activation" is a fresh actor instance on the same store, as on another worker.
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor, ActorContext } from '../../../src/actors/actor.js';
import type { ActorAddress } from '../../../src/actors/address.js';
import { AppDirectory } from '../../../src/apps/app-directory.js';
import { MemoryBus } from '../../../src/bus/memory.js';
import { DEFAULT_LIMITS } from '../../../src/config/config.js';
import { ImError } from '../../../src/lib/errors.js';
import { silentLogger } from '../../../src/lib/log.js';
import { createMetrics, type Metrics } from '../../../src/metrics/metrics.js';
import { MemoryPresence } from '../../../src/presence/memory.js';
import { Err } from '../../../src/protocol/error-codes.js';
import { DEDUP_WINDOW } from '../../../src/relationships/change-log.js';
import { PEER_OUTBOX_GIVE_UP_MS, PEER_OUTBOX_SWEEP_MS } from '../../../src/relationships/peer-delivery.js';
import { socialKind } from '../../../src/relationships/social-actor.js';
import { socialAddr, type ItemResult, type SocialMsg, type SocialWrite } from '../../../src/relationships/social-messages.js';
import type { Store } from '../../../src/store/index.js';
import { createMemoryStore } from '../../../src/store/memory/index.js';
import { MemoryWebhooks } from '../../../src/webhooks/memory.js';
import { FakeClock } from '../../support/fake-clock.js';
import { testApp } from '../../support/inproc-node.js';

/** lost: never answered (the caller's worker died); timeout: refused before the peer's turn;
 *  answerLost: the peer's turn ran, its answer did not arrive; deliver: normal. */
type Net = 'deliver' | 'lost' | 'timeout' | 'answerLost';

interface Live {
  actor: Actor<SocialMsg>;
  queue: Promise<unknown>;
}

class World {
  readonly clock = new FakeClock();
  readonly metrics: Metrics = createMetrics();
  readonly app = { ...testApp(1_500_000_000 + Math.floor(Math.random() * 90_000)), webhook: undefined };
  readonly webhooks: MemoryWebhooks;
  readonly store: Store;
  net: Net = 'deliver';
  /** Every peer ask sent, as "to <- key event". */
  readonly asks: string[] = [];
  readonly scheduled: Array<{ userId: string; ms: number; msg: SocialMsg }> = [];
  private readonly live = new Map<string, Live>();
  private readonly kind;

  constructor(store: Store = createMemoryStore()) {
    this.store = store;
    const apps = new AppDirectory([this.app]);
    const limits = DEFAULT_LIMITS;
    this.webhooks = new MemoryWebhooks({ apps, clock: this.clock, log: silentLogger, metrics: this.metrics, limits });
    const deps = { store, presence: new MemoryPresence(this.clock), bus: new MemoryBus({ metrics: this.metrics }), webhooks: this.webhooks, clock: this.clock, log: silentLogger, metrics: this.metrics, apps, askTimeoutMs: 1000 };
    this.kind = socialKind(deps);
  }

  /** A new activation of the user's actor (any earlier one is dropped, as when its worker died). */
  async activate(userId: string): Promise<void> {
    const actor = this.kind.create(`${this.app.sdkAppId}:${userId}`, this.ctx(userId));
    const live: Live = { actor, queue: Promise.resolve() };
    this.live.set(userId, live);
    live.queue = actor.onActivate?.() ?? Promise.resolve();
    await live.queue;
  }

  /** One turn, after the actor's earlier turns (activating it when needed). */
  async turn(userId: string, msg: SocialMsg): Promise<unknown> {
    if (!this.live.has(userId)) await this.activate(userId);
    const live = this.live.get(userId)!;
    const run = live.queue.then(() => live.actor.handle(msg));
    live.queue = run.catch(() => undefined);
    return run;
  }

  write(userId: string, cmd: SocialWrite): Promise<ItemResult[]> {
    return this.turn(userId, { t: 'cmd', req: { by: 'admin', identifier: 'administrator' }, cmd }) as Promise<ItemResult[]>;
  }

  /** Runs the sweeps the actor asked for so far. */
  async runScheduled(): Promise<void> {
    for (const s of this.scheduled.splice(0)) await this.turn(s.userId, s.msg);
    await flush();
  }

  async friendIds(userId: string): Promise<string[]> {
    return [...(await this.store.friends.listFriends(this.app.sdkAppId, userId, { limit: 100 })).friends.map((f) => f.peerId)];
  }

  async log(userId: string): Promise<string[]> {
    return (await this.store.socialChanges.changesSince(this.app.sdkAppId, userId, 0, 100)).map((c) => c.kind);
  }

  pending(userId: string) {
    return this.store.socialChanges.pendingPeerEvents(this.app.sdkAppId, userId, undefined, 100);
  }

  async failures(): Promise<number> {
    return (await this.metrics.socialPeerDeliveryFailures.get()).values[0]?.value ?? 0;
  }

  private ctx(userId: string): ActorContext<SocialMsg> {
    const self = socialAddr(this.app.sdkAppId, userId);
    const target = (to: ActorAddress) => to.id.slice(to.id.indexOf(':') + 1);
    return {
      self,
      clock: this.clock,
      log: silentLogger,
      tell: (to, msg) => void this.turn(target(to), msg as SocialMsg).catch(() => undefined),
      ask: async <R,>(to: ActorAddress, msg: unknown): Promise<R> => {
        const m = msg as Extract<SocialMsg, { t: 'peer' }>;
        this.asks.push(`${target(to)} <- ${m.key} ${m.ev.e}`);
        if (this.net === 'lost') return new Promise<R>(() => undefined);
        if (this.net === 'timeout') throw new ImError(Err.REQUEST_TIMEOUT, 'no answer');
        const r = (await this.turn(target(to), m)) as R;
        if (this.net === 'answerLost') throw new ImError(Err.REQUEST_TIMEOUT, 'no answer');
        return r;
      },
      schedule: (ms, msg) => {
        this.scheduled.push({ userId, ms, msg });
        return { cancel: () => undefined };
      },
      passivate: () => undefined,
    };
  }

  async setup(): Promise<void> {
    for (const userId of ['alice', 'bob', 'carol']) await this.store.accounts.importAccount(this.app.sdkAppId, { userId, nick: '', faceUrl: '', importedAt: 1 });
    for (const userId of ['bob', 'carol']) await this.store.profiles.setProfile(this.app.sdkAppId, userId, { Tag_Profile_IM_AllowType: 'AllowType_Type_AllowAny' });
  }

  close(): Promise<void> {
    return this.webhooks.close();
  }
}

/** Lets detached delivery chains and store calls run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

const addBoth = (...peerIds: string[]): SocialWrite => ({
  c: 'add',
  items: peerIds.map((peerId) => ({ peerId, addSource: 'AddSource_Type_Test', wording: 'hi', remark: '', group: '' })),
  addType: 'both',
  force: false,
});

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

async function world(store?: Store): Promise<World> {
  w = new World(store);
  await w.setup();
  return w;
}

describe('durable peer delivery', () => {
  it('a both-way add answered before its worker died reaches the peer from the next activation, once', async () => {
    const w = await world();
    w.net = 'lost';
    expect((await w.write('alice', addBoth('bob', 'carol'))).map((r) => r.code)).toEqual([0, 0]);
    await flush();
    expect(await w.friendIds('alice')).toEqual(['bob', 'carol']);
    expect(await w.friendIds('bob')).toEqual([]);
    expect((await w.pending('alice')).map((e) => e.peerId)).toEqual(['bob', 'carol']);

    // The worker is gone; the actor comes back elsewhere on its next message.
    w.net = 'deliver';
    await w.activate('alice');
    await flush();
    expect(await w.friendIds('bob')).toEqual(['alice']);
    expect(await w.friendIds('carol')).toEqual(['alice']);
    expect(await w.log('bob')).toEqual(['friend_added']);
    expect(await w.pending('alice')).toEqual([]);

    const sent = w.asks.length;
    await w.activate('alice');
    await flush();
    expect(w.asks.length).toBe(sent);
    expect(await w.log('bob')).toEqual(['friend_added']);
  });

  it('an event the peer applied but whose answer was lost is sent again and applied once, also by a new peer activation', async () => {
    const w = await world();
    w.net = 'answerLost';
    await w.write('alice', addBoth('bob'));
    await flush();
    expect(await w.friendIds('bob')).toEqual(['alice']);
    expect(await w.pending('alice')).toHaveLength(1);

    w.net = 'deliver';
    await w.activate('bob');
    await w.activate('alice');
    await flush();
    expect(w.asks).toEqual(['bob <- alice:1 added', 'bob <- alice:1 added']);
    expect(await w.log('bob')).toEqual(['friend_added']);
    expect(await w.pending('alice')).toEqual([]);
  });

  it("a stalled peer's newer event waits for the sweep, which sends them in order", async () => {
    const w = await world();
    w.net = 'timeout';
    await w.write('alice', addBoth('bob'));
    await flush();
    expect(w.scheduled.map((s) => s.ms)).toEqual([PEER_OUTBOX_SWEEP_MS]);
    w.net = 'deliver';
    await w.write('alice', { c: 'delete', peerIds: ['bob'], both: true });
    await flush();
    // Only the failed attempt so far: the delete did not overtake the add.
    expect(w.asks).toEqual(['bob <- alice:1 added']);
    await w.runScheduled();
    expect(w.asks).toEqual(['bob <- alice:1 added', 'bob <- alice:1 added', 'bob <- alice:2 deleted']);
    expect(await w.log('bob')).toEqual(['friend_added', 'friend_deleted']);
    expect(await w.friendIds('bob')).toEqual([]);
    expect(await w.pending('alice')).toEqual([]);
    // Nothing pending: no further sweep.
    await w.runScheduled();
    expect(w.scheduled).toEqual([]);
  });

  it('sweeps retry while the peer refuses, and give up after the bound, counted', async () => {
    const w = await world();
    w.net = 'timeout';
    await w.write('alice', { c: 'blockAdd', peerIds: ['bob'] });
    await flush();
    await w.runScheduled();
    expect(w.asks).toEqual(['bob <- alice:1 blocked', 'bob <- alice:1 blocked']);
    expect(w.scheduled).toHaveLength(1);
    expect(await w.failures()).toBe(0);

    w.clock.advance(PEER_OUTBOX_GIVE_UP_MS + 1);
    await w.runScheduled();
    expect(w.asks).toHaveLength(2);
    expect(await w.failures()).toBe(1);
    expect(await w.pending('alice')).toEqual([]);
    expect(w.scheduled).toEqual([]);
  });

  it('an event the peer refuses for good is given up at once', async () => {
    const w = await world();
    const real = w.turn.bind(w);
    // The peer's turn answers with an error that no retry can change.
    w.turn = async (userId, msg) => {
      if (userId === 'bob') throw new ImError(Err.SNS_INVALID_PARAMS, 'refused');
      return real(userId, msg);
    };
    await w.write('alice', { c: 'blockAdd', peerIds: ['bob'] });
    await flush();
    expect(await w.failures()).toBe(1);
    expect(await w.pending('alice')).toEqual([]);
    expect(w.scheduled).toEqual([]);
  });

  it('outbox events above the stored maxSeq (an append that failed) are dropped unsent before their seq is reused', async () => {
    const inner = createMemoryStore();
    let hideNewest = true;
    // As after a Cassandra append whose head write failed: the change log's head lags one seq.
    const store: Store = { ...inner, socialChanges: { ...inner.socialChanges, maxSeq: async (a, u) => Math.max(0, (await inner.socialChanges.maxSeq(a, u)) - (hideNewest ? 1 : 0)) } };
    store.socialChanges.appendChanges = inner.socialChanges.appendChanges.bind(inner.socialChanges);
    store.socialChanges.pendingPeerEvents = inner.socialChanges.pendingPeerEvents.bind(inner.socialChanges);
    store.socialChanges.clearPeerEvents = inner.socialChanges.clearPeerEvents.bind(inner.socialChanges);
    store.socialChanges.changesSince = inner.socialChanges.changesSince.bind(inner.socialChanges);
    const w = await world(store);
    await inner.socialChanges.appendChanges(w.app.sdkAppId, 'alice', [{ seq: 1, kind: 'block_added', time: 1, data: {} }], [{ seq: 1, peerId: 'bob', time: w.clock.nowMs(), event: { e: 'blocked' } }]);
    await w.activate('alice');
    await flush();
    expect(w.asks).toEqual([]);
    expect(await w.pending('alice')).toEqual([]);

    hideNewest = false;
    await w.write('alice', addBoth('carol'));
    await flush();
    expect(w.asks).toEqual(['carol <- alice:1 added']);
    expect(await w.log('bob')).toEqual([]);
  });

  it('the receiver recognises a redelivered key after reactivation while its change is among its last DEDUP_WINDOW, not beyond', async () => {
    const w = await world();
    const requested: SocialMsg = { t: 'peer', from: 'alice', key: 'alice:1', ev: { e: 'requested', addSource: 'AddSource_Type_X', wording: 'hi', remark: '', group: '', addType: 'both', time: 5 } };
    const inbox = async () => [...(await w.store.friendRequests.getRequests(w.app.sdkAppId, 'bob', 'inbox', ['alice'])).keys()];
    await w.turn('bob', requested);
    await w.turn('bob', { t: 'peer', from: 'alice', key: 'alice:2', ev: { e: 'withdrawn' } });
    // Other changes of bob's, up to the window's edge: seq 1 is still among the last DEDUP_WINDOW.
    const filler = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ seq: from + i, kind: 'block_removed', time: 1, data: {} }));
    const all = filler(3, DEDUP_WINDOW - 2);
    for (let i = 0; i < all.length; i += 100) await w.store.socialChanges.appendChanges(w.app.sdkAppId, 'bob', all.slice(i, i + 100));
    await w.activate('bob');
    await w.turn('bob', requested);
    expect(await inbox()).toEqual([]);
    // One change more and the key is out of the window: the stale event applies again.
    await w.store.socialChanges.appendChanges(w.app.sdkAppId, 'bob', filler(DEDUP_WINDOW + 1, 1));
    await w.activate('bob');
    await w.turn('bob', requested);
    expect(await inbox()).toEqual(['alice']);
  });
});
