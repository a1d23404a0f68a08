// Boundary guards and canonical copies shared by every social store implementation (see
// relationships.ts): each bad call fails with the same TypeError/RangeError in memory, LMDB and
// Cassandra, and stored state never shares an object with a caller. Tencent error codes stay in
// the domain; these only keep malformed keys and values out of storage.
import { checkAppId, checkUserId } from './records.js';
import {
  type JsonValue,
  MAX_SOCIAL_BATCH,
  MAX_SOCIAL_FIELD_BYTES,
  MAX_SOCIAL_PAGE,
  MAX_TAG_BYTES,
  MAX_TAGS_PER_WRITE,
  type SocialValue,
} from './relationships.js';

const TAG = /^[A-Za-z][A-Za-z0-9_]*$/;
const LONE_SURROGATE = /\p{Cs}/u;
const utf8 = new TextEncoder();
export const utf8Bytes = (s: string): number => utf8.encode(s).length;

/** The key every social row starts with: an app and one of its users. */
export function checkOwner(sdkAppId: unknown, userId: unknown): void {
  checkAppId(sdkAppId);
  checkUserId(userId);
}

/** Validates a batch of user ids and returns the distinct ones in first-seen order. */
export function checkIdBatch(ids: unknown, what = 'userIds'): string[] {
  if (!Array.isArray(ids)) throw new TypeError(`${what} must be an array, got ${describe(ids)}`);
  const distinct = [...new Set<unknown>(ids)];
  if (distinct.length > MAX_SOCIAL_BATCH) {
    throw new RangeError(`${what} takes at most ${MAX_SOCIAL_BATCH} distinct ids, got ${distinct.length}`);
  }
  for (const id of distinct) checkUserId(id);
  return distinct as string[];
}

/** A batch of records: an array of at most MAX_SOCIAL_BATCH, each checked and copied by `one`. */
export function checkRecordBatch<T>(items: unknown, what: string, one: (item: T) => T): T[] {
  if (!Array.isArray(items)) throw new TypeError(`${what} must be an array, got ${describe(items)}`);
  if (items.length > MAX_SOCIAL_BATCH) throw new RangeError(`${what} takes at most ${MAX_SOCIAL_BATCH} items, got ${items.length}`);
  return items.map((item: T) => one(item));
}

export function checkTag(tag: unknown): asserts tag is string {
  if (typeof tag !== 'string' || !TAG.test(tag) || tag.length > MAX_TAG_BYTES) {
    throw new RangeError(`tag must match ${TAG.source} with at most ${MAX_TAG_BYTES} characters, got ${describe(tag)}`);
  }
}

/** Validates a tag filter (getProfiles) and returns it as a set. */
export function checkTagFilter(tags: unknown): Set<string> {
  if (!Array.isArray(tags)) throw new TypeError(`tags must be an array of tag names, got ${describe(tags)}`);
  if (tags.length > MAX_SOCIAL_BATCH) throw new RangeError(`tags takes at most ${MAX_SOCIAL_BATCH} names`);
  for (const t of tags) checkTag(t);
  return new Set(tags as string[]);
}

/** A stored text: a string of well-formed Unicode, at most MAX_SOCIAL_FIELD_BYTES. */
export function checkText(v: unknown, what: string, emptyOk = true): asserts v is string {
  if (typeof v !== 'string') throw new TypeError(`${what} must be a string, got ${describe(v)}`);
  if (!emptyOk && v.length === 0) throw new RangeError(`${what} must not be empty`);
  if (LONE_SURROGATE.test(v)) throw new RangeError(`${what} must be well-formed Unicode (lone surrogate)`);
  if (v.length > MAX_SOCIAL_FIELD_BYTES / 3 && utf8Bytes(v) > MAX_SOCIAL_FIELD_BYTES) {
    throw new RangeError(`${what} must be at most ${MAX_SOCIAL_FIELD_BYTES} UTF-8 bytes`);
  }
}

export function checkTime(v: unknown, what: string): asserts v is number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new RangeError(`${what} must be a non-negative integer (unix ms), got ${describe(v)}`);
  }
}

/** Validated copy of a profile or custom-field value. */
export function socialValue(v: unknown, what: string): SocialValue {
  if (typeof v === 'string') {
    checkText(v, what);
    return v;
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError(`${what} must be a finite number, got ${v}`);
    return v;
  }
  if (Array.isArray(v)) {
    v.forEach((s, i) => checkText(s, `${what}[${i}]`));
    if (utf8Bytes(JSON.stringify(v)) > MAX_SOCIAL_FIELD_BYTES) throw new RangeError(`${what} must be at most ${MAX_SOCIAL_FIELD_BYTES} bytes as JSON`);
    return [...(v as string[])];
  }
  throw new TypeError(`${what} must be a string, a number or an array of strings, got ${describe(v)}`);
}

/** Validated copy of a tag -> value object (profile tags, a friend's custom fields). */
export function tagValues(values: unknown, what: string, emptyOk = true): Record<string, SocialValue> {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new TypeError(`${what} must be an object of tag -> value, got ${describe(values)}`);
  }
  const entries = Object.entries(values);
  if (entries.length > MAX_TAGS_PER_WRITE) throw new RangeError(`${what} takes at most ${MAX_TAGS_PER_WRITE} tags, got ${entries.length}`);
  if (!emptyOk && entries.length === 0) throw new RangeError(`${what} must not be empty`);
  return Object.fromEntries(
    entries.map(([tag, v]) => {
      checkTag(tag);
      return [tag, socialValue(v, `${what}.${tag}`)];
    }),
  );
}

export const copyValue = (v: SocialValue): SocialValue => (Array.isArray(v) ? [...v] : v);
export const copyTags = (t: Record<string, SocialValue>): Record<string, SocialValue> =>
  Object.fromEntries(Object.entries(t).map(([k, v]) => [k, copyValue(v)]));

/** Validates a page request; `after` is checked by the caller's cursor check. */
export function checkLimit(page: unknown, max = MAX_SOCIAL_PAGE): number {
  if (typeof page !== 'object' || page === null) throw new TypeError(`page must be an object, got ${describe(page)}`);
  const limit = (page as { limit?: unknown }).limit;
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1 || limit > max) {
    throw new RangeError(`page.limit must be an integer in 1..${max}, got ${describe(limit)}`);
  }
  return limit;
}

/** A JSON value, validated and copied. */
export function jsonValue(v: unknown, what: string, depth = 0): JsonValue {
  if (depth > 32) throw new RangeError(`${what} is nested too deeply`);
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    if (LONE_SURROGATE.test(v)) throw new RangeError(`${what} must be well-formed Unicode (lone surrogate)`);
    return v;
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError(`${what} must be a finite number`);
    return v;
  }
  if (Array.isArray(v)) return v.map((x, i) => jsonValue(x, `${what}[${i}]`, depth + 1));
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonValue(x, `${what}.${k}`, depth + 1)]));
  }
  throw new TypeError(`${what} must be JSON (null, boolean, number, string, array, plain object), got ${describe(v)}`);
}

/**
 * Code-point order, which is UTF-8 byte order (Cassandra text, LMDB keys). UTF-16 order differs
 * only where a surrogate pair meets a character in U+E000..U+FFFF; inputs have no lone surrogates.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && (xs ? y >= 0xe000 : x >= 0xe000)) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

export function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  return Array.isArray(v) ? 'an array' : typeof v;
}
