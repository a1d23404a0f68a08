// Prepares a load run through the public REST API only: imports IM_LOAD_USER_COUNT accounts
// (multiaccount_import, 100 per call) and writes their UserSigs to IM_LOAD_USERS
// (load/.data/users.json) with the admin's, which k6 scenarios read as a SharedArray (lib/users.ts).
// Usage: IM_LOAD_REST=http://127.0.0.1:8080 IM_LOAD_SDKAPPID=... IM_LOAD_SECRET_KEY=... node --import tsx load/prepare.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminRest } from '../bench/lib/admin-rest.js';
import { DEFAULT_SIG_EXPIRE_SEC, signUserSig } from '../src/auth/usersig.js';

const ADMIN_SIG_EXPIRE_SEC = 3600;

export interface PrepareOptions {
  restUrl: string;
  sdkAppId: number;
  secretKey: string;
  admin: string;
  count: number;
  prefix: string;
  out: string;
}

export async function prepareUsers(o: PrepareOptions): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const users = Array.from({ length: o.count }, (_, i) => {
    const userId = `${o.prefix}${i}`;
    return { userId, sig: signUserSig(o.sdkAppId, o.secretKey, userId, DEFAULT_SIG_EXPIRE_SEC, now) };
  });
  await adminRest({ ...o, url: o.restUrl }, ADMIN_SIG_EXPIRE_SEC).importAccounts(users.map((u) => u.userId));
  mkdirSync(dirname(o.out), { recursive: true });
  writeFileSync(o.out, JSON.stringify({ sdkAppId: o.sdkAppId, users, admin: { identifier: o.admin, sig: signUserSig(o.sdkAppId, o.secretKey, o.admin, DEFAULT_SIG_EXPIRE_SEC, now) } }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const e = process.env;
  const need = (n: string) => e[n] ?? (() => { throw new Error(`${n} is required`); })();
  await prepareUsers({
    restUrl: (e.IM_LOAD_REST ?? 'http://127.0.0.1:8080').replace(/\/$/, ''),
    sdkAppId: Number(e.IM_LOAD_SDKAPPID ?? 1400000000),
    secretKey: need('IM_LOAD_SECRET_KEY'),
    admin: e.IM_LOAD_ADMIN ?? 'administrator',
    count: Number(e.IM_LOAD_USER_COUNT ?? 1000),
    prefix: e.IM_LOAD_USER_PREFIX ?? 'load',
    out: resolve(e.IM_LOAD_USERS ?? join(dirname(fileURLToPath(import.meta.url)), '.data', 'users.json')),
  });
  console.log('prepared');
}
