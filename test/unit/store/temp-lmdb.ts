// Fresh temp directories for LMDB store tests: path() makes a new directory and returns the store
// path inside it; remove() deletes every directory made so far (pass it as the contract's cleanup
// or an afterAll).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempLmdbPaths {
  path(): string;
  remove(): Promise<void>;
}

export function tempLmdbPaths(prefix: string): TempLmdbPaths {
  const dirs: string[] = [];
  return {
    path: () => {
      const d = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(d);
      return join(d, 'store');
    },
    remove: async () => {
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}
