// Store contract cases for AppStore; run by storeContract (store.contract.ts) against every implementation.
import { describe, expect, it } from 'vitest';
import { app, type StoreCaseContext } from './store-fixtures.js';

export function appCases(ctx: StoreCaseContext): void {
  const { newAppId, store } = ctx;
  describe('apps', () => {
    it('getApp of an unknown app is undefined', async () => {
      expect(await store().apps.getApp(newAppId())).toBeUndefined();
    });

    it('putApp then getApp returns every field', async () => {
      const a = app(newAppId(), { loginPolicy: 'dual', admins: ['root', '管理员'], name: 'Démo 🙂' });
      await store().apps.putApp(a);
      expect(await store().apps.getApp(a.sdkAppId)).toEqual(a);
    });

    it('putApp replaces the whole record, including an emptied admin list', async () => {
      const id = newAppId();
      await store().apps.putApp(app(id));
      const next = app(id, { secretKey: 'new-secret', admins: [], name: 'renamed', loginPolicy: 'single', createdAt: 5 });
      await store().apps.putApp(next);
      expect(await store().apps.getApp(id)).toEqual(next);
    });

    it('listApps includes each stored app exactly once, with its latest version', async () => {
      const a = app(newAppId());
      const b = app(newAppId(), { loginPolicy: 'triple' });
      await store().apps.putApp(a);
      await store().apps.putApp(b);
      const a2 = { ...a, name: 'second version' };
      await store().apps.putApp(a2);
      const listed = (await store().apps.listApps()).filter((x) => x.sdkAppId === a.sdkAppId || x.sdkAppId === b.sdkAppId);
      expect(listed.sort((x, y) => x.sdkAppId - y.sdkAppId)).toEqual([a2, b].sort((x, y) => x.sdkAppId - y.sdkAppId));
    });

    it('apps with different ids are independent', async () => {
      const a = app(newAppId(), { name: 'a' });
      const b = app(newAppId(), { name: 'b' });
      await store().apps.putApp(a);
      await store().apps.putApp(b);
      await store().apps.putApp({ ...a, name: 'a2' });
      expect((await store().apps.getApp(b.sdkAppId))?.name).toBe('b');
    });

    it('returned and stored objects are not live references', async () => {
      const a = app(newAppId());
      const input = structuredClone(a);
      await store().apps.putApp(input);
      input.admins.push('intruder');
      input.name = 'changed after put';

      const got = await store().apps.getApp(a.sdkAppId);
      expect(got).toEqual(a);
      got!.admins.push('intruder');
      got!.secretKey = 'leaked';
      const listed = (await store().apps.listApps()).find((x) => x.sdkAppId === a.sdkAppId);
      expect(listed).toEqual(a);
      listed!.admins.length = 0;
      expect(await store().apps.getApp(a.sdkAppId)).toEqual(a);
    });

    it('rejects bad app ids and records with clear errors', async () => {
      for (const bad of [0, -1, 1.5, Number.NaN, 2 ** 32, '1400000000' as unknown as number]) {
        await expect(store().apps.getApp(bad)).rejects.toThrow(/sdkAppId/);
        await expect(store().apps.putApp(app(bad))).rejects.toThrow(/sdkAppId/);
      }
      const id = newAppId();
      await expect(store().apps.putApp(app(id, { loginPolicy: 'bogus' as never }))).rejects.toThrow(/loginPolicy/);
      await expect(store().apps.putApp(app(id, { secretKey: '' }))).rejects.toThrow(/secretKey/);
      await expect(store().apps.putApp(app(id, { admins: 'root' as never }))).rejects.toThrow(/admins/);
      await expect(store().apps.putApp(app(id, { admins: [''] }))).rejects.toThrow(/userId/);
      await expect(store().apps.putApp(app(id, { createdAt: -1 }))).rejects.toThrow(/createdAt/);
      await expect(store().apps.putApp(null as never)).rejects.toThrow(/app must be an object/);
      expect(await store().apps.getApp(id)).toBeUndefined();
    });
  });
}
