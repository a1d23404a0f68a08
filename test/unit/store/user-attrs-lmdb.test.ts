// The UserAttrStore contract against the embedded LMDB store (a fresh temp directory), plus values
// surviving close and reopen.
import { afterAll, describe, expect, it } from 'vitest';
import { openLmdbStore } from '../../../src/store/lmdb/index.js';
import { userAttrsContract } from '../../contract/user-attrs.contract.js';
import { tempLmdbPaths } from './temp-lmdb.js';

const temp = tempLmdbPaths('im-lmdb-attrs-');

userAttrsContract('lmdb', async () => openLmdbStore({ path: temp.path() }), temp.remove);

describe('lmdb user attrs persistence', () => {
  afterAll(temp.remove);

  it('keeps names, attrs and tags across close and reopen', async () => {
    const path = temp.path();
    const first = openLmdbStore({ path });
    await first.userAttrs.setAttrNames(1400000001, { 0: 'sex' });
    await first.userAttrs.setAttrs(1400000001, 'kept', { 0: 'f' });
    await first.userAttrs.addTags(1400000001, 'kept', ['gold']);
    await first.close();
    const second = openLmdbStore({ path });
    expect(await second.userAttrs.getAttrNames(1400000001)).toEqual({ 0: 'sex' });
    expect((await second.userAttrs.getUsers(1400000001, ['kept'])).get('kept')).toEqual({ userId: 'kept', attrs: { 0: 'f' }, tags: ['gold'] });
    await second.close();
  });
});
