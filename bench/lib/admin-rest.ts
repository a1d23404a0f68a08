// The v4 REST API as the app admin, for bench and load set-up: one admin UserSig signed up front
// (so timed calls do not pay for signing) and account import in batches of 100, the most
// multiaccount_import takes. call() hands back the answer as is; importAccounts throws on failure.
import { signUserSig } from '../../src/auth/usersig.js';

const IMPORT_BATCH = 100;
const ADMIN_SIG_EXPIRE_SEC = 86400;

export interface AdminTarget {
  url: string;
  sdkAppId: number;
  secretKey: string;
  admin: string;
}

export interface AdminRest {
  call(api: string, body: unknown): Promise<Record<string, unknown>>;
  importAccounts(ids: readonly string[]): Promise<void>;
}

export function adminRest(t: AdminTarget, sigExpireSec = ADMIN_SIG_EXPIRE_SEC): AdminRest {
  const sig = signUserSig(t.sdkAppId, t.secretKey, t.admin, sigExpireSec, Math.floor(Date.now() / 1000));
  let random = 0;
  const call = async (api: string, body: unknown): Promise<Record<string, unknown>> => {
    const q = `sdkappid=${t.sdkAppId}&identifier=${t.admin}&usersig=${sig}&random=${++random}&contenttype=json`;
    return (await (await fetch(`${t.url}/v4/${api}?${q}`, { method: 'POST', body: JSON.stringify(body) })).json()) as Record<string, unknown>;
  };
  return {
    call,
    async importAccounts(ids) {
      for (let i = 0; i < ids.length; i += IMPORT_BATCH) {
        const r = await call('im_open_login_svc/multiaccount_import', { Accounts: ids.slice(i, i + IMPORT_BATCH) });
        const failed = r.FailAccounts as string[] | undefined;
        if (r.ErrorCode !== 0 || failed?.length) throw new Error(`account import failed: ${JSON.stringify(r).slice(0, 300)}`);
      }
    },
  };
}
