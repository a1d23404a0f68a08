// Runs the Store contract against the embedded LMDB implementation (a fresh temp directory per
// handle), plus what only a persistent store has: data survives close and reopen.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLmdbStore } from '../../../src/store/lmdb/index.js';
import { storeContract } from '../../contract/store.contract.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'im-lmdb-'));
  dirs.push(d);
  return d;
};
const removeDirs = async () => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
};

storeContract('lmdb', async () => openLmdbStore({ path: join(tempDir(), 'store') }), removeDirs);

describe('lmdb store persistence', () => {
  afterAll(removeDirs);

  it('keeps apps, accounts, sig floors and deletions across close and reopen', async () => {
    const path = join(tempDir(), 'store');
    const first = openLmdbStore({ path });
    const app = { sdkAppId: 1400000001, secretKey: 's3cret', admins: ['administrator'], name: 'persist', loginPolicy: 'triple' as const, createdAt: 1_790_000_000_001 };
    await first.apps.putApp(app);
    await first.accounts.importAccount(app.sdkAppId, { userId: 'kept', nick: '留', faceUrl: 'f', importedAt: 7 });
    await first.accounts.importAccount(app.sdkAppId, { userId: 'gone', nick: 'g', faceUrl: '', importedAt: 8 });
    await first.accounts.importAccount(2, { userId: 'kept', nick: 'other app', faceUrl: '', importedAt: 9 });
    expect(await first.accounts.setSigFloor(app.sdkAppId, 'kept', 1_790_000_500)).toBe(true);
    expect(await first.accounts.deleteAccount(app.sdkAppId, 'gone')).toBe(true);
    await first.close();

    const second = openLmdbStore({ path });
    try {
      expect(await second.apps.getApp(app.sdkAppId)).toEqual(app);
      expect(await second.apps.listApps()).toEqual([app]);
      expect(await second.accounts.getAccount(app.sdkAppId, 'kept')).toEqual({ userId: 'kept', nick: '留', faceUrl: 'f', importedAt: 7, sigFloor: 1_790_000_500 });
      expect(await second.accounts.getAccount(app.sdkAppId, 'gone')).toBeUndefined();
      expect((await second.accounts.getAccount(2, 'kept'))?.nick).toBe('other app');
    } finally {
      await second.close();
    }
  });

  it('refuses a missing path and a path that is a regular file', () => {
    expect(() => openLmdbStore({ path: '' })).toThrow(/path/);
    expect(() => openLmdbStore(undefined as never)).toThrow(/path/);
    const file = join(tempDir(), 'not-a-dir');
    writeFileSync(file, 'x');
    expect(() => openLmdbStore({ path: file })).toThrow(/cannot open .*not-a-dir/);
  });
});
