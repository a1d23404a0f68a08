// Authenticates a REST call from its query string (spec §1.1): sdkappid, identifier, usersig
// (random and contenttype are accepted and not checked: Tencent documents them as "any uint32"
// and "always json", and SDKs differ in what they send). Every call must be an app admin with a
// valid UserSig (invariant 5). Check order: app, signature (authentication), admin rights
// (authorization), kick mark. An unauthenticated caller thus learns nothing about the admin list.
import type { AppConfig } from '../config/config.js';
import type { AppDirectory } from '../apps/app-directory.js';
import { userIdProblem } from '../accounts/accounts.js';
import { kickedSigError, verifyUserSig } from '../auth/usersig.js';
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { Store } from '../store/index.js';

export interface AdminCall {
  app: AppConfig;
  sdkAppId: number;
  identifier: string;
}

const UINT32_MAX = 0xffff_ffff;

/** SDKAppIDs are positive uint32 decimals. */
function parseSdkAppId(raw: string): number | undefined {
  if (!/^[0-9]{1,10}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n > 0 && n <= UINT32_MAX ? n : undefined;
}

export async function authenticateAdmin(
  query: string,
  deps: { apps: AppDirectory; store: Store },
  nowSec: number,
): Promise<AdminCall> {
  const params = new URLSearchParams(query);
  const rawAppId = params.get('sdkappid');
  if (rawAppId === null || rawAppId === '') throw new ImError(Err.SDKAPPID_MISSING, 'sdkappid is missing from the URL');
  const sdkAppId = parseSdkAppId(rawAppId);
  // 60006 rather than 60002: the URL itself parsed; it is the SDKAppID value that is invalid.
  if (sdkAppId === undefined) throw new ImError(Err.INVALID_SDKAPPID, `invalid sdkappid ${JSON.stringify(rawAppId.slice(0, 32))}`);
  const app = deps.apps.get(sdkAppId);
  // 70020 rather than 60006: the value is well-formed but no such app exists, the same code the
  // UserSig check gives for an unknown app (spec §4).
  if (!app) throw new ImError(Err.SDKAPPID_NOT_FOUND, `SDKAppID ${sdkAppId} not found`);
  const identifier = params.get('identifier');
  if (identifier === null || identifier === '') throw new ImError(Err.ACCOUNT_OR_SIG_IN_URL, 'identifier is missing from the URL');
  const sig = verifyUserSig(params.get('usersig'), { sdkAppId, identifier }, deps.apps.secretOf, nowSec);
  if (!sig.ok) throw new ImError(sig.code, sig.info);
  if (!deps.apps.isAdmin(sdkAppId, identifier)) {
    throw new ImError(Err.NEED_ADMIN, `${identifier} is not an administrator of SDKAppID ${sdkAppId}`);
  }
  // An admin need not be an imported account; when it is and was kicked, older sigs are void.
  // (An admin name the store could not hold cannot have been imported, hence not kicked.)
  const account = userIdProblem(identifier) ? undefined : await deps.store.accounts.getAccount(sdkAppId, identifier);
  const kicked = kickedSigError(sig, account);
  if (kicked) throw kicked;
  return { app, sdkAppId, identifier };
}
