// Social store contract cases for ProfileStore; run by socialStoreContract (social-store.contract.ts).
import { describe, expect, it } from 'vitest';
import type { SocialCaseContext } from './social-fixtures.js';

export function profileCases({ store, newAppId }: SocialCaseContext): void {
  const profiles = () => store().profiles;

  describe('profiles', () => {
    it('unknown users and an empty list give an empty map', async () => {
      expect((await profiles().getProfiles(newAppId(), ['nobody'])).size).toBe(0);
      const empty = await profiles().getProfiles(newAppId(), []);
      expect(empty).toBeInstanceOf(Map);
      expect(empty.size).toBe(0);
    });

    it('setProfile stores strings, numbers and string arrays; getProfiles returns them all', async () => {
      const id = newAppId();
      const values = { Tag_Profile_IM_Nick: '昵称 😀', Tag_Profile_IM_Level: 7, Tag_Profile_Custom_tags: ['a', 'b'], Tag_Profile_IM_Location: '', Tag_Profile_IM_Language: 0 };
      await profiles().setProfile(id, 'alice', values);
      expect(await profiles().getProfiles(id, ['alice'])).toEqual(new Map([['alice', values]]));
    });

    it('setProfile overwrites the named tags and keeps the others; an empty object is a no-op', async () => {
      const id = newAppId();
      await profiles().setProfile(id, 'u', { Tag_A: 'one', Tag_B: 1 });
      await profiles().setProfile(id, 'u', { Tag_B: 2, Tag_C: ['x'] });
      await profiles().setProfile(id, 'u', {});
      await profiles().setProfile(id, 'empty', {});
      const got = await profiles().getProfiles(id, ['u', 'empty']);
      expect(got).toEqual(new Map([['u', { Tag_A: 'one', Tag_B: 2, Tag_C: ['x'] }]]));
    });

    it('a tag filter returns only those tags; users with none of them are absent; an empty filter returns nothing', async () => {
      const id = newAppId();
      await profiles().setProfile(id, 'a', { Tag_Nick: 'A', Tag_Level: 3, Tag_Image: 'u' });
      await profiles().setProfile(id, 'b', { Tag_Image: 'b.png' });
      const got = await profiles().getProfiles(id, ['a', 'b', 'c'], ['Tag_Nick', 'Tag_Level', 'Tag_Missing']);
      expect(got).toEqual(new Map([['a', { Tag_Nick: 'A', Tag_Level: 3 }]]));
      expect((await profiles().getProfiles(id, ['a', 'b'], [])).size).toBe(0);
    });

    it('a batch leaves missing ids out, answers duplicates once and takes the maximum size', async () => {
      const id = newAppId();
      for (let i = 0; i < 30; i++) await profiles().setProfile(id, `p${i}`, { Tag_N: i });
      const asked = [...Array.from({ length: 30 }, (_, i) => `p${i}`), ...Array.from({ length: 970 }, (_, i) => `missing${i}`), 'p0', 'p1'];
      const got = await profiles().getProfiles(id, asked);
      expect(got.size).toBe(30);
      expect(got.get('p29')).toEqual({ Tag_N: 29 });
      await expect(profiles().getProfiles(id, Array.from({ length: 1001 }, (_, i) => `u${i}`))).rejects.toThrow(RangeError);
    });

    it('deleteProfile removes every tag of that user only, and is idempotent', async () => {
      const id = newAppId();
      await profiles().setProfile(id, 'gone', { Tag_A: 'a', Tag_B: 'b' });
      await profiles().setProfile(id, 'kept', { Tag_A: 'k' });
      await profiles().deleteProfile(id, 'gone');
      await profiles().deleteProfile(id, 'gone');
      await profiles().deleteProfile(id, 'never');
      expect(await profiles().getProfiles(id, ['gone', 'kept'])).toEqual(new Map([['kept', { Tag_A: 'k' }]]));
      await profiles().setProfile(id, 'gone', { Tag_C: 'back' });
      expect((await profiles().getProfiles(id, ['gone'])).get('gone')).toEqual({ Tag_C: 'back' });
    });

    it('apps are isolated', async () => {
      const [a, b] = [newAppId(), newAppId()];
      await profiles().setProfile(a, 'same', { Tag_Nick: 'in a' });
      await profiles().setProfile(b, 'same', { Tag_Level: 2 });
      await profiles().deleteProfile(b, 'same');
      expect((await profiles().getProfiles(a, ['same'])).get('same')).toEqual({ Tag_Nick: 'in a' });
      expect((await profiles().getProfiles(b, ['same'])).size).toBe(0);
    });

    it('returned and passed values are copies', async () => {
      const id = newAppId();
      const input = { Tag_List: ['x'] };
      await profiles().setProfile(id, 'u', input);
      input.Tag_List.push('mutated');
      const first = (await profiles().getProfiles(id, ['u'])).get('u')!;
      (first.Tag_List as string[]).push('also mutated');
      first.Tag_New = 'added';
      expect((await profiles().getProfiles(id, ['u'])).get('u')).toEqual({ Tag_List: ['x'] });
    });

    it('refuses malformed tags, values and ids with clear errors', async () => {
      const id = newAppId();
      const set = (values: unknown) => profiles().setProfile(id, 'u', values as never);
      await expect(set({ '': 'x' })).rejects.toThrow(/tag/);
      await expect(set({ '1Tag': 'x' })).rejects.toThrow(/tag/);
      await expect(set({ __proto__x: 'x' })).rejects.toThrow(/tag/);
      await expect(set({ 'Tag-Dash': 'x' })).rejects.toThrow(/tag/);
      await expect(set({ ['T'.repeat(65)]: 'x' })).rejects.toThrow(/tag/);
      await expect(set({ Tag_A: { nested: 1 } })).rejects.toThrow(TypeError);
      await expect(set({ Tag_A: null })).rejects.toThrow(TypeError);
      await expect(set({ Tag_A: [1, 2] })).rejects.toThrow(/Tag_A\[0\]/);
      await expect(set({ Tag_A: Number.NaN })).rejects.toThrow(/finite/);
      await expect(set({ Tag_A: 'x'.repeat(5000) })).rejects.toThrow(/bytes/);
      await expect(set({ Tag_A: '\ud800' })).rejects.toThrow(/surrogate/);
      await expect(set(null)).rejects.toThrow(TypeError);
      await expect(set(Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`Tag_${i}`, i])))).rejects.toThrow(/at most 64/);
      await expect(profiles().setProfile(0, 'u', { Tag_A: 'x' })).rejects.toThrow(/sdkAppId/);
      await expect(profiles().setProfile(id, '', { Tag_A: 'x' })).rejects.toThrow(/userId/);
      await expect(profiles().getProfiles(id, ['ok', 'x'.repeat(33)])).rejects.toThrow(/userId/);
      await expect(profiles().getProfiles(id, ['ok'], ['bad tag'])).rejects.toThrow(/tag/);
      await expect(profiles().getProfiles(id, 'ok' as never)).rejects.toThrow(TypeError);
      await expect(profiles().deleteProfile(-1, 'u')).rejects.toThrow(/sdkAppId/);
      expect((await profiles().getProfiles(id, ['u'])).size).toBe(0);
    });
  });
}
