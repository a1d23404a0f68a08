// Field readers shared by the all_member_push handlers, with the push API's error codes: a missing
// or ill-typed field is 90001 (request not conforming), more than MAX_PUSH_USERS accounts 90018, a
// bad attribute (unknown name, bad value) 90033, tags 90020 (too long) / 90040 (empty) / 90032
// (too many). Account ids are checked here so the store never sees a malformed one.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import { MAX_USER_ID_BYTES } from '../protocol/limits.js';
import { type AttrSlots, MAX_PUSH_ATTR_BYTES } from '../store/user-attrs.js';
import { asAccount, asBatch, asObject, type FieldCodes, field, isPlainObject, utf8Bytes } from '../rest/validate.js';

/** Users in one attr/tag request (Tencent: at most 100). */
export const MAX_PUSH_USERS = 100;
/** Tags in one user's add-tag item and in each condition list (Tencent: at most 10). */
export const MAX_TAGS_PER_REQUEST = 10;

export const PUSH_CODES: FieldCodes = { invalid: Err.MSG_JSON_PARSE, accountType: Err.ACCOUNT_TYPE, batch: Err.PUSH_TOO_MANY_ACCOUNTS };

type Body = Record<string, unknown>;

export function pushAccount(v: unknown, what: string): string {
  const id = asAccount(v, what, PUSH_CODES);
  if (id.length === 0 || utf8Bytes(id) > MAX_USER_ID_BYTES) throw new ImError(PUSH_CODES.invalid, `${what} must be 1..${MAX_USER_ID_BYTES} bytes`);
  return id;
}

/** A required array field of items (1..MAX_PUSH_USERS). */
export function readItems(body: Body, name: string): unknown[] {
  const v = field(body, name);
  if (v === undefined) throw new ImError(PUSH_CODES.invalid, `${name} is required`);
  return asBatch(v, name, MAX_PUSH_USERS, PUSH_CODES);
}

/** A required To_Account array, distinct ids in order. */
export function readAccounts(body: Body): string[] {
  return [...new Set(readItems(body, 'To_Account').map((v, i) => pushAccount(v, `To_Account[${i}]`)))];
}

export const item = (v: unknown, what: string): Body => asObject(v, what, PUSH_CODES);

export function attrText(v: unknown, what: string): string {
  if (typeof v !== 'string' || v.length === 0 || utf8Bytes(v) > MAX_PUSH_ATTR_BYTES) {
    throw new ImError(Err.PUSH_ATTR_INVALID, `${what} must be a string of 1..${MAX_PUSH_ATTR_BYTES} bytes`);
  }
  return v;
}

export function tagText(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new ImError(PUSH_CODES.invalid, `${what} must be a string`);
  if (v.length === 0) throw new ImError(Err.PUSH_TAG_EMPTY, `${what} is empty`);
  if (utf8Bytes(v) > MAX_PUSH_ATTR_BYTES) throw new ImError(Err.PUSH_TAG_TOO_LONG, `${what} is longer than ${MAX_PUSH_ATTR_BYTES} bytes`);
  return v;
}

/** A list of 1..max tags, distinct. */
export function tagList(v: unknown, what: string, max: number): string[] {
  if (!Array.isArray(v)) throw new ImError(PUSH_CODES.invalid, `${what} must be an array`);
  if (v.length === 0) throw new ImError(Err.PUSH_TAG_EMPTY, `${what} is empty`);
  if (v.length > max) throw new ImError(Err.PUSH_TOO_MANY_TAGS, `${what} has ${v.length} tags, at most ${max}`);
  return [...new Set(v.map((t, i) => tagText(t, `${what}[${i}]`)))];
}

/** The app's attribute names as name -> slot (for slotOf / attrValues). */
export const nameIndex = (names: AttrSlots): Map<string, number> => new Map(Object.entries(names).map(([k, v]) => [v, Number(k)]));

/** The slot of an attribute name from the app's names (90033 when the app has no such name). */
export function slotOf(names: Map<string, number>, name: unknown, what: string): number {
  if (typeof name !== 'string') throw new ImError(Err.PUSH_ATTR_INVALID, `${what} must be an attribute name string`);
  const slot = names.get(name);
  if (slot === undefined) throw new ImError(Err.PUSH_ATTR_INVALID, `${what}: the app has no attribute named ${JSON.stringify(name)} (set it with im_set_attr_name)`);
  return slot;
}

/** {name: value} of an object field, as slot -> value. */
export function attrValues(v: unknown, names: Map<string, number>, what: string): Record<number, string> {
  if (!isPlainObject(v)) throw new ImError(PUSH_CODES.invalid, `${what} must be an object`);
  const entries = Object.entries(v);
  if (entries.length === 0) throw new ImError(Err.PUSH_ATTR_INVALID, `${what} is empty`);
  const out: Record<number, string> = {};
  for (const [name, value] of entries) out[slotOf(names, name, `${what}.${name}`)] = attrText(value, `${what}.${name}`);
  return out;
}
