// Validation of profile tags and values, shared by REST (portrait_set/get) and client ops. Codes
// (spec §1.3): 40009 tag does not exist, 40610 value of the wrong type, 40605 standard value not
// allowed, 40601 value over its byte limit, 40008/40007 no write/read permission. Who asks
// matters: the admin may touch every declared tag, a user only what the table lets them.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import { CUSTOM_PROFILE_PREFIX, type ProfileCustomField } from './custom-fields.js';
import { MAX_PROFILE_VALUE_BYTES, MAX_UINT32, STANDARD_TAGS, isStandardTag, type ProfileValue, type TagRule } from './profile-tags.js';

/** Who reads or writes: the app admin (REST), the profile's owner, or another user. */
export type ProfileActor = 'admin' | 'self' | 'other';

const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

export type TagDef =
  | { kind: 'standard'; tag: string; rule: TagRule; initial: ProfileValue; adminOnly: boolean }
  | { kind: 'custom'; tag: string; field: ProfileCustomField; initial: ProfileValue };

/** The definition of a tag, or 40009 when it is neither standard nor declared by the app. */
export function tagDef(tag: unknown, custom: readonly ProfileCustomField[]): TagDef {
  if (typeof tag !== 'string') throw new ImError(Err.PROFILE_INVALID_PARAMS, `Tag must be a string, got ${typeof tag}`);
  if (isStandardTag(tag)) return { kind: 'standard', tag, ...STANDARD_TAGS[tag] };
  if (tag.startsWith(CUSTOM_PROFILE_PREFIX)) {
    const key = tag.slice(CUSTOM_PROFILE_PREFIX.length);
    const field = custom.find((f) => f.key === key);
    if (field) return { kind: 'custom', tag, field, initial: field.type === 'integer' ? 0 : '' };
  }
  throw new ImError(Err.PROFILE_TAG_NOT_FOUND, `profile tag ${tag.slice(0, 64)} does not exist`);
}

/** Throws 40007 when `who` may not read the tag. */
export function checkReadable(def: TagDef, who: ProfileActor): void {
  if (who === 'admin' || def.kind === 'standard') return;
  if (def.field.read === 'admin') throw new ImError(Err.PROFILE_NO_READ_PERMISSION, `${def.tag} is readable by the app admin only`);
}

/** Throws 40008 when `who` may not set the tag (others never may). */
export function checkWritable(def: TagDef, who: ProfileActor): void {
  if (who === 'admin') return;
  const adminOnly = def.kind === 'standard' ? def.adminOnly : def.field.write === 'admin';
  if (who === 'other' || adminOnly) throw new ImError(Err.PROFILE_NO_WRITE_PERMISSION, `${def.tag} may not be set by ${who === 'other' ? 'another user' : 'the user'}`);
}

const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function checkString(tag: string, value: unknown, maxBytes: number): string {
  if (typeof value !== 'string') throw new ImError(Err.PROFILE_VALUE_TYPE, `${tag} must be a string, got ${typeName(value)}`);
  if (utf8Bytes(value) > maxBytes) throw new ImError(Err.PROFILE_VALUE_TOO_LONG, `${tag} is longer than ${maxBytes} bytes`);
  return value;
}

function checkByRule(tag: string, rule: TagRule, value: unknown): ProfileValue {
  switch (rule.type) {
    case 'string':
      return checkString(tag, value, rule.maxBytes);
    case 'uint32':
      if (typeof value !== 'number') throw new ImError(Err.PROFILE_VALUE_TYPE, `${tag} must be an integer, got ${typeName(value)}`);
      if (!Number.isInteger(value) || value < 0 || value > MAX_UINT32) throw new ImError(Err.PROFILE_VALUE_INVALID, `${tag} must be an integer in 0..${MAX_UINT32}`);
      return value;
    case 'enum':
      if (typeof value !== 'string') throw new ImError(Err.PROFILE_VALUE_TYPE, `${tag} must be a string, got ${typeName(value)}`);
      if (!rule.values.includes(value)) throw new ImError(Err.PROFILE_VALUE_INVALID, `${tag} must be one of ${rule.values.join(', ')}`);
      return value;
  }
}

/** The stored form of one value, or the code saying why it cannot be stored. */
export function checkValue(def: TagDef, value: unknown): ProfileValue {
  if (def.kind === 'standard') return checkByRule(def.tag, def.rule, value);
  if (def.field.type === 'string') return checkString(def.tag, value, MAX_PROFILE_VALUE_BYTES);
  if (typeof value !== 'number') throw new ImError(Err.PROFILE_VALUE_TYPE, `${def.tag} must be an integer, got ${typeName(value)}`);
  if (!Number.isSafeInteger(value)) throw new ImError(Err.PROFILE_VALUE_INVALID, `${def.tag} must be a safe integer`);
  return value;
}

/** Validates a whole set request: every tag known and writable by `who`, every value valid.
 *  All or nothing, like Tencent's portrait_set. A tag given twice keeps its last value. */
export function checkProfileWrite(items: ReadonlyArray<{ tag: unknown; value: unknown }>, custom: readonly ProfileCustomField[], who: ProfileActor): Map<string, ProfileValue> {
  const out = new Map<string, ProfileValue>();
  for (const { tag, value } of items) {
    const def = tagDef(tag, custom);
    checkWritable(def, who);
    out.set(def.tag, checkValue(def, value));
  }
  return out;
}
