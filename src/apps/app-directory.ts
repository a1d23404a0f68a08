// The apps this deployment serves, from configuration (default app + IM_APPS_FILE), looked up by
// SDKAppID on every login and REST call. Read-only after start; the store keeps a copy so tools and
// other processes can list them.
import type { AppConfig } from '../config/config.js';

export class AppDirectory {
  private readonly byId: ReadonlyMap<number, AppConfig>;

  constructor(apps: readonly AppConfig[]) {
    this.byId = new Map(apps.map((a) => [a.sdkAppId, a]));
  }

  get(sdkAppId: number): AppConfig | undefined {
    return this.byId.get(sdkAppId);
  }

  /** Shaped for verifyUserSig's secretOf. */
  readonly secretOf = (sdkAppId: number): string | undefined => this.byId.get(sdkAppId)?.secretKey;

  isAdmin(sdkAppId: number, identifier: string): boolean {
    return this.byId.get(sdkAppId)?.admins.includes(identifier) ?? false;
  }

  all(): AppConfig[] {
    return [...this.byId.values()];
  }
}
