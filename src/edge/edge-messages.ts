// Messages to one edge, published on subjects.edge(edgeId) by session actors and delivery code:
// `push` writes pre-encoded server frames (encoded once, written to many sockets), `kick` removes
// connections, `subscribe` adds or removes sockets to a group's fan-out (edge/rooms.ts). Also the
// payload of a group's room subject (RoomMsg). MessagePack like every bus payload; the decoders
// return undefined for anything malformed so one bad publisher cannot crash an edge.
import { pack, unpack } from '../protocol/msgpack.js';

export type EdgeMsg =
  /** frame: a complete server frame (protocol encodeServerFrame) written as-is to each connection. */
  | { t: 'push'; connIds: string[]; frame: Uint8Array }
  /** Sends KICKED {c: code, m: reason}, then closes with CloseCode.KICKED. */
  | { t: 'kick'; connIds: string[]; code: number; reason: string }
  /** Subscribes (on) or unsubscribes these sockets to the group's fan-out; sockets of another app
   *  or not logged in are skipped. */
  | { t: 'subscribe'; connIds: string[]; sdkAppId: number; groupId: string; on: boolean };

/** What a group publishes on subjects.room: one complete server frame for every subscribed socket
 *  but skipConnId (the sending device, which has its answer). With `close`, every edge then
 *  unsubscribes all its sockets from the group (dismissed): no member list is needed for that. */
export interface RoomMsg {
  /** Empty with `close` when there is nothing to write first. */
  frame: Uint8Array;
  skipConnId?: string;
  close?: true;
}

export const encodeEdgeMsg = (m: EdgeMsg): Uint8Array => pack(m);

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The payload's top-level map, or undefined for bytes that are not MessagePack or not a map. */
function unpackRecord(bytes: Uint8Array): Record<string, unknown> | undefined {
  let v: unknown;
  try {
    v = unpack(bytes);
  } catch {
    return undefined;
  }
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
}

export function decodeEdgeMsg(bytes: Uint8Array): EdgeMsg | undefined {
  const m = unpackRecord(bytes);
  if (!m) return undefined;
  if (!isStringList(m.connIds)) return undefined;
  if (m.t === 'push' && m.frame instanceof Uint8Array) return { t: 'push', connIds: m.connIds, frame: m.frame };
  if (m.t === 'kick' && typeof m.code === 'number' && typeof m.reason === 'string') {
    return { t: 'kick', connIds: m.connIds, code: m.code, reason: m.reason };
  }
  if (m.t === 'subscribe' && typeof m.sdkAppId === 'number' && typeof m.groupId === 'string' && typeof m.on === 'boolean') {
    return { t: 'subscribe', connIds: m.connIds, sdkAppId: m.sdkAppId, groupId: m.groupId, on: m.on };
  }
  return undefined;
}

export const encodeRoomMsg = (m: RoomMsg): Uint8Array =>
  pack({ frame: m.frame, ...(m.skipConnId !== undefined ? { skipConnId: m.skipConnId } : {}), ...(m.close ? { close: true } : {}) });

export function decodeRoomMsg(bytes: Uint8Array): RoomMsg | undefined {
  const m = unpackRecord(bytes);
  if (!m) return undefined;
  const close = m.close === true;
  if (!(m.frame instanceof Uint8Array) || (m.frame.byteLength === 0 && !close)) return undefined;
  if (m.skipConnId !== undefined && typeof m.skipConnId !== 'string') return undefined;
  return { frame: m.frame, ...(typeof m.skipConnId === 'string' ? { skipConnId: m.skipConnId } : {}), ...(close ? { close: true as const } : {}) };
}
