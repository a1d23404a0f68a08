// Builds the push provider the composition root hands to the domain: a PushRouter over the
// platforms that have credentials in PushConfig (key files read here, once, at start). With no
// credentials at all every push is answered 'auth' by the router, so nothing fails silently.
import { readFileSync } from 'node:fs';
import type { PushConfig } from '../config/config.js';
import type { Clock } from '../lib/clock.js';
import type { Metrics } from '../metrics/metrics.js';
import { ApnsProvider } from './apns.js';
import { FcmProvider, parseServiceAccount } from './fcm.js';
import type { PushPlatform, PushProvider } from './push-provider.js';
import { PushRouter } from './router.js';

function readSecret(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`${what}: cannot read ${path}: ${(e as Error).message}`);
  }
}

export function createPushProvider(cfg: PushConfig | undefined, deps: { clock: Clock; metrics: Metrics }): PushRouter {
  const providers: Partial<Record<PushPlatform, PushProvider>> = {};
  if (cfg?.apns) {
    const { keyFile, keyId, teamId, endpoint, sandboxEndpoint } = cfg.apns;
    providers.apns = new ApnsProvider(
      { keyId, teamId, privateKeyPem: readSecret(keyFile, 'IM_APNS_KEY_FILE'), ...(endpoint ? { endpoint } : {}), ...(sandboxEndpoint ? { sandboxEndpoint } : {}) },
      deps,
    );
  }
  if (cfg?.fcm) {
    const serviceAccount = parseServiceAccount(readSecret(cfg.fcm.serviceAccountFile, 'IM_FCM_SERVICE_ACCOUNT_FILE'));
    providers.fcm = new FcmProvider({ serviceAccount, ...(cfg.fcm.endpoint ? { endpoint: cfg.fcm.endpoint } : {}) }, deps);
  }
  return new PushRouter(providers);
}
