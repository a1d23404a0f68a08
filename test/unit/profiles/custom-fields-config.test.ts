// profileCustomFields in the apps file (README configuration): parsed with its defaults, absent
// means none, and every malformed declaration stops the start with a message naming it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';

function load(fields: unknown): ReturnType<typeof loadConfig> {
  const d = mkdtempSync(join(tmpdir(), 'im-custom-'));
  const file = join(d, 'apps.json');
  writeFileSync(file, JSON.stringify([{ sdkAppId: 1400000009, secretKey: 'k', ...(fields === undefined ? {} : { profileCustomFields: fields }) }]));
  return loadConfig({ IM_DATA_DIR: d, IM_APPS_FILE: file }, 'single');
}

describe('profileCustomFields', () => {
  it('reads declarations with defaults (string, readable by all, writable by the owner)', () => {
    const app = load([{ key: 'Hobby' }, { key: 'Score', type: 'integer', read: 'admin', write: 'admin' }]).apps[1]!;
    expect(app.profileCustomFields).toEqual([
      { key: 'Hobby', type: 'string', read: 'all', write: 'self' },
      { key: 'Score', type: 'integer', read: 'admin', write: 'admin' },
    ]);
  });

  it('is absent when not declared, and the default app has none', () => {
    const c = load(undefined);
    expect(c.apps.map((a) => a.profileCustomFields)).toEqual([undefined, undefined]);
  });

  it.each([
    ['not an array', { key: 'A' }, 'must be an array'],
    ['21 fields', Array.from({ length: 21 }, (_, i) => ({ key: `K${String.fromCharCode(65 + i)}` })), 'at most 20'],
    ['a key with digits', [{ key: 'abc1' }], 'ASCII letters'],
    ['a key of 9 letters', [{ key: 'abcdefghi' }], 'ASCII letters'],
    ['an empty key', [{ key: '' }], 'ASCII letters'],
    ['the same key twice', [{ key: 'A' }, { key: 'A' }], 'declared twice'],
    ['an unknown type', [{ key: 'A', type: 'bytes' }], 'type'],
    ['an unknown read permission', [{ key: 'A', read: 'friends' }], 'read'],
    ['an unknown write permission', [{ key: 'A', write: 'all' }], 'write'],
    ['an entry that is not an object', ['Hobby'], 'must be an object'],
  ])('refuses %s', (_n, fields, message) => {
    expect(() => load(fields)).toThrow(message);
  });
});
