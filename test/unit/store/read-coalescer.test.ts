// ReadCoalescer (Cassandra store reads): concurrent reads of a key share one load, but a read issued
// after a completed write never joins a load that started before it, and every caller gets a copy.
import { describe, expect, it } from 'vitest';
import { ReadCoalescer } from '../../../src/store/cassandra/read-coalescer.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('ReadCoalescer', () => {
  it('shares one in-flight load per key and hands each caller its own copy', async () => {
    const c = new ReadCoalescer<{ n: number }>((v) => ({ ...v }));
    const d = deferred<{ n: number }>();
    let loads = 0;
    const load = () => (loads++, d.promise);
    const a = c.read('k', load);
    const b = c.read('k', load);
    d.resolve({ n: 1 });
    const [ra, rb] = await Promise.all([a, b]);
    expect(loads).toBe(1);
    expect(ra).toEqual({ n: 1 });
    expect(ra).not.toBe(rb);
  });

  it('does not coalesce different keys', async () => {
    const c = new ReadCoalescer<number>((v) => v);
    let loads = 0;
    await Promise.all([c.read('a', async () => ++loads), c.read('b', async () => ++loads)]);
    expect(loads).toBe(2);
  });

  it('a read after wrote() starts a new load instead of joining an older one', async () => {
    const c = new ReadCoalescer<string>((v) => v);
    const before = deferred<string>();
    const after = deferred<string>();
    const loads: string[] = [];
    const early = c.read('k', () => (loads.push('early'), before.promise));
    c.wrote();
    const late = c.read('k', () => (loads.push('late'), after.promise));
    const lateJoiner = c.read('k', () => (loads.push('extra'), after.promise));
    after.resolve('new');
    before.resolve('old');
    expect(await late).toBe('new');
    expect(await lateJoiner).toBe('new');
    expect(await early).toBe('old');
    expect(loads).toEqual(['early', 'late']);
  });

  it('a failed load rejects every joined caller and is not cached', async () => {
    const c = new ReadCoalescer<number>((v) => v);
    const d = deferred<number>();
    const fail = () => d.promise.then(() => Promise.reject(new Error('boom')));
    const a = c.read('k', fail);
    const b = c.read('k', fail);
    d.resolve(0);
    await expect(a).rejects.toThrow('boom');
    await expect(b).rejects.toThrow('boom');
    expect(await c.read('k', async () => 7)).toBe(7);
  });
});
