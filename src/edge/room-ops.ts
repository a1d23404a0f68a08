// Live-room client ops on the edge (AVChatRoom, docs/groups.md "Live rooms"): ROOM_JOIN asks the
// group actor to admit this user (GroupRoomJoin, coalesced with the edge's other joins of that
// room; the actor applies the room's rules and callbacks and refuses groups of other types, whose
// members join with apply/invite) and, once admitted, subscribes THIS socket to the room's
// fan-out; ROOM_LEAVE drops the socket's live subscription (never a member subscription).
import { optPlatformOf } from '../protocol/platforms.js';
import { Err } from '../protocol/error-codes.js';
import { Op } from '../protocol/ops.js';
import type { RoomFrame, RoomResults } from '../protocol/room-frames.js';
import type { Connection } from './connection.js';
import type { EdgeContext, OpResult } from './context.js';
import { errorResult } from './login.js';

const ok = <T>(d: T): OpResult => ({ c: Err.OK, m: '', d });

export async function runRoomOp(ctx: EdgeContext, conn: Connection, frame: RoomFrame): Promise<OpResult> {
  try {
    return frame.op === Op.ROOM_JOIN ? await joinRoom(ctx, conn, frame.d.groupId) : leaveRoom(ctx, conn, frame.d.groupId);
  } catch (e) {
    return errorResult(e);
  }
}

async function joinRoom(ctx: EdgeContext, conn: Connection, groupId: string): Promise<OpResult> {
  const s = conn.session;
  if (!s) return { c: Err.NOT_LOGGED_IN, m: 'log in first' };
  if (ctx.rooms.isIn(conn, s.sdkAppId, groupId)) return ok<RoomResults[typeof Op.ROOM_JOIN]>({ groupId, joined: false });
  // The room actor checks the group (exists, is a live room) and admits this user; the batcher
  // carries this join together with the others of the moment (room-join-batch.ts).
  const answer = await ctx.roomJoins.join(s.sdkAppId, groupId, { userId: s.userId, optPlatform: optPlatformOf(s.platform) });
  if (answer.code !== Err.OK) return { c: answer.code, m: answer.info };
  const outcome = ctx.rooms.join(conn, s.sdkAppId, groupId, 'live');
  if (outcome === 'limit') return { c: Err.GROUP_JOINED_LIMIT, m: 'this connection is in too many live rooms or groups' };
  if (outcome === 'closed') return { c: Err.INTERNAL, m: 'connection closed during the join' };
  return ok<RoomResults[typeof Op.ROOM_JOIN]>({ groupId, joined: outcome === 'joined' });
}

function leaveRoom(ctx: EdgeContext, conn: Connection, groupId: string): OpResult {
  const s = conn.session;
  if (!s) return { c: Err.NOT_LOGGED_IN, m: 'log in first' };
  const left = ctx.rooms.leave(conn, s.sdkAppId, groupId, true);
  return ok<RoomResults[typeof Op.ROOM_LEAVE]>({ groupId, left });
}
