// MsgKey (C2C, spec §3): "{seq}_{random}_{time}", e.g. 48374_2837546_1557481126. Clients treat it
// as opaque; the server builds it from the conversation seq (unique per conversation) so keys never
// collide, and parses it back for withdraw/modify. Only the canonical form parses (decimal, no
// sign, no leading zeros), so parse(make(x)) round-trips and one message has one key.
// MsgId (newer, spec §3): "{origin}-{time}-{random}", e.g. 144115233406643804-1727580296-4026038328.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import { MAX_MSG_KEY_BYTES } from '../store/messages.js';

/** MsgRandom / Random are uint32 (spec §2.1). */
export const MAX_UINT32 = 0xffff_ffff;
/** Longest MsgId origin part in decimal digits (a uint64 has 20). */
export const MAX_MSG_ID_ORIGIN_DIGITS = 20;

export interface MsgKeyParts {
  seq: number;
  random: number;
  /** MsgTime, unix seconds. */
  timeSec: number;
}

const CANONICAL = /^(0|[1-9][0-9]{0,15})$/;

function checkPart(v: number, what: string, max: number): void {
  if (!Number.isSafeInteger(v) || v < 0 || v > max) throw new RangeError(`${what} must be an integer in 0..${max}, got ${String(v)}`);
}

/** Builds a MsgKey. Bad parts are a programming error (RangeError), not a client's. */
export function makeMsgKey(seq: number, random: number, timeSec: number): string {
  checkPart(seq, 'seq', Number.MAX_SAFE_INTEGER);
  checkPart(random, 'random', MAX_UINT32);
  checkPart(timeSec, 'timeSec', Number.MAX_SAFE_INTEGER);
  return `${seq}_${random}_${timeSec}`;
}

function parseNumber(s: string, max: number): number | undefined {
  if (!CANONICAL.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) && n <= max ? n : undefined;
}

/** The parts of a MsgKey from a client; ImError 90054 for anything not made by makeMsgKey. */
export function parseMsgKey(key: unknown): MsgKeyParts {
  const bad = (why: string) => new ImError(Err.MSG_KEY_INVALID, `MsgKey invalid: ${why}`);
  if (typeof key !== 'string') throw bad(`must be a string, got ${key === null ? 'null' : typeof key}`);
  if (key.length === 0 || key.length > MAX_MSG_KEY_BYTES) throw bad(`must be 1..${MAX_MSG_KEY_BYTES} characters`);
  const parts = key.split('_');
  if (parts.length !== 3) throw bad(`expected seq_random_time, got ${JSON.stringify(key.slice(0, 40))}`);
  const seq = parseNumber(parts[0]!, Number.MAX_SAFE_INTEGER);
  const random = parseNumber(parts[1]!, MAX_UINT32);
  const timeSec = parseNumber(parts[2]!, Number.MAX_SAFE_INTEGER);
  if (seq === undefined || random === undefined || timeSec === undefined) throw bad(`parts must be canonical unsigned integers (random uint32), got ${JSON.stringify(key.slice(0, 40))}`);
  return { seq, random, timeSec };
}

export interface MsgIdParts {
  /** Decimal digits identifying who or where the message was made (may exceed 2^53, kept as text). */
  origin: string;
  timeSec: number;
  random: number;
}

const ORIGIN = new RegExp(`^(0|[1-9][0-9]{0,${MAX_MSG_ID_ORIGIN_DIGITS - 1}})$`);

/** Builds a MsgId; `origin` is a non-negative integer or its decimal text (uint64 ids). */
export function makeMsgId(origin: number | string, timeSec: number, random: number): string {
  const o = typeof origin === 'number' ? (checkPart(origin, 'origin', Number.MAX_SAFE_INTEGER), String(origin)) : origin;
  if (!ORIGIN.test(o)) throw new RangeError(`origin must be up to ${MAX_MSG_ID_ORIGIN_DIGITS} decimal digits, got ${JSON.stringify(o)}`);
  checkPart(timeSec, 'timeSec', Number.MAX_SAFE_INTEGER);
  checkPart(random, 'random', MAX_UINT32);
  return `${o}-${timeSec}-${random}`;
}

/** The parts of a MsgId, or undefined when it is not in the canonical form. */
export function parseMsgId(id: unknown): MsgIdParts | undefined {
  if (typeof id !== 'string') return undefined;
  const parts = id.split('-');
  if (parts.length !== 3 || !ORIGIN.test(parts[0]!)) return undefined;
  const timeSec = parseNumber(parts[1]!, Number.MAX_SAFE_INTEGER);
  const random = parseNumber(parts[2]!, MAX_UINT32);
  if (timeSec === undefined || random === undefined) return undefined;
  return { origin: parts[0]!, timeSec, random };
}
