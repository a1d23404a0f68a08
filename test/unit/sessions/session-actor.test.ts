// The session actor in isolation: a real MemoryBus (to see the kicks it publishes), MemoryPresence
// and MemoryWebhooks on a FakeClock, turns called directly.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActorContext } from '../../../src/actors/actor.js';
import { AppDirectory } from '../../../src/apps/app-directory.js';
import { MemoryBus } from '../../../src/bus/memory.js';
import { subjects } from '../../../src/bus/subjects.js';
import { DEFAULT_LIMITS } from '../../../src/config/config.js';
import { decodeEdgeMsg, type EdgeMsg } from '../../../src/edge/edge-messages.js';
import { silentLogger } from '../../../src/lib/log.js';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { MemoryPresence } from '../../../src/presence/memory.js';
import { Err } from '../../../src/protocol/error-codes.js';
import { parseSessionId, sessionKind } from '../../../src/sessions/session-actor.js';
import type { LoginPolicy } from '../../../src/sessions/login-policy.js';
import { sessionAddr, type AttachReply, type DeviceInfo, type SessionMsg } from '../../../src/sessions/session-messages.js';
import { MemoryWebhooks } from '../../../src/webhooks/memory.js';
import { FakeClock } from '../../support/fake-clock.js';
import { testApp } from '../../support/inproc-node.js';

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

let clock: FakeClock;
let bus: MemoryBus;
let presence: MemoryPresence;
let webhooks: MemoryWebhooks;
let metrics: ReturnType<typeof createMetrics>;
let edgeInbox: Map<string, EdgeMsg[]>;

function setup(policy: LoginPolicy) {
  const app = testApp(1400000001, policy);
  const apps = new AppDirectory([app]);
  metrics = createMetrics();
  webhooks = new MemoryWebhooks({ apps, clock, log: silentLogger, metrics, limits: DEFAULT_LIMITS });
  const kind = sessionKind({ presence, bus, webhooks, clock, log: silentLogger, metrics, apps });
  const addr = sessionAddr(app.sdkAppId, 'alice');
  const ctx = { self: addr, clock, log: silentLogger } as unknown as ActorContext<SessionMsg>;
  const actor = kind.create(addr.id, ctx);
  const device = (connId: string, platform: DeviceInfo['platform'], edgeId = 'e1'): DeviceInfo => ({ connId, edgeId, platform, deviceId: connId, since: clock.nowMs() });
  const attach = async (d: DeviceInfo) => {
    const r = (await actor.handle({ t: 'attach', device: d, clientIp: '10.0.0.1' })) as AttachReply;
    await presence.attach({ ...d, sdkAppId: app.sdkAppId, userId: 'alice' });
    return r;
  };
  return { app, kind, actor, device, attach, addr };
}

beforeEach(async () => {
  clock = new FakeClock();
  bus = new MemoryBus({ clock });
  presence = new MemoryPresence(clock);
  edgeInbox = new Map();
  for (const e of ['e1', 'e2']) {
    await presence.edgeAlive(e, 60_000);
    bus.subscribe(subjects.edge(e), (m) => edgeInbox.set(e, [...(edgeInbox.get(e) ?? []), decodeEdgeMsg(m.data)!]));
  }
});
afterEach(async () => {
  await bus.close();
  await presence.close();
});

describe('session actor', () => {
  it('single: attach kicks the other devices through their edges and removes their routes', async () => {
    const { app, actor, device, attach } = setup('single');
    // Two devices already online (e.g. attached before this activation): loaded from presence.
    for (const d of [device('c1', 'iPhone', 'e1'), device('c2', 'Web', 'e2')]) await presence.attach({ ...d, sdkAppId: app.sdkAppId, userId: 'alice' });
    await actor.onActivate?.();
    const r = await attach(device('c3', 'PC', 'e1'));
    expect(r.kicked.map((d) => d.connId)).toEqual(['c1', 'c2']);
    await settle();
    expect(edgeInbox.get('e1')?.at(-1)).toEqual({ t: 'kick', connIds: ['c1'], code: Err.KICKED_BY_OTHER_DEVICE, reason: 'another-device' });
    expect(edgeInbox.get('e2')?.at(-1)).toEqual({ t: 'kick', connIds: ['c2'], code: Err.KICKED_BY_OTHER_DEVICE, reason: 'another-device' });
    expect((await presence.routesOf(app.sdkAppId, ['alice'])).get('alice')?.map((x) => x.connId)).toEqual(['c3']);
    expect(((await actor.handle({ t: 'devices' })) as DeviceInfo[]).map((d) => d.connId)).toEqual(['c3']);
    expect((await metrics.kicks.get()).values).toEqual([expect.objectContaining({ labels: { reason: 'login-policy' }, value: 2 })]);
  });

  it('fires StateChange Login with KickedDevice, then Logout / Disconnect on detach', async () => {
    const { actor, device, attach } = setup('single');
    await attach(device('c1', 'Android'));
    await attach(device('c2', 'iPhone'));
    await actor.handle({ t: 'detach', connId: 'c2', reason: 'timeout' });
    await actor.handle({ t: 'detach', connId: 'c2', reason: 'close' }); // idempotent: no second event
    await settle();
    const bodies = webhooks.calls.map((c) => c.body);
    expect(bodies).toEqual([
      expect.objectContaining({ Info: { Action: 'Login', To_Account: 'alice', Reason: 'Register' }, KickedDevice: [], EventTime: clock.nowMs() }),
      expect.objectContaining({ Info: { Action: 'Login', To_Account: 'alice', Reason: 'Register' }, KickedDevice: [{ Platform: 'Android' }] }),
      expect.objectContaining({ Info: { Action: 'Disconnect', To_Account: 'alice', Reason: 'TimeOut' } }),
    ]);
    expect(webhooks.calls[1]!.query).toMatchObject({ ClientIP: '10.0.0.1', OptPlatform: 'IOS' });
  });

  it('a retried attach with the same connId changes nothing and fires no second Login', async () => {
    const { actor, device, attach } = setup('single');
    const d = device('c1', 'Web');
    await attach(d);
    expect((await attach(d)).kicked).toEqual([]);
    await settle();
    expect(webhooks.calls).toHaveLength(1);
    expect(((await actor.handle({ t: 'devices' })) as DeviceInfo[]).map((x) => x.connId)).toEqual(['c1']);
  });

  it('onActivate reloads the devices from presence (a new owner after failover)', async () => {
    const { kind, addr, device, attach } = setup('single');
    await attach(device('c1', 'Web', 'e1'));
    await attach(device('c2', 'Mac', 'e2')); // single: kicks c1
    const ctx = { self: addr, clock, log: silentLogger } as unknown as ActorContext<SessionMsg>;
    const fresh = kind.create(addr.id, ctx);
    await fresh.onActivate?.();
    expect(((await fresh.handle({ t: 'devices' })) as DeviceInfo[]).map((d) => [d.connId, d.edgeId, d.platform])).toEqual([['c2', 'e2', 'Mac']]);
    const r = (await fresh.handle({ t: 'attach', device: device('c3', 'Android', 'e1') })) as AttachReply;
    expect(r.kicked.map((d) => d.connId)).toEqual(['c2']);
  });

  it('kickAll kicks every device with reason admin and returns the count', async () => {
    const { app, actor, device, attach } = setup('multi');
    await attach(device('c1', 'Web', 'e1'));
    await attach(device('c2', 'Web', 'e1'));
    await attach(device('c3', 'iPad', 'e2'));
    expect(await actor.handle({ t: 'kickAll', reason: 'admin' })).toBe(3);
    await settle();
    expect(edgeInbox.get('e1')?.at(-1)).toEqual({ t: 'kick', connIds: ['c1', 'c2'], code: Err.KICKED_BY_OTHER_DEVICE, reason: 'admin' });
    expect(edgeInbox.get('e2')?.at(-1)).toMatchObject({ connIds: ['c3'], reason: 'admin' });
    expect(await actor.handle({ t: 'devices' })).toEqual([]);
    expect((await presence.routesOf(app.sdkAppId, ['alice'])).get('alice')).toBeUndefined();
    expect(await actor.handle({ t: 'kickAll', reason: 'admin' })).toBe(0);
    expect((await metrics.kicks.get()).values).toEqual([expect.objectContaining({ labels: { reason: 'admin' }, value: 3 })]);
  });

  it('kickAll after an account deletion says deleted; unknown reasons are reported as admin', async () => {
    const { actor, device, attach } = setup('multi');
    await attach(device('c1', 'Web', 'e1'));
    expect(await actor.handle({ t: 'kickAll', reason: 'deleted' })).toBe(1);
    await attach(device('c2', 'Web', 'e1'));
    expect(await actor.handle({ t: 'kickAll', reason: 'whatever <script>' })).toBe(1);
    await settle();
    expect(edgeInbox.get('e1')?.map((m) => (m.t === 'kick' ? m.reason : m.t))).toEqual(['deleted', 'admin']);
    const labels = (await metrics.kicks.get()).values.map((v) => [v.labels.reason, v.value]);
    expect(labels).toEqual([['deleted', 1], ['admin', 1]]);
  });

  it('parses session ids, including user ids with a colon, and rejects bad ones', () => {
    expect(parseSessionId('1400000000:a:b')).toEqual({ sdkAppId: 1400000000, userId: 'a:b' });
    for (const bad of ['nocolon', ':u', 'x:u', '14:', '-1:u']) expect(() => parseSessionId(bad)).toThrow(/bad session id/);
  });
});
