// protocol/ and client/ run in browsers and k6: no node:* imports and no Buffer, in them or in
// anything they import.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../../src');

function closure(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const text = readFileSync(entry, 'utf8');
  for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g)) {
    closure(join(dirname(entry), m[1]!.replace(/\.js$/, '.ts')), seen);
  }
  return seen;
}

describe('runtime neutrality', () => {
  for (const entry of ['protocol/index.ts', 'client/index.ts']) {
    it(`${entry} and its imports use no node:* module and no Buffer`, () => {
      const files = [...closure(join(root, entry))];
      expect(files.length).toBeGreaterThan(3);
      for (const f of files) {
        const code = readFileSync(f, 'utf8').replace(/\/\/.*$/gm, '');
        expect(code, f).not.toMatch(/from\s+'node:|require\(|\bBuffer\b|process\./);
      }
    });
  }
});
