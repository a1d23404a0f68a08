// LMDB AccountStore: the "accounts" sub-database keyed by the ordered array [sdkAppId, userId], so
// one app's rows are a contiguous key range no other app can reach. Read-modify-write methods
// (import, setSigFloor) run inside one write transaction, so concurrent calls cannot interleave.
// Writes resolve once committed and synced. See AccountStore for the contract.
import type { Database } from 'lmdb';
import { under } from './key-range.js';
import { type AccountPage, type AccountRecord, type AccountStore, MAX_ACCOUNT_PAGE } from '../accounts.js';
import { checkAccountPage, checkAppId, checkSigFloor, checkUserId, checkUserIdBatch, copyAccount, importRecord } from '../records.js';

export type AccountKey = [sdkAppId: number, userId: string];

export class LmdbAccountStore implements AccountStore {
  constructor(private readonly db: Database<AccountRecord, AccountKey>) {}

  async importAccount(sdkAppId: number, account: Omit<AccountRecord, 'sigFloor'>): Promise<void> {
    checkAppId(sdkAppId);
    const rec = importRecord(account);
    const key: AccountKey = [sdkAppId, rec.userId];
    await this.db.transaction(() => {
      const cur = this.db.get(key);
      const next = cur ? { ...cur, nick: rec.nick, faceUrl: rec.faceUrl } : { ...rec, sigFloor: 0 };
      void this.db.put(key, next);
    });
  }

  async getAccount(sdkAppId: number, userId: string): Promise<AccountRecord | undefined> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    const rec = this.db.get([sdkAppId, userId]);
    return rec && copyAccount(rec);
  }

  async getAccounts(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, AccountRecord>> {
    checkAppId(sdkAppId);
    const ids = checkUserIdBatch(userIds);
    const out = new Map<string, AccountRecord>();
    // Synchronous gets inside one event turn read from the same snapshot.
    for (const id of ids) {
      const rec = this.db.get([sdkAppId, id]);
      if (rec) out.set(id, copyAccount(rec));
    }
    return out;
  }

  async deleteAccount(sdkAppId: number, userId: string): Promise<boolean> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    return this.db.transaction(() => {
      const key: AccountKey = [sdkAppId, userId];
      if (this.db.get(key) === undefined) return false;
      void this.db.remove(key);
      return true;
    });
  }

  async setSigFloor(sdkAppId: number, userId: string, floorSec: number): Promise<boolean> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    checkSigFloor(floorSec);
    return this.db.transaction(() => {
      const key: AccountKey = [sdkAppId, userId];
      const cur = this.db.get(key);
      if (!cur) return false;
      void this.db.put(key, { ...cur, sigFloor: floorSec });
      return true;
    });
  }

  /** A range read over the app's contiguous keys from the cursor (the last id returned). */
  async listAccounts(sdkAppId: number, opts: { cursor?: string; limit: number }): Promise<AccountPage> {
    checkAppId(sdkAppId);
    checkAccountPage(opts, MAX_ACCOUNT_PAGE);
    // One extra key tells whether another page follows.
    const keys = [...this.db.getKeys({ ...under([sdkAppId], opts.cursor), limit: opts.limit + 1 })];
    const userIds = keys.slice(0, opts.limit).map((k) => k[1]);
    return keys.length > opts.limit ? { userIds, next: userIds[userIds.length - 1]! } : { userIds };
  }
}
