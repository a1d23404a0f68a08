// LMDB FriendRequestStore: the "friend_requests" sub-database keyed by [sdkAppId, user, box, peer],
// so each box is one contiguous range in peerId code-point order. Writes resolve once committed
// and synced. See FriendRequestStore for the contract.
import type { Database, Key } from 'lmdb';
import type { FriendRequestBox, FriendRequestPage, FriendRequestRecord, FriendRequestStore } from '../friend-requests.js';
import { checkUserId } from '../records.js';
import { checkBox, requestRecord } from '../relationship-records.js';
import { checkIdBatch, checkLimit, checkOwner } from '../social-records.js';
import { under } from './key-range.js';

export class LmdbFriendRequestStore implements FriendRequestStore {
  constructor(private readonly db: Database<FriendRequestRecord, Key>) {}

  async listRequests(sdkAppId: number, userId: string, box: FriendRequestBox, page: { after?: string; limit: number }): Promise<FriendRequestPage> {
    checkBoxOf(sdkAppId, userId, box);
    const limit = checkLimit(page);
    if (page.after !== undefined) checkUserId(page.after);
    const rows = [...this.db.getRange({ ...under([sdkAppId, userId, box], page.after), limit: limit + 1 }).map(({ value }) => ({ ...value }))];
    const requests = rows.slice(0, limit);
    return rows.length > limit ? { requests, next: requests[requests.length - 1]!.peerId } : { requests };
  }

  async getRequests(sdkAppId: number, userId: string, box: FriendRequestBox, peerIds: readonly string[]): Promise<Map<string, FriendRequestRecord>> {
    checkBoxOf(sdkAppId, userId, box);
    const out = new Map<string, FriendRequestRecord>();
    for (const peer of checkIdBatch(peerIds, 'peerIds')) {
      const r = this.db.get([sdkAppId, userId, box, peer]);
      if (r) out.set(peer, { ...r });
    }
    return out;
  }

  async putRequest(sdkAppId: number, userId: string, box: FriendRequestBox, request: FriendRequestRecord): Promise<void> {
    checkBoxOf(sdkAppId, userId, box);
    const rec = requestRecord(request);
    await this.db.put([sdkAppId, userId, box, rec.peerId], rec);
  }

  async deleteRequests(sdkAppId: number, userId: string, box: FriendRequestBox, peerIds: readonly string[]): Promise<void> {
    checkBoxOf(sdkAppId, userId, box);
    const peers = checkIdBatch(peerIds, 'peerIds');
    if (peers.length === 0) return;
    await this.db.transaction(() => {
      for (const peer of peers) void this.db.remove([sdkAppId, userId, box, peer]);
    });
  }

  async countRequests(sdkAppId: number, userId: string, box: FriendRequestBox): Promise<number> {
    checkBoxOf(sdkAppId, userId, box);
    return this.db.getCount(under([sdkAppId, userId, box]));
  }
}

function checkBoxOf(sdkAppId: number, userId: string, box: FriendRequestBox): void {
  checkOwner(sdkAppId, userId);
  checkBox(box);
}
