// The checks and canonical copies every store implementation applies at its boundary, so a bad
// call fails with the same clear TypeError/RangeError in memory, LMDB and Cassandra, and stored
// state never shares an object with a caller. User-facing validation (Tencent error codes) is the
// domain's job; these guards only keep malformed keys and rows out of storage. Copies pick the
// known fields, so an extra property on an input (e.g. a sigFloor passed to import) is ignored.
import { LOGIN_POLICIES, type LoginPolicy } from '../sessions/login-policy.js';
import type { AccountRecord } from './accounts.js';
import type { AppRecord } from './apps.js';

/** Tencent's UserID limit (spec §3 account_import: "UserID ≤32 bytes"), in UTF-8 bytes. */
export const MAX_USER_ID_BYTES = 32;
/** Largest getAccounts batch: Tencent's largest account list in one call (500, spec §3 #6, #8). */
export const MAX_ACCOUNTS_PER_GET = 500;
/** SDKAppIDs are unsigned 32-bit numbers. */
export const MAX_SDKAPPID = 0xffff_ffff;

// In /u mode a surrogate pair matches as one code point, so this only finds lone surrogates,
// which UTF-8 storage would silently turn into U+FFFD and collide.
const LONE_SURROGATE = /\p{Cs}/u;
const utf8 = new TextEncoder();

export function checkAppId(sdkAppId: unknown): asserts sdkAppId is number {
  if (typeof sdkAppId !== 'number' || !Number.isSafeInteger(sdkAppId)) {
    throw new TypeError(`sdkAppId must be an integer, got ${describe(sdkAppId)}`);
  }
  if (sdkAppId < 1 || sdkAppId > MAX_SDKAPPID) {
    throw new RangeError(`sdkAppId must be in 1..${MAX_SDKAPPID}, got ${sdkAppId}`);
  }
}

export function checkUserId(userId: unknown): asserts userId is string {
  if (typeof userId !== 'string') throw new TypeError(`userId must be a string, got ${describe(userId)}`);
  if (userId.length === 0) throw new RangeError('userId must not be empty');
  if (LONE_SURROGATE.test(userId)) throw new RangeError('userId must be well-formed Unicode (lone surrogate)');
  const bytes = utf8.encode(userId).length;
  if (bytes > MAX_USER_ID_BYTES) {
    throw new RangeError(`userId must be at most ${MAX_USER_ID_BYTES} UTF-8 bytes, got ${bytes}`);
  }
}

/** Validates a getAccounts batch and returns its distinct ids in first-seen order. */
export function checkUserIdBatch(userIds: unknown): string[] {
  if (!Array.isArray(userIds)) throw new TypeError(`userIds must be an array, got ${describe(userIds)}`);
  const distinct = [...new Set<unknown>(userIds)];
  if (distinct.length > MAX_ACCOUNTS_PER_GET) {
    throw new RangeError(`getAccounts takes at most ${MAX_ACCOUNTS_PER_GET} distinct ids, got ${distinct.length}`);
  }
  for (const id of distinct) checkUserId(id);
  return distinct as string[];
}

export function checkAccountPage(opts: { cursor?: string; limit: number }, max: number): void {
  if (typeof opts !== 'object' || opts === null) throw new TypeError('listAccounts options must be an object');
  if (!Number.isInteger(opts.limit) || opts.limit < 1 || opts.limit > max) throw new RangeError(`listAccounts limit must be in 1..${max}, got ${describe(opts.limit)}`);
  if (opts.cursor !== undefined && (typeof opts.cursor !== 'string' || opts.cursor.length === 0)) throw new TypeError('listAccounts cursor must be a non-empty string');
}

export function checkSigFloor(floorSec: unknown): asserts floorSec is number {
  if (typeof floorSec !== 'number' || !Number.isSafeInteger(floorSec) || floorSec < 0) {
    throw new RangeError(`sigFloor must be a non-negative integer (unix seconds), got ${describe(floorSec)}`);
  }
}

/** Validated copy of an app, with only the AppRecord fields. */
export function appRecord(app: AppRecord): AppRecord {
  if (typeof app !== 'object' || app === null) throw new TypeError(`app must be an object, got ${describe(app)}`);
  checkAppId(app.sdkAppId);
  text(app.secretKey, 'app.secretKey', false);
  text(app.name, 'app.name', true);
  if (!Array.isArray(app.admins)) throw new TypeError(`app.admins must be an array, got ${describe(app.admins)}`);
  for (const a of app.admins) checkUserId(a);
  if (!(LOGIN_POLICIES as readonly unknown[]).includes(app.loginPolicy)) {
    throw new RangeError(`app.loginPolicy must be one of ${LOGIN_POLICIES.join('|')}, got ${describe(app.loginPolicy)}`);
  }
  timestamp(app.createdAt, 'app.createdAt');
  return {
    sdkAppId: app.sdkAppId,
    secretKey: app.secretKey,
    admins: [...app.admins],
    name: app.name,
    loginPolicy: app.loginPolicy as LoginPolicy,
    createdAt: app.createdAt,
  };
}

/** Validated copy of an account being imported (sigFloor is never taken from the caller). */
export function importRecord(account: Omit<AccountRecord, 'sigFloor'>): Omit<AccountRecord, 'sigFloor'> {
  if (typeof account !== 'object' || account === null) {
    throw new TypeError(`account must be an object, got ${describe(account)}`);
  }
  checkUserId(account.userId);
  text(account.nick, 'account.nick', true);
  text(account.faceUrl, 'account.faceUrl', true);
  timestamp(account.importedAt, 'account.importedAt');
  return { userId: account.userId, nick: account.nick, faceUrl: account.faceUrl, importedAt: account.importedAt };
}

export const copyApp = (a: AppRecord): AppRecord => ({ ...a, admins: [...a.admins] });
export const copyAccount = (a: AccountRecord): AccountRecord => ({ ...a });

function text(v: unknown, what: string, emptyOk: boolean): void {
  if (typeof v !== 'string') throw new TypeError(`${what} must be a string, got ${describe(v)}`);
  if (!emptyOk && v.length === 0) throw new RangeError(`${what} must not be empty`);
}

function timestamp(v: unknown, what: string): void {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new RangeError(`${what} must be a non-negative integer (unix ms), got ${describe(v)}`);
  }
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  return Array.isArray(v) ? 'an array' : typeof v;
}
