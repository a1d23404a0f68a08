// In-process NoSpeakingStore: a Map per app of rows by userId; a row whose both deadlines are 0
// is removed, so lifting every mute costs nothing. See NoSpeakingStore for the contract.
import type { NoSpeakingChange, NoSpeakingRecord, NoSpeakingStore } from '../no-speaking.js';
import { NOT_MUTED, applyChange, checkNoSpeakingBatch, checkNoSpeakingChange, isUnset } from '../no-speaking-records.js';
import { checkAppId, checkUserId } from '../records.js';

export class MemoryNoSpeakingStore implements NoSpeakingStore {
  private readonly byApp = new Map<number, Map<string, NoSpeakingRecord>>();

  async set(sdkAppId: number, userId: string, change: NoSpeakingChange): Promise<void> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    const c = checkNoSpeakingChange(change);
    let rows = this.byApp.get(sdkAppId);
    if (!rows) this.byApp.set(sdkAppId, (rows = new Map()));
    const next = applyChange(rows.get(userId) ?? NOT_MUTED, c);
    if (isUnset(next)) rows.delete(userId);
    else rows.set(userId, next);
    if (rows.size === 0) this.byApp.delete(sdkAppId);
  }

  async get(sdkAppId: number, userId: string): Promise<NoSpeakingRecord> {
    checkAppId(sdkAppId);
    checkUserId(userId);
    return { ...(this.byApp.get(sdkAppId)?.get(userId) ?? NOT_MUTED) };
  }

  async getMany(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, NoSpeakingRecord>> {
    checkAppId(sdkAppId);
    const ids = checkNoSpeakingBatch(userIds);
    const rows = this.byApp.get(sdkAppId);
    const out = new Map<string, NoSpeakingRecord>();
    for (const id of ids) {
      const r = rows?.get(id);
      if (r) out.set(id, { ...r });
    }
    return out;
  }
}
