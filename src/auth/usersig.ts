// UserSig v2 (spec §4): base64 with '+/=' -> '*-_', zlib-deflated JSON carrying an HMAC-SHA256
// over "TLS.identifier/sdkappid/time/expire[/userbuf]" lines. Verification maps each failure to
// Tencent's code. The kick mark (70052) needs the account, so callers check it (see sigFloor).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';

/** Largest compressed signature we inflate; real ones are ~200 bytes. Guards against zip bombs. */
export const MAX_USERSIG_CHARS = 4096;
const MAX_INFLATED_BYTES = 16 * 1024;

export interface SigClaims {
  identifier: string;
  sdkAppId: number;
  /** Unix seconds when issued. */
  time: number;
  /** Lifetime in seconds. */
  expire: number;
}

export type SigResult = ({ ok: true } & SigClaims) | { ok: false; code: number; info: string };

const fail = (code: number, info: string): SigResult => ({ ok: false, code, info });

function content(identifier: string, sdkAppId: number, time: number, expire: number, userbuf?: string): string {
  let s = `TLS.identifier:${identifier}\nTLS.sdkappid:${sdkAppId}\nTLS.time:${time}\nTLS.expire:${expire}\n`;
  if (userbuf !== undefined) s += `TLS.userbuf:${userbuf}\n`;
  return s;
}

const hmac = (key: string, text: string): Buffer => createHmac('sha256', key).update(text).digest();

/**
 * Verifies `sig` for the expected (sdkAppId, identifier). secretOf returns the key of an app, or
 * undefined for an unknown app (70020). Order of checks follows the spec's error table: empty,
 * parse, sdkappid, identifier, key, HMAC, expiry.
 */
export function verifyUserSig(
  sig: string | undefined | null,
  expected: { sdkAppId: number; identifier: string },
  secretOf: (sdkAppId: number) => string | undefined,
  nowSec: number,
): SigResult {
  if (!sig) return fail(Err.SIG_EMPTY, 'UserSig is empty');
  if (sig.length > MAX_USERSIG_CHARS) return fail(Err.SIG_PARSE, 'UserSig too long');
  let doc: Record<string, unknown>;
  try {
    const b64 = sig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
    const raw = inflateSync(Buffer.from(b64, 'base64'), { maxOutputLength: MAX_INFLATED_BYTES });
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    doc = parsed as Record<string, unknown>;
  } catch {
    return fail(Err.SIG_PARSE, 'UserSig could not be decoded');
  }
  const identifier = doc['TLS.identifier'];
  const sdkAppId = doc['TLS.sdkappid'];
  const time = doc['TLS.time'];
  const expire = doc['TLS.expire'];
  const mac = doc['TLS.sig'];
  const userbuf = doc['TLS.userbuf'];
  if (
    doc['TLS.ver'] !== '2.0' ||
    typeof identifier !== 'string' ||
    typeof sdkAppId !== 'number' ||
    typeof time !== 'number' ||
    typeof expire !== 'number' ||
    typeof mac !== 'string' ||
    (userbuf !== undefined && typeof userbuf !== 'string')
  ) {
    return fail(Err.SIG_PARSE, 'UserSig fields missing or of the wrong type');
  }
  if (sdkAppId !== expected.sdkAppId) return fail(Err.SIG_SDKAPPID_MISMATCH, 'sdkappid does not match the UserSig');
  if (identifier !== expected.identifier) return fail(Err.SIG_IDENTIFIER_MISMATCH, 'identifier does not match the UserSig');
  const key = secretOf(sdkAppId);
  if (key === undefined) return fail(Err.SDKAPPID_NOT_FOUND, `SDKAppID ${sdkAppId} not found`);
  const want = hmac(key, content(identifier, sdkAppId, time, expire, userbuf));
  const got = Buffer.from(mac, 'base64');
  if (got.length !== want.length || !timingSafeEqual(got, want)) return fail(Err.SIG_VERIFY, 'UserSig verification failed');
  if (time + expire < nowSec) return fail(Err.SIG_EXPIRED, 'UserSig expired');
  return { ok: true, identifier, sdkAppId, time, expire };
}

/** Issues a UserSig exactly as the official tls-sig-api-v2 package does (for the CLI, tests and
 *  load preparation). */
export function signUserSig(sdkAppId: number, secretKey: string, identifier: string, expireSec: number, nowSec: number): string {
  const doc = {
    'TLS.ver': '2.0',
    'TLS.identifier': identifier,
    'TLS.sdkappid': sdkAppId,
    'TLS.time': nowSec,
    'TLS.expire': expireSec,
    'TLS.sig': hmac(secretKey, content(identifier, sdkAppId, nowSec, expireSec)).toString('base64'),
  };
  return deflateSync(Buffer.from(JSON.stringify(doc))).toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

/** 180 days, the documented default lifetime. */
export const DEFAULT_SIG_EXPIRE_SEC = 180 * 86400;

/** The kick mark (REST `kick`, spec §2.1 #5): a UserSig issued before the account's sigFloor is
 *  void. One rule for socket logins and REST admin calls; an account that does not exist was
 *  never kicked. */
export function kickedSigError(claims: SigClaims, account: { sigFloor: number } | undefined): ImError | undefined {
  return account && claims.time < account.sigFloor ? new ImError(Err.SIG_INVALIDATED, 'UserSig was invalidated by a kick; sign a new one') : undefined;
}
