// In-process FriendRequestStore: per (sdkAppId, user, box) a Map of peerId -> request, paged in
// code-point order of peerId. Rows are copied in and out. See FriendRequestStore for the contract.
import type { FriendRequestBox, FriendRequestPage, FriendRequestRecord, FriendRequestStore } from '../friend-requests.js';
import { checkAppId, checkUserId } from '../records.js';
import { checkBox, requestRecord } from '../relationship-records.js';
import { checkIdBatch, checkLimit, compareCodePoints } from '../social-records.js';
import { ownerKey } from './owner-key.js';

export class MemoryFriendRequestStore implements FriendRequestStore {
  private readonly rows = new Map<string, Map<string, FriendRequestRecord>>();

  async listRequests(sdkAppId: number, userId: string, box: FriendRequestBox, page: { after?: string; limit: number }): Promise<FriendRequestPage> {
    const rows = this.box(sdkAppId, userId, box);
    const limit = checkLimit(page);
    const after = page.after;
    if (after !== undefined) checkUserId(after);
    const peers = [...(rows?.keys() ?? [])].filter((p) => after === undefined || compareCodePoints(p, after) > 0).sort(compareCodePoints);
    const requests = peers.slice(0, limit).map((p) => ({ ...rows!.get(p)! }));
    return peers.length > limit ? { requests, next: requests[requests.length - 1]!.peerId } : { requests };
  }

  async getRequests(sdkAppId: number, userId: string, box: FriendRequestBox, peerIds: readonly string[]): Promise<Map<string, FriendRequestRecord>> {
    const rows = this.box(sdkAppId, userId, box);
    const out = new Map<string, FriendRequestRecord>();
    for (const peer of checkIdBatch(peerIds, 'peerIds')) {
      const r = rows?.get(peer);
      if (r) out.set(peer, { ...r });
    }
    return out;
  }

  async putRequest(sdkAppId: number, userId: string, box: FriendRequestBox, request: FriendRequestRecord): Promise<void> {
    this.box(sdkAppId, userId, box);
    const rec = requestRecord(request);
    const key = boxKey(sdkAppId, userId, box);
    let rows = this.rows.get(key);
    if (!rows) this.rows.set(key, (rows = new Map()));
    rows.set(rec.peerId, rec);
  }

  async deleteRequests(sdkAppId: number, userId: string, box: FriendRequestBox, peerIds: readonly string[]): Promise<void> {
    const rows = this.box(sdkAppId, userId, box);
    for (const peer of checkIdBatch(peerIds, 'peerIds')) rows?.delete(peer);
    if (rows?.size === 0) this.rows.delete(boxKey(sdkAppId, userId, box));
  }

  async countRequests(sdkAppId: number, userId: string, box: FriendRequestBox): Promise<number> {
    return this.box(sdkAppId, userId, box)?.size ?? 0;
  }

  private box(sdkAppId: number, userId: string, box: FriendRequestBox): Map<string, FriendRequestRecord> | undefined {
    checkAppId(sdkAppId);
    checkUserId(userId);
    checkBox(box);
    return this.rows.get(boxKey(sdkAppId, userId, box));
  }
}

const boxKey = (sdkAppId: number, userId: string, box: FriendRequestBox): string => `${box}\u0000${ownerKey(sdkAppId, userId)}`;
