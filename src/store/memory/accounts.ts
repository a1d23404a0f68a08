// In-process AccountStore: a Map per sdkAppId of Maps by userId, so apps never share a key space.
// Records are copied in and out. An app's inner Map is dropped when its last account goes, so
// deleted tenants cost nothing. See the AccountStore interface for the contract.
import { type AccountPage, type AccountRecord, type AccountStore, MAX_ACCOUNT_PAGE } from '../accounts.js';
import { checkAccountPage, checkAppId, checkSigFloor, checkUserId, checkUserIdBatch, copyAccount, importRecord } from '../records.js';

export class MemoryAccountStore implements AccountStore {
  private readonly byApp = new Map<number, Map<string, AccountRecord>>();

  async importAccount(sdkAppId: number, account: Omit<AccountRecord, 'sigFloor'>): Promise<void> {
    checkAppId(sdkAppId);
    const rec = importRecord(account);
    let rows = this.byApp.get(sdkAppId);
    if (!rows) this.byApp.set(sdkAppId, (rows = new Map()));
    const cur = rows.get(rec.userId);
    rows.set(rec.userId, cur ? { ...cur, nick: rec.nick, faceUrl: rec.faceUrl } : { ...rec, sigFloor: 0 });
  }

  async getAccount(sdkAppId: number, userId: string): Promise<AccountRecord | undefined> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    const rec = this.byApp.get(sdkAppId)?.get(userId);
    return rec && copyAccount(rec);
  }

  async getAccounts(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, AccountRecord>> {
    checkAppId(sdkAppId);
    const ids = checkUserIdBatch(userIds);
    const rows = this.byApp.get(sdkAppId);
    const out = new Map<string, AccountRecord>();
    for (const id of ids) {
      const rec = rows?.get(id);
      if (rec) out.set(id, copyAccount(rec));
    }
    return out;
  }

  async deleteAccount(sdkAppId: number, userId: string): Promise<boolean> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    const rows = this.byApp.get(sdkAppId);
    if (!rows?.delete(userId)) return false;
    if (rows.size === 0) this.byApp.delete(sdkAppId);
    return true;
  }

  async setSigFloor(sdkAppId: number, userId: string, floorSec: number): Promise<boolean> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    checkSigFloor(floorSec);
    const rec = this.byApp.get(sdkAppId)?.get(userId);
    if (!rec) return false;
    rec.sigFloor = floorSec;
    return true;
  }

  /** Pages in user-id order (the cursor is the last id returned), sorting per page: one process. */
  async listAccounts(sdkAppId: number, opts: { cursor?: string; limit: number }): Promise<AccountPage> {
    checkAppId(sdkAppId);
    checkAccountPage(opts, MAX_ACCOUNT_PAGE);
    const after = opts.cursor;
    const ids = [...(this.byApp.get(sdkAppId)?.keys() ?? [])].filter((id) => after === undefined || id > after).sort();
    const userIds = ids.slice(0, opts.limit);
    return ids.length > opts.limit ? { userIds, next: userIds[userIds.length - 1]! } : { userIds };
  }
}
