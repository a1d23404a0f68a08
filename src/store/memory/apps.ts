// In-process AppStore: one Map keyed by sdkAppId. Records are copied on the way in and out, so
// no caller ever holds a reference into stored state. See the AppStore interface for the contract.
import type { AppRecord, AppStore } from '../apps.js';
import { appRecord, checkAppId, copyApp } from '../records.js';

export class MemoryAppStore implements AppStore {
  private readonly apps = new Map<number, AppRecord>();

  async putApp(app: AppRecord): Promise<void> {
    const rec = appRecord(app);
    this.apps.set(rec.sdkAppId, rec);
  }

  async getApp(sdkAppId: number): Promise<AppRecord | undefined> {
    checkAppId(sdkAppId);
    const app = this.apps.get(sdkAppId);
    return app && copyApp(app);
  }

  async listApps(): Promise<AppRecord[]> {
    return [...this.apps.values()].sort((a, b) => a.sdkAppId - b.sdkAppId).map(copyApp);
  }
}
