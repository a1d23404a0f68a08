// Retention of the social change log in the stores without a TTL (memory, LMDB): an append prunes
// the changes older than SOCIAL_CHANGE_RETENTION_MS before the newest appended change, never the
// newest, and maxSeq is unaffected. (Cassandra expires rows by the table's TTL instead.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/index.js';
import { openLmdbStore } from '../../../src/store/lmdb/index.js';
import { createMemoryStore } from '../../../src/store/memory/index.js';
import { SOCIAL_CHANGE_RETENTION_MS } from '../../../src/store/social-changes.js';
import { change } from '../../contract/social-fixtures.js';

const DAY = 24 * 3600 * 1000;
const T = 1_790_000_000_000;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const backends: [string, () => Store][] = [
  ['memory', () => createMemoryStore()],
  [
    'lmdb',
    () => {
      const d = mkdtempSync(join(tmpdir(), 'im-lmdb-retention-'));
      dirs.push(d);
      return openLmdbStore({ path: join(d, 'store') });
    },
  ],
];

describe.each(backends)('social change retention: %s', (_name, open) => {
  it('drops changes older than the retention before the newest append, keeps maxSeq', async () => {
    const s = open();
    try {
      await s.socialChanges.appendChanges(7, 'u', [change(1, { time: T }), change(2, { time: T + DAY })]);
      await s.socialChanges.appendChanges(7, 'u', [change(3, { time: T + SOCIAL_CHANGE_RETENTION_MS + DAY })]);
      expect((await s.socialChanges.changesSince(7, 'u', 0, 10)).map((c) => c.seq)).toEqual([2, 3]);
      await s.socialChanges.appendChanges(7, 'u', [change(4, { time: T + 100 * DAY })]);
      expect((await s.socialChanges.changesSince(7, 'u', 0, 10)).map((c) => c.seq)).toEqual([4]);
      expect(await s.socialChanges.maxSeq(7, 'u')).toBe(4);
      await s.socialChanges.appendChanges(7, 'other', [change(1, { time: T })]);
      expect((await s.socialChanges.changesSince(7, 'other', 0, 10)).map((c) => c.seq)).toEqual([1]);
    } finally {
      await s.close();
    }
  });

  it('keeps a change exactly at the retention boundary', async () => {
    const s = open();
    try {
      await s.socialChanges.appendChanges(7, 'u', [change(1, { time: T }), change(2, { time: T + SOCIAL_CHANGE_RETENTION_MS })]);
      expect((await s.socialChanges.changesSince(7, 'u', 0, 10)).map((c) => c.seq)).toEqual([1, 2]);
    } finally {
      await s.close();
    }
  });
});
