// In-process ConversationStore: per (app, owner) a Map of rows by convId, using the row model of
// conversation-records.ts (partial rows until upserted, readSeq kept by remove). list() sorts the
// owner's rows, which the domain keeps to the recent-contact limit. See ConversationStore.
import type { Clock } from '../../lib/clock.js';
import { checkOwnerKey, checkConvIdBatch, checkPage, type ConversationRow, emptyRow, keptAfterRemove, pageOf, recordOf, upsertRecord, upserted } from '../conversation-records.js';
import type { ConversationPage, ConversationRecord, ConversationStore, ConversationUpsert } from '../conversations.js';
import type { ConversationCursor } from '../conversations.js';
import { checkInt } from '../message-records.js';
import { checkAppId, checkUserId } from '../records.js';

export class MemoryConversationStore implements ConversationStore {
  private readonly owners = new Map<string, Map<string, ConversationRow>>();

  constructor(private readonly clock: Clock) {}

  async upsert(sdkAppId: number, owner: string, convId: string, change: ConversationUpsert): Promise<void> {
    checkOwnerKey(sdkAppId, owner, convId);
    const u = upsertRecord(change);
    const rows = this.rowsOf(sdkAppId, owner, true);
    rows.set(convId, upserted(rows.get(convId), u, this.clock.nowMs()));
  }

  async get(sdkAppId: number, owner: string, convIds: readonly string[]): Promise<Map<string, ConversationRecord>> {
    checkAppId(sdkAppId);
    checkUserId(owner);
    const ids = checkConvIdBatch(convIds);
    const rows = this.rowsOf(sdkAppId, owner, false);
    const now = this.clock.nowMs();
    const out = new Map<string, ConversationRecord>();
    for (const id of ids) {
      const row = rows?.get(id);
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
    for (const [id, row] of this.rowsOf(sdkAppId, owner, false) ?? []) {
      const rec = recordOf(id, row, now);
      if (rec && (p.includeDeleted || !rec.deleted)) all.push(rec);
    }
    return pageOf(all, p.after, p.limit);
  }

  async setRead(sdkAppId: number, owner: string, convId: string, readSeq: number, at: number): Promise<void> {
    checkOwnerKey(sdkAppId, owner, convId);
    checkInt(readSeq, 'readSeq');
    checkInt(at, 'at');
    const rows = this.rowsOf(sdkAppId, owner, true);
    const row = rows.get(convId) ?? emptyRow();
    const readTo = Math.max(row.readSeq, readSeq);
    rows.set(convId, { ...row, readSeq: readTo, noUnread: row.noUnread.filter(([s]) => s > readTo), updatedAt: at });
  }

  async setPinned(sdkAppId: number, owner: string, convId: string, pinned: boolean, at: number): Promise<void> {
    checkOwnerKey(sdkAppId, owner, convId);
    if (typeof pinned !== 'boolean') throw new TypeError(`pinned must be a boolean, got ${typeof pinned}`);
    checkInt(at, 'at');
    const rows = this.rowsOf(sdkAppId, owner, true);
    rows.set(convId, { ...(rows.get(convId) ?? emptyRow()), pinned, pinnedAt: pinned ? at : 0, updatedAt: at });
  }

  async remove(sdkAppId: number, owner: string, convIds: readonly string[]): Promise<void> {
    checkAppId(sdkAppId);
    checkUserId(owner);
    const ids = checkConvIdBatch(convIds);
    const rows = this.rowsOf(sdkAppId, owner, false);
    if (!rows) return;
    for (const id of ids) {
      const kept = keptAfterRemove(rows.get(id));
      if (kept) rows.set(id, kept);
      else rows.delete(id);
    }
    if (rows.size === 0) this.owners.delete(`${sdkAppId}\u0000${owner}`);
  }

  private rowsOf(sdkAppId: number, owner: string, create: true): Map<string, ConversationRow>;
  private rowsOf(sdkAppId: number, owner: string, create: false): Map<string, ConversationRow> | undefined;
  private rowsOf(sdkAppId: number, owner: string, create: boolean): Map<string, ConversationRow> | undefined {
    const id = `${sdkAppId}\u0000${owner}`;
    let rows = this.owners.get(id);
    if (!rows && create) this.owners.set(id, (rows = new Map()));
    return rows;
  }
}
