// Messages to one edge, published on subjects.edge(edgeId) by session actors and delivery code:
// `push` writes pre-encoded server frames (encoded once, written to many sockets), `kick` removes
// connections. MessagePack like every bus payload; decodeEdgeMsg returns undefined for anything
// malformed so one bad publisher cannot crash an edge.
import { pack, unpack } from '../protocol/msgpack.js';

export type EdgeMsg =
  /** frame: a complete server frame (protocol encodeServerFrame) written as-is to each connection. */
  | { t: 'push'; connIds: string[]; frame: Uint8Array }
  /** Sends KICKED {c: code, m: reason}, then closes with CloseCode.KICKED. */
  | { t: 'kick'; connIds: string[]; code: number; reason: string };

export const encodeEdgeMsg = (m: EdgeMsg): Uint8Array => pack(m);

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

export function decodeEdgeMsg(bytes: Uint8Array): EdgeMsg | undefined {
  let v: unknown;
  try {
    v = unpack(bytes);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const m = v as Record<string, unknown>;
  if (!isStringList(m.connIds)) return undefined;
  if (m.t === 'push' && m.frame instanceof Uint8Array) return { t: 'push', connIds: m.connIds, frame: m.frame };
  if (m.t === 'kick' && typeof m.code === 'number' && typeof m.reason === 'string') {
    return { t: 'kick', connIds: m.connIds, code: m.code, reason: m.reason };
  }
  return undefined;
}
