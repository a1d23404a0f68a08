// Live-room client ops on the edge (AVChatRoom, docs/groups.md "Live rooms"): ROOM_JOIN asks the
// group actor to admit this user (GroupApply; the actor applies the room's rules and callbacks) and,
// once it answered without error, subscribes THIS socket to the room's fan-out; ROOM_LEAVE drops
// the socket's live subscription (never a member subscription of a non-live group). The type is
// read from the store first: other group types deliver to members, who join with apply/invite.
import { optPlatformOf } from '../protocol/platforms.js';
import { groupAddr, type GroupApply } from '../groups/group-messages.js';
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
  const group = await ctx.deps.store.groups.getGroup(s.sdkAppId, groupId);
  if (!group || group.dismissedAt > 0) return { c: Err.GROUP_NOT_FOUND, m: `group ${groupId} does not exist` };
  if (group.type !== 'AVChatRoom') return { c: Err.GROUP_PERMISSION_DENIED, m: `ROOM_JOIN is for AVChatRoom groups; ${groupId} is a ${group.type} group` };
  const apply: GroupApply = {
    t: 'apply',
    sdkAppId: s.sdkAppId,
    groupId,
    by: { userId: s.userId },
    connId: conn.connId,
    optPlatform: optPlatformOf(s.platform),
  };
  await ctx.deps.actors.ask(groupAddr(s.sdkAppId, groupId), apply, { timeoutMs: ctx.limits.askTimeoutMs });
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
