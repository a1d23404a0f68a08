// The live-room part of the SDK (AVChatRoom): this connection joins or leaves a room's fan-out.
// A join covers this socket only (not the user's other devices) and lasts until leave, the close
// or the server dropping it; after a reconnect, join again. Messages arrive as `groupMessage`
// events (several per frame when the room is busy). Runtime-neutral like the rest of the SDK.
import { Op } from '../protocol/ops.js';
import type { RoomResults } from '../protocol/room-frames.js';

type Request = <T>(op: number, payload?: unknown, opts?: { timeoutMs?: number }) => Promise<T>;
type Opts = { timeoutMs?: number };

export class RoomApi {
  constructor(private readonly request: Request) {}

  /** Joins the live room; resolves false when this connection was already in it. Rejects with
   *  ImError 10010 (no such group), 10007 (not an AVChatRoom, or refused), 10037 (too many rooms). */
  async join(groupId: string, o?: Opts): Promise<boolean> {
    return (await this.request<RoomResults[typeof Op.ROOM_JOIN]>(Op.ROOM_JOIN, { groupId }, o)).joined;
  }

  /** Leaves the live room; resolves false when this connection was not in it. */
  async leave(groupId: string, o?: Opts): Promise<boolean> {
    return (await this.request<RoomResults[typeof Op.ROOM_LEAVE]>(Op.ROOM_LEAVE, { groupId }, o)).left;
  }
}
