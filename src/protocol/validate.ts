// Field checks for decoded frames. Each returns an error text naming the field, or undefined when
// the value is acceptable. Pure and allocation-light: the decoder runs them on every frame.
import { MAX_REQUEST_ID } from './limits.js';

/** UTF-8 byte length without TextEncoder (not every runtime that imports protocol/ has it). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** A decoded MessagePack map (plain object), not an array, binary, Date or extension value. */
export function isPlainMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

export const isRequestId = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_REQUEST_ID;

export function checkUint(field: string, v: unknown, min: number, max: number): string | undefined {
  if (typeof v !== 'number' || !Number.isInteger(v)) return `${field} must be an integer`;
  if (v < min || v > max) return `${field} must be between ${min} and ${max}`;
  return undefined;
}

export function checkString(
  field: string,
  v: unknown,
  opts: { minChars?: number; maxChars?: number; maxBytes?: number },
): string | undefined {
  if (typeof v !== 'string') return `${field} must be a string`;
  if (opts.minChars !== undefined && v.length < opts.minChars) return `${field} must not be empty`;
  if (opts.maxChars !== undefined && v.length > opts.maxChars) return `${field} must be at most ${opts.maxChars} characters`;
  if (opts.maxBytes !== undefined && utf8Length(v) > opts.maxBytes) return `${field} must be at most ${opts.maxBytes} UTF-8 bytes`;
  return undefined;
}

export function checkOneOf(field: string, v: unknown, allowed: readonly string[]): string | undefined {
  if (typeof v !== 'string' || !allowed.includes(v)) return `${field} must be one of ${allowed.join(', ')}`;
  return undefined;
}
