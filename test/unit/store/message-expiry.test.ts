// Retention in the memory and LMDB message stores, where time is the injected clock: the exact
// expiry boundary, and the sweeps that actually delete expired rows in bounded batches (the
// contract only sees that expired rows are invisible).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Key, open, type RootDatabase } from 'lmdb';
import { afterAll, describe, expect, it } from 'vitest';
import { LMDB_SWEEP_BATCH, LmdbExpiries } from '../../../src/store/lmdb/expiries.js';
import { openLmdbStore } from '../../../src/store/lmdb/index.js';
import { ExpiryHeap, MEMORY_SWEEP_BATCH } from '../../../src/store/memory/expiry-heap.js';
import { createMemoryStore } from '../../../src/store/memory/index.js';
import type { Store } from '../../../src/store/index.js';
import { msg } from '../../contract/message-fixtures.js';
import { FakeClock } from '../../support/fake-clock.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'im-expiry-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('ExpiryHeap', () => {
  it('drops due entries earliest first, at most a batch per sweep', () => {
    const heap = new ExpiryHeap();
    const dropped: number[] = [];
    const ats = [50, 10, 40, 10, 30, 20, 60];
    ats.forEach((at, i) => heap.add(at, () => dropped.push(i)));
    heap.sweep(9);
    expect(dropped).toEqual([]);
    heap.sweep(40);
    expect(dropped.map((i) => ats[i])).toEqual([10, 10, 20, 30, 40]);
    expect(heap.size).toBe(2);
    for (let i = 0; i < MEMORY_SWEEP_BATCH + 5; i++) heap.add(100, () => dropped.push(-1));
    heap.sweep(1000);
    expect(heap.size).toBe(2 + 5);
    heap.sweep(1000);
    expect(heap.size).toBe(0);
  });
});

describe.each([
  ['memory', (clock: FakeClock) => createMemoryStore({ clock })],
  ['lmdb', (clock: FakeClock) => openLmdbStore({ path: join(tempDir(), 'store'), clock })],
] as const)('%s retention boundary', (_name, make) => {
  it('a row with ttl T is live until exactly T seconds after the write', async () => {
    const clock = new FakeClock();
    const s: Store = make(clock);
    try {
      await s.messages.append(1, 'c2c:a:b', msg(1), { ttlSec: 2 });
      await s.dedup.remember(1, 'c2c', 'k', 1, 2);
      clock.advance(1999);
      expect(await s.messages.getBySeqs(1, 'c2c:a:b', [1])).toHaveLength(1);
      expect(await s.dedup.get(1, 'c2c', 'k')).toBe(1);
      clock.advance(1);
      expect(await s.messages.getBySeqs(1, 'c2c:a:b', [1])).toHaveLength(0);
      expect(await s.dedup.get(1, 'c2c', 'k')).toBeUndefined();
      expect(await s.messages.maxSeq(1, 'c2c:a:b')).toBe(1);
    } finally {
      await s.close();
    }
  });
});

describe('LMDB sweeps', () => {
  const rows = (root: RootDatabase, name: string) => root.openDB<unknown, Key>({ name }).getCount();

  it('later writes delete expired messages and marks, a bounded batch at a time', async () => {
    const clock = new FakeClock();
    const path = join(tempDir(), 'store');
    const s = openLmdbStore({ path, clock });
    const n = LMDB_SWEEP_BATCH + 10;
    for (let seq = 1; seq <= n; seq++) await s.messages.append(1, 'c2c:a:b', msg(seq), { ttlSec: 5 });
    await s.messages.append(1, 'c2c:a:b', msg(n + 1));
    clock.advance(5000);
    const root = open({ path, maxDbs: 64 });
    try {
      expect(rows(root, 'messages')).toBe(n + 1);
      await s.dedup.remember(1, 'c2c', 'trigger', 1, 0);
      expect(rows(root, 'messages')).toBe(n + 1 - LMDB_SWEEP_BATCH);
      await s.messages.hide(1, 'u', 'c2c:a:b', [1]);
      expect(rows(root, 'messages')).toBe(1);
      expect(rows(root, 'expiries')).toBe(0);
      expect(await s.messages.maxSeq(1, 'c2c:a:b')).toBe(n + 1);
    } finally {
      await s.close();
      await root.close();
    }
  });

  it('an entry left behind by a rewrite does not delete the rewritten row', async () => {
    const path = join(tempDir(), 'raw');
    const root = open({ path, maxDbs: 4 });
    try {
      const data = root.openDB<number, Key>({ name: 'data' });
      const exp = new LmdbExpiries(root.openDB<true, Key>({ name: 'expiries' }));
      exp.register('dedup', (key, at) => {
        if (data.get(key) === at) void data.remove(key);
      });
      await data.transaction(() => {
        void data.put(['a'], 100);
        exp.add(100, 'dedup', ['a']);
        // Rewritten with a later expiry: the entry at 100 is now stale.
        void data.put(['a'], 300);
        exp.add(300, 'dedup', ['a']);
      });
      await data.transaction(() => exp.sweep(200));
      expect(data.get(['a'])).toBe(300);
      await data.transaction(() => exp.sweep(300));
      expect(data.get(['a'])).toBeUndefined();
    } finally {
      await root.close();
    }
  });
});
