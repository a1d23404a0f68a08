// LMDB ConversationStore: the "conversations" sub-database keyed by [sdkAppId, owner, convId], rows
// in the shared model of conversation-records.ts (partial until upserted, readSeq kept by remove).
// Every write is read-modify-write in one transaction. list() reads and sorts the owner's key
// range, which the domain keeps to the recent-contact limit (spec §8: at most 3000), cheaper than
// keeping a second time-ordered index in step on every message. See ConversationStore.
import type { Database, Key } from 'lmdb';
import type { Clock } from '../../lib/clock.js';
import { checkConvIdBatch, checkOwnerKey, checkPage, type ConversationRow, emptyRow, keptAfterRemove, pageOf, recordOf, upsertRecord, upserted } from '../conversation-records.js';
import type { ConversationCursor, ConversationPage, ConversationRecord, ConversationStore, ConversationUpsert } from '../conversations.js';
import { checkInt } from '../message-records.js';
import { checkAppId, checkUserId } from '../records.js';
import { under } from './key-range.js';

export class LmdbConversationStore implements ConversationStore {
  constructor(
    private readonly db: Database<ConversationRow, Key>,
    private readonly clock: Clock,
  ) {}

  async upsert(sdkAppId: number, owner: string, convId: string, change: ConversationUpsert): Promise<void> {
    checkOwnerKey(sdkAppId, owner, convId);
    const u = upsertRecord(change);
    await this.update([sdkAppId, owner, convId], (row) => upserted(row, u, this.clock.nowMs()));
  }

  async get(sdkAppId: number, owner: string, convIds: readonly string[]): Promise<Map<string, ConversationRecord>> {
    checkAppId(sdkAppId);
    checkUserId(owner);
    const now = this.clock.nowMs();
    const out = new Map<string, ConversationRecord>();
    for (const id of checkConvIdBatch(convIds)) {
      const row = this.db.get([sdkAppId, owner, id]);
      const rec = row && recordOf(id, row, now);
      if (rec) out.set(id, rec);
    }
    return out;
  }

  async list(sdkAppId: number, owner: string, page: { after?: ConversationCursor; limit: number; includeDeleted?: boolean }): Promise<ConversationPage> {
    checkAppId(sdkAppId);
    checkUserId(owner);
    const p = checkPage(page);
    const now = this.clock.nowMs();
    const all: ConversationRecord[] = [];
    for (const { key, value } of this.db.getRange(under([sdkAppId, owner]))) {
      const rec = recordOf((key as Key[])[2] as string, value, now);
      if (rec && (p.includeDeleted || !rec.deleted)) all.push(rec);
    }
    return pageOf(all, p.after, p.limit);
  }

  async setRead(sdkAppId: number, owner: string, convId: string, readSeq: number, at: number): Promise<void> {
    checkOwnerKey(sdkAppId, owner, convId);
    checkInt(readSeq, 'readSeq');
    checkInt(at, 'at');
    await this.update([sdkAppId, owner, convId], (row = emptyRow()) => {
      const readTo = Math.max(row.readSeq, readSeq);
      return { ...row, readSeq: readTo, noUnread: row.noUnread.filter(([s]) => s > readTo), updatedAt: at };
    });
  }

  async setPinned(sdkAppId: number, owner: string, convId: string, pinned: boolean, at: number): Promise<void> {
    checkOwnerKey(sdkAppId, owner, convId);
    if (typeof pinned !== 'boolean') throw new TypeError(`pinned must be a boolean, got ${typeof pinned}`);
    checkInt(at, 'at');
    await this.update([sdkAppId, owner, convId], (row = emptyRow()) => ({ ...row, pinned, pinnedAt: pinned ? at : 0, updatedAt: at }));
  }

  async remove(sdkAppId: number, owner: string, convIds: readonly string[]): Promise<void> {
    checkAppId(sdkAppId);
    checkUserId(owner);
    const ids = checkConvIdBatch(convIds);
    if (ids.length === 0) return;
    await this.db.transaction(() => {
      for (const id of ids) {
        const key = [sdkAppId, owner, id];
        const kept = keptAfterRemove(this.db.get(key));
        if (kept) void this.db.put(key, kept);
        else void this.db.remove(key);
      }
    });
  }

  private update(key: Key[], next: (row: ConversationRow | undefined) => ConversationRow): Promise<void> {
    return this.db.transaction(() => {
      void this.db.put(key, next(this.db.get(key)));
    });
  }
}
