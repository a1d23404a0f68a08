// MemoryPresence: the shared Presence contract on a FakeClock, plus the default PushOnline TTL and
// the lazy cleanup of a crashed edge's routes (only observable with fake time).
import { describe, expect, it } from 'vitest';
import { MemoryPresence } from '../../../src/presence/memory.js';
import { PUSH_ONLINE_TTL_MS } from '../../../src/presence/presence-rules.js';
import { FakeClock } from '../../support/fake-clock.js';
import { presenceContract } from '../../contract/presence.contract.js';

presenceContract('memory', async () => {
  const clock = new FakeClock();
  const presence = new MemoryPresence(clock);
  return { presence, advance: async (ms) => clock.advance(ms), close: () => presence.close() };
});

const APP = 1_400_000_009;
const route = (userId: string, edgeId: string, connId: string) =>
  ({ sdkAppId: APP, userId, connId, edgeId, platform: 'iPhone', deviceId: `${connId}-dev`, since: 1 }) as const;

describe('MemoryPresence specifics', () => {
  it('expires PushOnline after the default TTL and not before', async () => {
    const clock = new FakeClock();
    const p = new MemoryPresence(clock);
    await p.edgeAlive('e1', 10_000);
    await p.attach(route('u', 'e1', 'c1'));
    await p.detach(APP, 'u', 'c1', { pushOnline: true });
    clock.advance(PUSH_ONLINE_TTL_MS - 1);
    expect((await p.onlineState(APP, ['u'])).get('u')?.status).toBe('PushOnline');
    clock.advance(1);
    expect((await p.onlineState(APP, ['u'])).get('u')?.status).toBe('Offline');
  });

  it('deletes a lapsed edge’s routes at the next heartbeat of any edge', async () => {
    const clock = new FakeClock();
    const p = new MemoryPresence(clock);
    await p.edgeAlive('dead', 1_000);
    await p.edgeAlive('live', 60_000);
    await p.attach(route('u', 'dead', 'c1'));
    clock.advance(1_000);
    await p.edgeAlive('live', 60_000);
    // Gone for good: the dead edge id coming back does not revive them.
    await p.edgeAlive('dead', 1_000);
    expect((await p.routesOf(APP, ['u'])).size).toBe(0);
    expect((p as unknown as { apps: Map<number, unknown> }).apps.size).toBe(0);
  });
});
