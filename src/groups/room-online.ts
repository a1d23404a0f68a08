// The live-room online count port (get_online_member_num for AVChatRoom): each edge reports how
// many of its sockets are in each live room, and any node sums the reports of edges whose report
// is still fresh. Like presence routes, a report counts only until its TTL: an edge that dies
// stops counting without cleanup. Implementations: room-online-memory.ts (one process),
// room-online-redis.ts. Contract: test/contract/room-online.contract.ts.
export interface RoomCount {
  sdkAppId: number;
  groupId: string;
  /** Sockets of this edge in the room; 0 removes this edge's share. */
  count: number;
}

export interface RoomOnline {
  /** This edge's counts for some rooms (others keep their last report until it expires). */
  report(edgeId: string, counts: readonly RoomCount[], ttlMs: number): Promise<void>;
  /** Sockets in the room over every edge whose report has not expired. */
  count(sdkAppId: number, groupId: string): Promise<number>;
  /** Forgets an edge's reports now (graceful drain). */
  dropEdge(edgeId: string): Promise<void>;
  close(): Promise<void>;
}
