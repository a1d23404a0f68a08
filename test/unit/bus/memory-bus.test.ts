// MemoryBus: the shared Bus contract with two participants on one hub, plus what only the memory
// implementation promises (asynchronous delivery, the per-subscriber bound, peers closing alone).
import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../../../src/bus/memory.js';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { FakeClock } from '../../support/fake-clock.js';
import { busContract } from '../../contract/bus.contract.js';

busContract('memory', async () => {
  const a = new MemoryBus();
  const b = a.peer();
  return { a, b, close: async () => void (await Promise.all([a.close(), b.close()])) };
});

const enc = (s: string) => new TextEncoder().encode(s);
const tick = () => new Promise((r) => setImmediate(r));

describe('MemoryBus specifics', () => {
  it('never delivers inside publish', async () => {
    const bus = new MemoryBus();
    const got: string[] = [];
    bus.subscribe('s.x', () => void got.push('x'));
    bus.publish('s.x', enc('1'));
    expect(got).toEqual([]);
    await tick();
    expect(got).toEqual(['x']);
    await bus.close();
  });

  it('drops and counts messages beyond the per-subscriber bound', async () => {
    const metrics = createMetrics();
    const bus = new MemoryBus({ metrics, maxPendingPerSubscriber: 10 });
    const got: number[] = [];
    bus.subscribe('s.flood', (m) => void got.push(m.data[0]!));
    for (let i = 0; i < 15; i++) bus.publish('s.flood', Uint8Array.of(i));
    await tick();
    expect(got).toEqual([...Array(10).keys()]);
    expect((await metrics.busDrops.get()).values[0]?.value).toBe(5);
    // Once drained, the subscriber accepts messages again.
    bus.publish('s.flood', Uint8Array.of(99));
    await tick();
    expect(got.at(-1)).toBe(99);
    await bus.close();
  });

  it('counts handler failures', async () => {
    const metrics = createMetrics();
    const bus = new MemoryBus({ metrics });
    bus.subscribe('s.fail', () => {
      throw new Error('expected by the test');
    });
    bus.publish('s.fail', enc('x'));
    await tick();
    expect((await metrics.busHandlerErrors.get()).values[0]?.value).toBe(1);
    await bus.close();
  });

  it('times requests out on the injected clock', async () => {
    const clock = new FakeClock();
    const bus = new MemoryBus({ clock });
    bus.subscribe('s.silent', () => {});
    const p = bus.request('s.silent', enc('x'), { timeoutMs: 1_000 });
    const outcome = p.then(
      () => 'resolved',
      (e: { kind: string }) => e.kind,
    );
    await tick();
    clock.advance(999);
    await tick();
    clock.advance(1);
    expect(await outcome).toBe('timeout');
    await bus.close();
  });

  it('lets messages queued before close() be handled, and none after', async () => {
    const a = new MemoryBus();
    const b = a.peer();
    const got: string[] = [];
    b.subscribe('s.q', (m) => void got.push(new TextDecoder().decode(m.data)));
    a.publish('s.q', enc('before'));
    const closing = b.close();
    a.publish('s.q', enc('after'));
    await closing;
    await tick();
    expect(got).toEqual(['before']);
    await a.close();
  });

  it('gives each receiver its own copy of the payload', async () => {
    const bus = new MemoryBus();
    const seen: number[] = [];
    bus.subscribe('s.copy', (m) => void (m.data[0] = 42));
    bus.subscribe('s.copy', (m) => void seen.push(m.data[0]!));
    bus.publish('s.copy', Uint8Array.of(1));
    await tick();
    expect(seen).toEqual([1]);
    await bus.close();
  });

  it('rejects a non-positive subscriber bound', () => {
    expect(() => new MemoryBus({ maxPendingPerSubscriber: 0 })).toThrow(/maxPendingPerSubscriber/);
  });
});

describe('MemoryBus drain from inside a handler', () => {
  it('still handles the rest of the batch being delivered', async () => {
    const bus = new MemoryBus();
    const got: number[] = [];
    let drained: Promise<void> | undefined;
    const sub = bus.subscribe('s.d', (m) => {
      got.push(m.data[0]!);
      if (got.length === 1) drained = sub.drain!();
    });
    for (let i = 1; i <= 3; i++) bus.publish('s.d', Uint8Array.of(i));
    await tick();
    await drained;
    expect(got).toEqual([1, 2, 3]);
    bus.publish('s.d', Uint8Array.of(4));
    await tick();
    expect(got).toEqual([1, 2, 3]);
    await bus.close();
  });
});
