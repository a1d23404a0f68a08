// Boundary guards and canonical copies for the message-path stores (messages.ts, seqs.ts,
// dedup.ts), shared by every implementation so a bad call fails with the same TypeError/RangeError
// everywhere and stored state never shares an object with a caller. JSON payloads are copied by a
// strict walk (plain objects, arrays, finite numbers, strings, booleans, null) so what the memory
// store keeps is exactly what a serializing backend would give back.
import { MAX_DEDUP_KEY_BYTES, MAX_DEDUP_TTL_SEC, MAX_DEDUP_VALUE_BYTES, DEDUP_SCOPE } from './dedup.js';
import {
  type JsonObject,
  MAX_CONV_ID_BYTES,
  MAX_HIDDEN_SPAN,
  MAX_MSG_KEY_BYTES,
  MAX_RANGE_LIMIT,
  MAX_APPEND_BATCH,
  MAX_SEQS_PER_CALL,
  MAX_STORED_JSON_BYTES,
  MAX_TTL_SEC,
  type MessagePatch,
  type RangeQuery,
  type StoredMessage,
  type WriteOptions,
} from './messages.js';
import { MAX_USER_ID_BYTES } from './records.js';
import type { JsonValue } from './relationships.js';

/** Deepest nesting accepted in a stored JSON value. Merged messages nest 100 levels (spec §8) and
 *  each level is 5 JSON levels (element, MsgContent, MsgList, message, MsgBody), plus extra fields. */
export const MAX_JSON_DEPTH = 640;

const LONE_SURROGATE = /\p{Cs}/u;
const utf8 = new TextEncoder();
export const utf8Bytes = (s: string): number => utf8.encode(s).length;

export function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  return Array.isArray(v) ? 'an array' : typeof v;
}

/** A stored text: well-formed Unicode (UTF-8 storage would mangle lone surrogates), byte-bounded. */
export function checkText(v: unknown, what: string, maxBytes: number, emptyOk: boolean): asserts v is string {
  if (typeof v !== 'string') throw new TypeError(`${what} must be a string, got ${describe(v)}`);
  if (!emptyOk && v.length === 0) throw new RangeError(`${what} must not be empty`);
  if (LONE_SURROGATE.test(v)) throw new RangeError(`${what} must be well-formed Unicode (lone surrogate)`);
  const bytes = utf8Bytes(v);
  if (bytes > maxBytes) throw new RangeError(`${what} must be at most ${maxBytes} UTF-8 bytes, got ${bytes}`);
}

export function checkConvId(convId: unknown): asserts convId is string {
  checkText(convId, 'convId', MAX_CONV_ID_BYTES, false);
}

/** A non-negative safe integer (times, counts); `min` raises the floor. */
export function checkInt(v: unknown, what: string, min = 0, max = Number.MAX_SAFE_INTEGER): asserts v is number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) {
    throw new RangeError(`${what} must be an integer in ${min}..${max}, got ${describe(v)}`);
  }
}

export function checkSeq(seq: unknown, what = 'seq'): asserts seq is number {
  checkInt(seq, what, 1);
}

/** Retention of a write: 0 (never expires) .. MAX_TTL_SEC. */
export function ttlOf(opts: WriteOptions | undefined): number {
  if (opts === undefined) return 0;
  if (typeof opts !== 'object' || opts === null) throw new TypeError(`options must be an object, got ${describe(opts)}`);
  if (opts.ttlSec === undefined) return 0;
  checkInt(opts.ttlSec, 'ttlSec', 0, MAX_TTL_SEC);
  return opts.ttlSec;
}

/** Expiry in unix ms of a write made at nowMs with ttlSec (0 = never expires). */
export const expiresAt = (nowMs: number, ttlSec: number): number => (ttlSec > 0 ? nowMs + ttlSec * 1000 : 0);
/** Whether a row with that expiry is still live at nowMs. */
export const isLive = (exp: number, nowMs: number): boolean => exp === 0 || exp > nowMs;

/** Validated deep copy of a JSON value whose encoding is at most maxBytes. */
export function jsonCopy(v: unknown, what: string, maxBytes = MAX_STORED_JSON_BYTES): JsonValue {
  const copy = walk(v, what, 0);
  const bytes = utf8Bytes(JSON.stringify(copy));
  if (bytes > maxBytes) throw new RangeError(`${what} must encode to at most ${maxBytes} bytes of JSON, got ${bytes}`);
  return copy;
}

function walk(v: unknown, what: string, depth: number): JsonValue {
  if (depth > MAX_JSON_DEPTH) throw new RangeError(`${what} nests deeper than ${MAX_JSON_DEPTH} levels`);
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new TypeError(`${what} contains a non-finite number`);
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => walk(x, what, depth + 1));
  if (typeof v === 'object' && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)) {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x, what, depth + 1);
    return out;
  }
  throw new TypeError(`${what} must be JSON (plain objects, arrays, finite numbers, strings, booleans, null), found ${describe(v)}`);
}

function jsonArray(v: unknown, what: string): JsonValue[] {
  if (!Array.isArray(v)) throw new TypeError(`${what} must be an array, got ${describe(v)}`);
  return jsonCopy(v, what) as JsonValue[];
}

function jsonObject(v: unknown, what: string): JsonObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new TypeError(`${what} must be a plain object, got ${describe(v)}`);
  return jsonCopy(v, what) as JsonObject;
}

function checkFlag(v: unknown, what: string): asserts v is boolean {
  if (typeof v !== 'boolean') throw new TypeError(`${what} must be a boolean, got ${describe(v)}`);
}

function checkCustomData(v: unknown): asserts v is string {
  checkText(v, 'cloudCustomData', MAX_STORED_JSON_BYTES, true);
}

/** Validated canonical copy of a message to append. */
const KEY_SEQ = /^(0|[1-9][0-9]{0,15})_/;

/** The seq a stored message's key names (its leading "{seq}_", as in every MsgKey), or undefined:
 *  stores find a message by key through its seq, so they keep no key index. */
export function seqOfKey(key: string): number | undefined {
  const m = KEY_SEQ.exec(key);
  const seq = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(seq) && seq > 0 ? seq : undefined;
}

export function messageRecord(msg: StoredMessage): StoredMessage {
  if (typeof msg !== 'object' || msg === null) throw new TypeError(`message must be an object, got ${describe(msg)}`);
  checkSeq(msg.seq, 'message.seq');
  checkText(msg.key, 'message.key', MAX_MSG_KEY_BYTES, false);
  if (seqOfKey(msg.key) !== msg.seq) throw new RangeError(`message.key must start with its seq (${msg.seq}_), got ${describe(msg.key.slice(0, 40))}`);
  checkText(msg.from, 'message.from', MAX_USER_ID_BYTES, true);
  if (msg.to !== undefined) checkText(msg.to, 'message.to', MAX_USER_ID_BYTES, false);
  checkInt(msg.time, 'message.time');
  checkInt(msg.random, 'message.random', 0, 0xffff_ffff);
  if (msg.clientSeq !== undefined) checkInt(msg.clientSeq, 'message.clientSeq');
  if (msg.cloudCustomData !== undefined) checkCustomData(msg.cloudCustomData);
  if (typeof msg.flags !== 'object' || msg.flags === null) throw new TypeError(`message.flags must be an object, got ${describe(msg.flags)}`);
  checkFlag(msg.flags.recalled, 'message.flags.recalled');
  checkFlag(msg.flags.edited, 'message.flags.edited');
  const out: StoredMessage = {
    seq: msg.seq,
    key: msg.key,
    from: msg.from,
    time: msg.time,
    random: msg.random,
    body: jsonArray(msg.body, 'message.body'),
    flags: { recalled: msg.flags.recalled, edited: msg.flags.edited },
    extra: jsonObject(msg.extra, 'message.extra'),
  };
  if (msg.to !== undefined) out.to = msg.to;
  if (msg.clientSeq !== undefined) out.clientSeq = msg.clientSeq;
  if (msg.cloudCustomData) out.cloudCustomData = msg.cloudCustomData;
  return out;
}

/** Validated copy of a patch. */
export function patchRecord(change: MessagePatch): MessagePatch {
  if (typeof change !== 'object' || change === null) throw new TypeError(`patch must be an object, got ${describe(change)}`);
  const out: MessagePatch = {};
  if (change.recalled !== undefined) {
    checkFlag(change.recalled, 'patch.recalled');
    out.recalled = change.recalled;
  }
  if (change.edited !== undefined) {
    checkFlag(change.edited, 'patch.edited');
    out.edited = change.edited;
  }
  if (change.body !== undefined) out.body = jsonArray(change.body, 'patch.body');
  if (change.cloudCustomData !== undefined) {
    if (change.cloudCustomData !== null) checkCustomData(change.cloudCustomData);
    out.cloudCustomData = change.cloudCustomData;
  }
  if (change.extra !== undefined) out.extra = jsonObject(change.extra, 'patch.extra');
  return out;
}

/** The message after a (validated) patch; a fresh object. */
export function applyPatch(msg: StoredMessage, p: MessagePatch): StoredMessage {
  const out = copyMessage(msg);
  if (p.recalled !== undefined) out.flags.recalled = p.recalled;
  if (p.edited !== undefined) out.flags.edited = p.edited;
  if (p.body !== undefined) out.body = structuredClone(p.body);
  if (p.cloudCustomData !== undefined) {
    if (p.cloudCustomData) out.cloudCustomData = p.cloudCustomData;
    else delete out.cloudCustomData;
  }
  if (p.extra !== undefined) out.extra = structuredClone(p.extra);
  return out;
}

export const copyMessage = (m: StoredMessage): StoredMessage => structuredClone(m);

/** A normalized range query: both bounds resolved except an absent toSeq (= maxSeq). */
export interface CheckedRange {
  from: number;
  to: number | undefined;
  limit: number;
  desc: boolean;
}

export function checkRange(q: RangeQuery): CheckedRange {
  if (typeof q !== 'object' || q === null) throw new TypeError(`range query must be an object, got ${describe(q)}`);
  if (q.fromSeq !== undefined) checkSeq(q.fromSeq, 'fromSeq');
  if (q.toSeq !== undefined) checkSeq(q.toSeq, 'toSeq');
  checkInt(q.limit, 'limit', 1, MAX_RANGE_LIMIT);
  if (q.order !== 'asc' && q.order !== 'desc') throw new RangeError(`order must be "asc" or "desc", got ${describe(q.order)}`);
  return { from: q.fromSeq ?? 1, to: q.toSeq, limit: q.limit, desc: q.order === 'desc' };
}

/** The span of a hidden() call. */
export function checkHiddenSpan(fromSeq: number, toSeq: number): void {
  checkSeq(fromSeq, 'fromSeq');
  checkSeq(toSeq, 'toSeq');
  if (toSeq < fromSeq) throw new RangeError(`toSeq (${toSeq}) must not be below fromSeq (${fromSeq})`);
  if (toSeq - fromSeq + 1 > MAX_HIDDEN_SPAN) throw new RangeError(`hidden() covers at most ${MAX_HIDDEN_SPAN} seqs per call`);
}

/** Distinct seqs of a batch, ascending. */
export function checkSeqBatch(seqs: unknown, what = 'seqs'): number[] {
  if (!Array.isArray(seqs)) throw new TypeError(`${what} must be an array, got ${describe(seqs)}`);
  const distinct = [...new Set<unknown>(seqs)];
  if (distinct.length > MAX_SEQS_PER_CALL) throw new RangeError(`${what} takes at most ${MAX_SEQS_PER_CALL} seqs, got ${distinct.length}`);
  for (const s of distinct) checkSeq(s, `${what} entry`);
  return (distinct as number[]).sort((a, b) => a - b);
}

/** The checked records of an appendMany() batch: at most MAX_APPEND_BATCH, distinct seqs. */
export function messageBatch(msgs: unknown): StoredMessage[] {
  if (!Array.isArray(msgs)) throw new TypeError(`messages must be an array, got ${describe(msgs)}`);
  if (msgs.length > MAX_APPEND_BATCH) throw new RangeError(`appendMany takes at most ${MAX_APPEND_BATCH} messages, got ${msgs.length}`);
  const out = (msgs as StoredMessage[]).map(messageRecord);
  if (new Set(out.map((m) => m.seq)).size !== out.length) throw new RangeError('appendMany needs distinct seqs');
  return out;
}

/** Splits ascending seqs by partition bucket, keeping order. */
export function byBucket(seqs: readonly number[], bucketSize: number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const s of seqs) {
    const b = Math.floor(s / bucketSize);
    const list = out.get(b);
    if (list) list.push(s);
    else out.set(b, [s]);
  }
  return out;
}

export function checkDedupKey(scope: unknown, key: unknown): void {
  if (typeof scope !== 'string' || !DEDUP_SCOPE.test(scope)) throw new RangeError(`dedup scope must match ${DEDUP_SCOPE.source}, got ${describe(scope)}`);
  checkText(key, 'dedup key', MAX_DEDUP_KEY_BYTES, false);
}

export function checkDedupTtl(ttlSec: unknown): asserts ttlSec is number {
  checkInt(ttlSec, 'ttlSec', 0, MAX_DEDUP_TTL_SEC);
}

export const dedupValue = (v: unknown): JsonValue => jsonCopy(v, 'dedup value', MAX_DEDUP_VALUE_BYTES);
