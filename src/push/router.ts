// Picks the provider for a target's platform, so the domain holds one PushProvider. A platform
// without a configured provider (no credentials) answers 'auth', not retryable: retrying cannot
// help until the operator configures it, and the token itself is fine.
import type { PushNotification, PushPlatform, PushProvider, PushResult, PushTarget } from './push-provider.js';
import { pushFailure } from './push-provider.js';

export class PushRouter implements PushProvider {
  constructor(private readonly providers: Partial<Record<PushPlatform, PushProvider>>) {}

  send(target: PushTarget, n: PushNotification): Promise<PushResult> {
    const p = this.providers[target.platform];
    if (!p) return Promise.resolve(pushFailure('auth', false, `no push provider configured for ${target.platform}`));
    return p.send(target, n);
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.providers).map((p) => p.close()));
  }
}
