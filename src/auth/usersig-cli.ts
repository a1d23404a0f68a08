// `npm run usersig -- <userId> [expireSeconds]`: prints a UserSig for the default app (or
// IM_SDKAPPID), using the same configuration and data dir the server uses, so the key matches.
import { loadConfig } from '../config/config.js';
import { DEFAULT_SIG_EXPIRE_SEC, signUserSig } from './usersig.js';

const [userId, expireArg] = process.argv.slice(2);
if (!userId) {
  process.stderr.write('usage: npm run usersig -- <userId> [expireSeconds]\n');
  process.exit(2);
}
const expire = expireArg === undefined ? DEFAULT_SIG_EXPIRE_SEC : Number(expireArg);
if (!Number.isInteger(expire) || expire <= 0) {
  process.stderr.write('expireSeconds must be a positive integer\n');
  process.exit(2);
}
if (Buffer.byteLength(userId, 'utf8') > 32) {
  process.stderr.write('userId must be at most 32 bytes\n');
  process.exit(2);
}
const config = loadConfig(process.env, 'single');
const app = config.apps[0]!;
process.stdout.write(signUserSig(app.sdkAppId, app.secretKey, userId, expire, Math.floor(Date.now() / 1000)) + '\n');
