// The UserAttrStore contract against the embedded LMDB store (a fresh temp directory), plus values
// surviving close and reopen.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLmdbStore } from '../../../src/store/lmdb/index.js';
import { userAttrsContract } from '../../contract/user-attrs.contract.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'im-lmdb-attrs-'));
  dirs.push(d);
  return d;
};
const removeDirs = async () => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
};

userAttrsContract('lmdb', async () => openLmdbStore({ path: join(tempDir(), 'store') }), removeDirs);

describe('lmdb user attrs persistence', () => {
  afterAll(removeDirs);

  it('keeps names, attrs and tags across close and reopen', async () => {
    const path = join(tempDir(), 'store');
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
