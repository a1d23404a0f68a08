// A C2C send batch reaches the offline pusher as one job per direction of the pair, after the
// online push and with the routes that push read: one presence lookup, one device read and one
// receive-option read per direction however many messages the batch holds; per-message PushFlag,
// WithMuteNotifications and online-only still decide which messages are pushed, in seq order.
import { describe, expect, it } from 'vitest';
import type { Actor, ActorContext } from '../../../src/actors/actor.js';
import { MemoryBus } from '../../../src/bus/memory.js';
import { c2cKind } from '../../../src/conversations/c2c-actor.js';
import { c2cAddr, type C2cMsg, type C2cSend } from '../../../src/conversations/c2c-messages.js';
import { systemClock } from '../../../src/lib/clock.js';
import { silentLogger } from '../../../src/lib/log.js';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { MemoryPresence } from '../../../src/presence/memory.js';
import { MemoryPush } from '../../../src/push/memory.js';
import { OfflinePusher } from '../../../src/push/offline-pusher.js';
import { createMemoryStore } from '../../../src/store/memory/index.js';
import { RecvOpt } from '../../../src/store/push-registry.js';
import { CountingRegistry } from '../push/helpers.js';
import { eventually } from '../../support/im-user.js';
import { c2cSend } from './c2c-fixture.js';

const APP = 1400000779;
const CONV = 'c2c:alice:bob';


class CountingPresence extends MemoryPresence {
  routeReads = 0;
  override routesOf(...args: Parameters<MemoryPresence['routesOf']>) {
    this.routeReads++;
    return super.routesOf(...args);
  }
}

async function setup() {
  const store = createMemoryStore();
  for (const u of ['alice', 'bob']) await store.accounts.importAccount(APP, { userId: u, nick: '', faceUrl: '', importedAt: 1 });
  const registry = new CountingRegistry();
  await registry.put(APP, 'bob', { deviceId: 'bob-phone', platform: 'fcm', token: 'fcm-bob', updatedAt: 1 });
  await registry.put(APP, 'alice', { deviceId: 'alice-phone', platform: 'fcm', token: 'fcm-alice', updatedAt: 1 });
  const presence = new CountingPresence(systemClock);
  const provider = new MemoryPush();
  const pusher = new OfflinePusher({ registry, presence, provider, metrics: createMetrics(), log: silentLogger });
  const deps = { store, presence, bus: new MemoryBus(), clock: systemClock, log: silentLogger, offlinePush: pusher };
  const a = c2cAddr(APP, 'alice', 'bob');
  const actor: Actor<C2cMsg> = c2cKind(deps).create(a.id, { self: a, clock: systemClock, log: silentLogger } as unknown as ActorContext<C2cMsg>);
  return { registry, presence, provider, pusher, actor };
}

const send = (random: number, from = 'alice', to = 'bob', wire: Record<string, unknown> = {}): C2cSend => c2cSend(APP, random, { from, to, wire });

describe('C2C offline-push jobs', () => {
  it('one batch of N sends costs one presence lookup and one device and receive-option read per direction', async () => {
    const s = await setup();
    const sends = [
      send(1),
      send(2, 'alice', 'bob', { OfflinePushInfo: { PushFlag: 1 } }),
      send(3, 'bob', 'alice'),
      send(4, 'alice', 'bob', { OnlineOnlyFlag: 1 }),
      send(5),
      send(6),
      send(7, 'bob', 'alice'),
      send(8),
    ];
    await s.actor.batch!.handle(sends);
    await eventually('pushes sent', 5_000, async () => (s.provider.sent().length >= 6 ? true : undefined));
    await s.pusher.idle();
    const got = s.provider.sent().map((p) => `${p.target.token}:${p.notification.body}`);
    expect(got.filter((g) => g.startsWith('fcm-bob'))).toEqual(['fcm-bob:m1', 'fcm-bob:m5', 'fcm-bob:m6', 'fcm-bob:m8']);
    expect(got.filter((g) => g.startsWith('fcm-alice'))).toEqual(['fcm-alice:m3', 'fcm-alice:m7']);
    expect([s.presence.routeReads, s.registry.lists, s.registry.recvOptReads]).toEqual([1, 2, 2]);
    await s.pusher.close();
  });

  it('a muted conversation still gets the WithMuteNotifications messages of the batch, and no more', async () => {
    const s = await setup();
    await s.registry.setRecvOpt(APP, 'bob', CONV, RecvOpt.NO_PUSH);
    const mute = { SendMsgControl: ['WithMuteNotifications'] };
    await s.actor.batch!.handle([send(1), send(2, 'alice', 'bob', mute), send(3), send(4, 'alice', 'bob', mute)]);
    await eventually('pushes sent', 5_000, async () => (s.provider.sent().length >= 2 ? true : undefined));
    await s.pusher.idle();
    expect(s.provider.sent().map((p) => p.notification.body)).toEqual(['m2', 'm4']);
    expect([s.presence.routeReads, s.registry.lists, s.registry.recvOptReads]).toEqual([1, 1, 1]);
    await s.pusher.close();
  });
});
