// LMDB AppStore: the "apps" sub-database, keyed by the numeric sdkAppId. Reads are synchronous
// memory-mapped lookups (nothing to coalesce); writes resolve once committed and synced. Values
// are decoded fresh on every get, so callers never share objects. See AppStore for the contract.
import type { Database } from 'lmdb';
import type { AppRecord, AppStore } from '../apps.js';
import { appRecord, checkAppId, copyApp } from '../records.js';

export class LmdbAppStore implements AppStore {
  constructor(private readonly db: Database<AppRecord, number>) {}

  async putApp(app: AppRecord): Promise<void> {
    const rec = appRecord(app);
    await this.db.put(rec.sdkAppId, rec);
  }

  async getApp(sdkAppId: number): Promise<AppRecord | undefined> {
    checkAppId(sdkAppId);
    const rec = this.db.get(sdkAppId);
    return rec && copyApp(rec);
  }

  async listApps(): Promise<AppRecord[]> {
    // Keys are numbers, so the range already comes out in sdkAppId order.
    return [...this.db.getRange().map(({ value }) => copyApp(value))];
  }
}
