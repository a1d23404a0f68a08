// MessagePack encode/decode of frames (frames.ts), both directions. The decoders never throw: any
// input (garbage, truncated MessagePack, a non-map, an unknown op, wrong field types, oversize)
// becomes a ProtocolError with its code, so bad input is answered, never fatal. Binary fields
// decode as views into the input buffer: callers that keep them must pass a copy.
import { pack, unpackBounded } from './msgpack.js';
import { Err } from './error-codes.js';
import { type ClientFrame, type LoginParams, ProtocolError, type ServerFrame } from './frames.js';
import type { SocialChangesFrame } from './social-frames.js';
import type { C2cReceiptsFrame, ConvChangedFrame, C2cPeerTypingFrame, C2cModifiedFrame, C2cMsgFrame, C2cReadChangedFrame, C2cRecalledFrame } from './c2c-frames.js';
import { decodeC2cParams } from './c2c-codec.js';
import { decodePushParams } from './push-codec.js';
import { decodeRoomParams } from './room-frames.js';
import { decodeGroupRequestParams } from './group-request-codec.js';
import { MAX_DEVICE_ID_CHARS, MAX_SDKAPPID, MAX_USER_ID_BYTES, MAX_USERSIG_CHARS } from './limits.js';
import { Op, isC2cOp, isClientOp, isGroupMsgPushOp, isGroupRequestOp, isPushOp, isRoomOp, isServerOp, isSocialOp } from './ops.js';
import { decodeGroupPush } from './group-frames.js';
import { PLATFORMS } from './platforms.js';
import { decodeSocialParams } from './social-codec.js';
import { checkOneOf, checkString, checkUint, isPlainMap, isRequestId } from './validate.js';

export { ProtocolError, isProtocolError } from './frames.js';

/** Parses one MessagePack value bounded by maxBytes, or says why it cannot. */
function parse(bytes: Uint8Array, maxBytes: number): { ok: true; value: unknown } | { ok: false; error: ProtocolError } {
  if (!(bytes instanceof Uint8Array)) return { ok: false, error: new ProtocolError(Err.BAD_FRAME, 'frame must be binary') };
  if (bytes.byteLength > maxBytes) {
    return { ok: false, error: new ProtocolError(Err.FRAME_TOO_LARGE, `frame of ${bytes.byteLength} bytes exceeds ${maxBytes}`) };
  }
  if (bytes.byteLength === 0) return { ok: false, error: new ProtocolError(Err.BAD_FRAME, 'empty frame') };
  try {
    // A container cannot hold more elements than the frame has bytes.
    const value = unpackBounded(bytes, maxBytes);
    return { ok: true, value };
  } catch {
    return { ok: false, error: new ProtocolError(Err.BAD_FRAME, 'frame is not valid MessagePack') };
  }
}

function validateLogin(d: unknown): LoginParams | string {
  if (!isPlainMap(d)) return 'd must be a map with sdkAppId, userId, userSig, platform, deviceId';
  const err =
    checkUint('sdkAppId', d.sdkAppId, 1, MAX_SDKAPPID) ??
    checkString('userId', d.userId, { minChars: 1, maxBytes: MAX_USER_ID_BYTES }) ??
    checkString('userSig', d.userSig, { maxChars: MAX_USERSIG_CHARS }) ??
    checkOneOf('platform', d.platform, PLATFORMS) ??
    checkString('deviceId', d.deviceId, { minChars: 1, maxChars: MAX_DEVICE_ID_CHARS });
  if (err) return err;
  return d as unknown as LoginParams;
}

/** Decodes a client->server frame (the edge's side). Never throws. */
export function decodeClientFrame(bytes: Uint8Array, maxBytes: number): ClientFrame | ProtocolError {
  const parsed = parse(bytes, maxBytes);
  if (!parsed.ok) return parsed.error;
  const raw = parsed.value;
  if (!isPlainMap(raw)) return new ProtocolError(Err.BAD_FRAME, 'frame must be a MessagePack map');
  const id = raw.id;
  if (!isRequestId(id)) return new ProtocolError(Err.BAD_FRAME, 'id must be an unsigned 32-bit integer');
  const op = raw.op;
  if (typeof op !== 'number' || !Number.isInteger(op)) return new ProtocolError(Err.BAD_FRAME, 'op must be an integer', id);
  if (!isClientOp(op)) return new ProtocolError(Err.UNKNOWN_OP, `unknown op ${op}`, id);
  if (isSocialOp(op)) {
    const d = decodeSocialParams(op, raw.d);
    if (typeof d === 'string') return new ProtocolError(Err.INVALID_PARAMETERS, d, id);
    return { op, id, d } as ClientFrame;
  }
  if (isC2cOp(op)) {
    const d = decodeC2cParams(op, raw.d);
    if (typeof d === 'string') return new ProtocolError(Err.INVALID_PARAMETERS, d, id);
    return { op, id, d } as ClientFrame;
  }
  if (isPushOp(op)) {
    const d = decodePushParams(op, raw.d);
    if (typeof d === 'string') return new ProtocolError(Err.INVALID_PARAMETERS, d, id);
    return { op, id, d } as ClientFrame;
  }
  if (isRoomOp(op)) {
    const d = decodeRoomParams(op, raw.d);
    if (typeof d === 'string') return new ProtocolError(Err.INVALID_PARAMETERS, d, id);
    return { op, id, d } as ClientFrame;
  }
  if (isGroupRequestOp(op)) {
    const d = decodeGroupRequestParams(op, raw.d);
    if (typeof d === 'string') return new ProtocolError(Err.INVALID_PARAMETERS, d, id);
    return { op, id, d } as ClientFrame;
  }
  switch (op) {
    case Op.LOGIN: {
      const d = validateLogin(raw.d);
      if (typeof d === 'string') return new ProtocolError(Err.INVALID_PARAMETERS, d, id);
      const { sdkAppId, userId, userSig, platform, deviceId } = d;
      return { op, id, d: { sdkAppId, userId, userSig, platform, deviceId } };
    }
    case Op.LOGOUT:
    case Op.HEARTBEAT:
      return { op, id };
  }
}

/** Encodes a server->client frame. Undefined fields are left out. */
export const encodeServerFrame = (frame: ServerFrame): Uint8Array => pack(frame);

/** Encodes a client->server frame (the SDK's side). */
export const encodeClientFrame = (frame: ClientFrame): Uint8Array => pack(frame);

/** Encodes any request {op, id, d?}: lets an SDK send ops newer than the ClientFrame union it
 *  was built with. */
export const encodeRequestFrame = (op: number, id: number, d?: unknown): Uint8Array =>
  pack(d === undefined ? { op, id } : { op, id, d });

/** Decodes a server->client frame (the SDK's side). Never throws; unknown ops come back as
 *  ProtocolError(UNKNOWN_OP) so an older SDK can skip pushes it does not know. */
export function decodeServerFrame(bytes: Uint8Array, maxBytes = Number.MAX_SAFE_INTEGER): ServerFrame | ProtocolError {
  const parsed = parse(bytes, maxBytes);
  if (!parsed.ok) return parsed.error;
  const raw = parsed.value;
  if (!isPlainMap(raw)) return new ProtocolError(Err.BAD_FRAME, 'frame must be a MessagePack map');
  const op = raw.op;
  if (typeof op !== 'number' || !Number.isInteger(op)) return new ProtocolError(Err.BAD_FRAME, 'op must be an integer');
  if (!isServerOp(op)) return new ProtocolError(Err.UNKNOWN_OP, `unknown op ${op}`);
  const bad = (msg: string) => new ProtocolError(Err.BAD_FRAME, msg, isRequestId(raw.id) ? raw.id : undefined);
  if (isGroupMsgPushOp(op)) {
    const g = decodeGroupPush(op, raw.d);
    return typeof g === 'string' ? bad(g) : (g as ServerFrame);
  }
  const c = raw.c;
  const m = raw.m;
  switch (op) {
    case Op.REPLY:
      if (!isRequestId(raw.id)) return bad('REPLY.id must be an unsigned 32-bit integer');
      if (typeof c !== 'number' || !Number.isInteger(c) || typeof m !== 'string') return bad('REPLY needs integer c and string m');
      return raw.d === undefined ? { op, id: raw.id, c, m } : { op, id: raw.id, c, m, d: raw.d };
    case Op.ERROR:
    case Op.KICKED:
      if (typeof c !== 'number' || !Number.isInteger(c) || typeof m !== 'string') return bad(`op ${op} needs integer c and string m`);
      return { op, c, m };
    case Op.DRAIN: {
      const d = raw.d;
      if (typeof m !== 'string' || !isPlainMap(d) || typeof d.retryWithinMs !== 'number') return bad('DRAIN needs m and d.retryWithinMs');
      return { op, m, d: { retryWithinMs: d.retryWithinMs } };
    }
    case Op.SOCIAL_CHANGES: {
      const d = raw.d;
      if (!isPlainMap(d) || !Array.isArray(d.changes)) return bad('SOCIAL_CHANGES needs d.changes');
      return { op, d: { changes: d.changes as SocialChangesFrame['d']['changes'] } };
    }
    case Op.C2C_MSG: {
      const d = raw.d;
      if (!isPlainMap(d) || !isPlainMap(d.msg) || typeof d.msg.seq !== 'number' || !Array.isArray(d.msg.body)) return bad('C2C_MSG needs d.msg with seq and body');
      return { op, d: { msg: d.msg as unknown as C2cMsgFrame['d']['msg'] } };
    }
    case Op.C2C_MODIFIED: {
      const d = raw.d;
      if (!isPlainMap(d) || !isPlainMap(d.msg) || typeof d.msg.seq !== 'number' || !Array.isArray(d.msg.body)) return bad('C2C_MODIFIED needs d.msg with seq and body');
      return { op, d: { msg: d.msg as unknown as C2cModifiedFrame['d']['msg'] } };
    }
    case Op.C2C_READ_CHANGED: {
      const d = raw.d;
      if (!isPlainMap(d) || typeof d.reader !== 'string' || typeof d.peer !== 'string' || typeof d.readSeq !== 'number') return bad('C2C_READ_CHANGED needs d.reader, d.peer and d.readSeq');
      return { op, d: d as unknown as C2cReadChangedFrame['d'] };
    }
    case Op.C2C_RECEIPTS: {
      const d = raw.d;
      if (!isPlainMap(d) || typeof d.reader !== 'string' || !Array.isArray(d.keys)) return bad('C2C_RECEIPTS needs d.reader and d.keys');
      return { op, d: d as unknown as C2cReceiptsFrame['d'] };
    }
    case Op.CONV_CHANGED: {
      const d = raw.d;
      if (!isPlainMap(d) || typeof d.convId !== 'string' || typeof d.peer !== 'string') return bad('CONV_CHANGED needs d.convId and d.peer');
      return { op, d: d as unknown as ConvChangedFrame['d'] };
    }
    case Op.C2C_PEER_TYPING: {
      const d = raw.d;
      if (!isPlainMap(d) || typeof d.from !== 'string') return bad('C2C_PEER_TYPING needs d.from');
      return { op, d: d as unknown as C2cPeerTypingFrame['d'] };
    }
    case Op.C2C_RECALLED: {
      const d = raw.d;
      if (!isPlainMap(d) || typeof d.seq !== 'number' || typeof d.key !== 'string') return bad('C2C_RECALLED needs d.seq and d.key');
      return { op, d: d as unknown as C2cRecalledFrame['d'] };
    }
  }
}
