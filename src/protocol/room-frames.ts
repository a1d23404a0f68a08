// Frames of live rooms (AVChatRoom, docs/groups.md "Live rooms"): a logged-in socket joins or
// leaves a room's fan-out. Joining is a subscription of this socket only (not of the user's other
// devices), granted by the group actor; messages of the room then arrive as the group message
// pushes of the actor (merged per tick), written by the edge with one uWS topic publish.
// Shape checks run in decodeClientFrame (codec.ts) through decodeRoomParams.
import { MAX_GROUP_ID_BYTES } from '../groups/group-ids.js';
import { Op, type RoomOp } from './ops.js';
import { checkString, isPlainMap } from './validate.js';

export interface RoomParams {
  [Op.ROOM_JOIN]: { groupId: string };
  [Op.ROOM_LEAVE]: { groupId: string };
}

export type RoomFrame = { [O in keyof RoomParams]: { op: O; id: number; d: RoomParams[O] } }[keyof RoomParams];

export interface RoomResults {
  /** joined: false when this socket was already in the room (the join is idempotent). */
  [Op.ROOM_JOIN]: { groupId: string; joined: boolean };
  /** left: false when this socket was not in the room. */
  [Op.ROOM_LEAVE]: { groupId: string; left: boolean };
}

/** The op's parameters, or an error text naming the bad field. */
export function decodeRoomParams<O extends RoomOp>(op: O, d: unknown): RoomParams[O] | string {
  if (!isPlainMap(d)) return 'd must be a map with groupId';
  const err = checkString('groupId', d.groupId, { minChars: 1, maxBytes: MAX_GROUP_ID_BYTES });
  if (err) return err;
  return { groupId: d.groupId as string };
}
