// Pending friend requests (NeedConfirm adds, result 30539; spec §2.1 #20): per user an inbox
// (requests received, keyed by the sender) and an outbox (requests sent, keyed by the recipient).
// A request is two rows, one per side, written by the domain as two calls. Each box is one
// partition ordered by peerId in code-point order. See relationships.ts for the design.

export type FriendRequestBox = 'inbox' | 'outbox';

export interface FriendRequestRecord {
  /** The other side: the sender in an inbox, the recipient in an outbox. */
  peerId: string;
  addSource: string;
  addWording: string;
  /** What the sender asked to call the recipient, and the friend list to put them in. */
  remark: string;
  groupName: string;
  addType: 'both' | 'single';
  time: number;
}

export interface FriendRequestPage {
  requests: FriendRequestRecord[];
  /** As FriendPage.next: set when more rows may follow; only its absence means the end. */
  next?: string;
}

export interface FriendRequestStore {
  /** One page of a box in peerId order after `after` (exclusive). 1 ≤ limit ≤ MAX_SOCIAL_PAGE. */
  listRequests(sdkAppId: number, userId: string, box: FriendRequestBox, page: { after?: string; limit: number }): Promise<FriendRequestPage>;
  /** These peers' rows of a box (≤ MAX_SOCIAL_BATCH), missing ones absent. */
  getRequests(sdkAppId: number, userId: string, box: FriendRequestBox, peerIds: readonly string[]): Promise<Map<string, FriendRequestRecord>>;
  /** Inserts or replaces one row (a repeated request refreshes wording and time). */
  putRequest(sdkAppId: number, userId: string, box: FriendRequestBox, request: FriendRequestRecord): Promise<void>;
  /** Removes these rows of a box (≤ MAX_SOCIAL_BATCH). Idempotent. */
  deleteRequests(sdkAppId: number, userId: string, box: FriendRequestBox, peerIds: readonly string[]): Promise<void>;
  /** Rows in a box: one small read, bounded by the domain's pending limit. */
  countRequests(sdkAppId: number, userId: string, box: FriendRequestBox): Promise<number>;
}
