// Typed readers for REST bodies. Each turns a wrong field into an ImError with the code Tencent
// uses: account fields that are not strings are 60015, other wrong or missing fields 70402, batch
// arrays that are empty or too long 70206. Domains with their own codes (groups 10004, sns 30001,
// ...) pass a FieldCodes. Reads use own properties only: JSON.parse objects inherit
// Object.prototype, so body['constructor'] would otherwise be a function.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';

export interface FieldCodes {
  /** Missing required field, wrong type, bad value. */
  invalid: number;
  /** An account field (UserID, *_Account) that is not a string. */
  accountType: number;
  /** Batch array empty or over its limit. */
  batch: number;
}

export const DEFAULT_FIELD_CODES: FieldCodes = {
  invalid: Err.INVALID_PARAMS,
  accountType: Err.ACCOUNT_TYPE,
  batch: Err.INVALID_BATCH_COUNT,
};

type Body = Record<string, unknown>;

export const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

export const isPlainObject = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value of an own property, or undefined. */
export const field = (body: Body, name: string): unknown => (Object.hasOwn(body, name) ? body[name] : undefined);

/** The first present field of `names` (current spelling first, then legacy ones, spec §9). */
export function firstField(body: Body, names: readonly string[]): { name: string; value: unknown } | undefined {
  for (const name of names) {
    const value = field(body, name);
    if (value !== undefined) return { name, value };
  }
  return undefined;
}

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** An account value: must be a string (60015). Emptiness and length are the domain's rules. */
export function asAccount(value: unknown, what: string, codes: FieldCodes = DEFAULT_FIELD_CODES): string {
  if (typeof value !== 'string') throw new ImError(codes.accountType, `${what} must be a string, got ${typeOf(value)}`);
  return value;
}

/** A required account field under any of `names` (e.g. ['UserID', 'Identifier']). */
export function readAccount(body: Body, names: readonly string[], codes: FieldCodes = DEFAULT_FIELD_CODES): string {
  const found = firstField(body, names);
  if (!found) throw new ImError(codes.invalid, `${names.join(' or ')} is required`);
  return asAccount(found.value, found.name, codes);
}

export function readOptionalString(body: Body, name: string, maxBytes: number, codes: FieldCodes = DEFAULT_FIELD_CODES): string | undefined {
  const v = field(body, name);
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new ImError(codes.invalid, `${name} must be a string, got ${typeOf(v)}`);
  if (utf8Bytes(v) > maxBytes) throw new ImError(codes.invalid, `${name} is longer than ${maxBytes} bytes`);
  return v;
}

/** An optional integer in [min, max]. */
export function readOptionalInt(body: Body, name: string, min: number, max: number, codes: FieldCodes = DEFAULT_FIELD_CODES): number | undefined {
  const v = field(body, name);
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new ImError(codes.invalid, `${name} must be an integer, got ${typeOf(v)}`);
  if (v < min || v > max) throw new ImError(codes.invalid, `${name} must be between ${min} and ${max}`);
  return v;
}

/** A required array of 1..max items. */
export function readArray(body: Body, name: string, max: number, codes: FieldCodes = DEFAULT_FIELD_CODES): unknown[] {
  const v = field(body, name);
  if (v === undefined) throw new ImError(codes.invalid, `${name} is required`);
  return asBatch(v, name, max, codes);
}

export function asBatch(v: unknown, name: string, max: number, codes: FieldCodes = DEFAULT_FIELD_CODES): unknown[] {
  if (!Array.isArray(v)) throw new ImError(codes.invalid, `${name} must be an array, got ${typeOf(v)}`);
  if (v.length === 0) throw new ImError(codes.batch, `${name} is empty`);
  if (v.length > max) throw new ImError(codes.batch, `${name} has ${v.length} items, at most ${max} allowed`);
  return v;
}

/** A required array of 1..max account strings (each 60015 when not a string). */
export function readAccountArray(body: Body, name: string, max: number, codes: FieldCodes = DEFAULT_FIELD_CODES): string[] {
  return readArray(body, name, max, codes).map((v, i) => asAccount(v, `${name}[${i}]`, codes));
}

/** An array item that must be an object, e.g. DeleteItem[3]. */
export function asObject(v: unknown, what: string, codes: FieldCodes = DEFAULT_FIELD_CODES): Body {
  if (!isPlainObject(v)) throw new ImError(codes.invalid, `${what} must be an object, got ${typeOf(v)}`);
  return v;
}
