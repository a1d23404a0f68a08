// Wire envelopes of actor traffic, MessagePack-encoded on every hop, also inside one process
// (layout-and-style B5.6), so a Map, Date or class instance in a message fails in unit tests instead
// of silently turning into `{}` across machines: assertPlain rejects it with a clear error.
// Request {k: kind, i: id, m: msg}; reply {ok: value} | {e: {c: code, m: info}} | {n: shard}
// where `n` means "this host does not own that shard" (stale routing: the client retries).
import { pack, unpack } from '../protocol/msgpack.js';
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';

/** Deeper structures are refused so a cycle cannot recurse forever. Message bodies ride in actor
 *  messages and a merged message nested 100 levels (spec §8) is ~500 levels deep; stays below
 *  protocol/msgpack MAX_PACK_DEPTH, which also counts the envelope. */
export const MAX_MESSAGE_DEPTH = 1000;

export interface RequestEnvelope {
  kind: string;
  id: string;
  msg: unknown;
}

export type Reply =
  | { type: 'ok'; value: unknown }
  | { type: 'error'; code: number; info: string }
  | { type: 'not-owner'; shard: number };

/** Throws ImError(INVALID_PARAMETERS) naming the path of the first value that is not plain data. */
export function assertPlain(value: unknown, path = 'message', depth = 0): void {
  if (depth > MAX_MESSAGE_DEPTH) throw notPlain(path, `nested deeper than ${MAX_MESSAGE_DEPTH}`);
  if (value === null) return;
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'number':
      return;
    case 'object':
      break;
    default:
      throw notPlain(path, `a ${typeof value}`);
  }
  if (value instanceof Uint8Array) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      if (v === undefined) throw notPlain(`${path}[${i}]`, 'undefined in an array');
      assertPlain(v, `${path}[${i}]`, depth + 1);
    });
    return;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'unknown';
    throw notPlain(path, `an instance of ${name}`);
  }
  for (const [k, v] of Object.entries(value)) {
    if (v !== undefined) assertPlain(v, `${path}.${k}`, depth + 1);
  }
}

function notPlain(path: string, what: string): ImError {
  return new ImError(Err.INVALID_PARAMETERS, `${path} is not plain data (${what}); actor messages cross the bus as MessagePack`);
}

export function encodeRequest(kind: string, id: string, msg: unknown): Uint8Array {
  if (msg === undefined) throw new ImError(Err.INVALID_PARAMETERS, 'actor message is undefined');
  assertPlain(msg);
  return pack({ k: kind, i: id, m: msg });
}

/** Never throws: garbage bytes come back as ImError(BAD_FRAME) for the host to answer. */
export function decodeRequest(bytes: Uint8Array): RequestEnvelope | ImError {
  let raw: unknown;
  try {
    raw = unpack(bytes);
  } catch (e) {
    return new ImError(Err.BAD_FRAME, `undecodable actor request: ${(e as Error).message}`);
  }
  if (!isRecord(raw)) return new ImError(Err.BAD_FRAME, 'actor request is not a map');
  const { k, i, m } = raw;
  if (typeof k !== 'string' || k === '') return new ImError(Err.BAD_FRAME, 'actor request without kind (k)');
  if (typeof i !== 'string' || i === '') return new ImError(Err.BAD_FRAME, 'actor request without id (i)');
  if (!('m' in raw)) return new ImError(Err.BAD_FRAME, 'actor request without message (m)');
  return { kind: k, id: i, msg: m };
}

/** A reply value that is not plain data becomes an INTERNAL error reply (the actor has a bug). */
export function encodeOk(value: unknown): Uint8Array {
  if (value !== undefined) assertPlain(value, 'reply');
  return pack(value === undefined ? {} : { ok: value });
}

export const encodeError = (code: number, info: string): Uint8Array => pack({ e: { c: code, m: info } });

export const encodeNotOwner = (shard: number): Uint8Array => pack({ n: shard });

/** Never throws: an undecodable reply becomes an INTERNAL error. */
export function decodeReply(bytes: Uint8Array): Reply {
  let raw: unknown;
  try {
    raw = unpack(bytes);
  } catch (e) {
    return { type: 'error', code: Err.INTERNAL, info: `undecodable actor reply: ${(e as Error).message}` };
  }
  if (!isRecord(raw)) return { type: 'error', code: Err.INTERNAL, info: 'actor reply is not a map' };
  if (isRecord(raw.e)) {
    const { c, m } = raw.e;
    if (typeof c === 'number') return { type: 'error', code: c, info: typeof m === 'string' ? m : '' };
    return { type: 'error', code: Err.INTERNAL, info: 'actor error reply without code' };
  }
  if (typeof raw.n === 'number') return { type: 'not-owner', shard: raw.n };
  return { type: 'ok', value: 'ok' in raw ? raw.ok : undefined };
}

/** Round trip through the codec, so a locally delivered message (schedule) is what a remote one would be. */
export function cloneThroughCodec<T>(msg: T): T {
  assertPlain(msg);
  return unpack(pack(msg)) as T;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}
