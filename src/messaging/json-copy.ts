// Strict copy of a JSON value taken from a client (REST JSON or socket MessagePack): plain objects,
// arrays, finite numbers, well-formed strings, booleans and null only, so what is stored and sized
// is exactly what a serializing backend gives back. Own properties only; nesting is bounded so a
// hostile extra field cannot exhaust the stack.
import type { JsonValue } from '../store/relationships.js';
import { hasLoneSurrogate } from './utf8.js';

/** Deepest nesting accepted inside one unknown (extra) field of a message element. */
export const MAX_EXTRA_DEPTH = 16;

/** Why a value is not plain JSON, or undefined when it is. `path` names it in the message. */
export type JsonFault = string;

export const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : v instanceof Uint8Array ? 'binary' : typeof v);

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/** A copy of `v`, or a fault text naming the first offending path. */
export function copyJson(v: unknown, path: string, depth = 0): { value: JsonValue } | { fault: JsonFault } {
  if (depth > MAX_EXTRA_DEPTH) return { fault: `${path} nests deeper than ${MAX_EXTRA_DEPTH} levels` };
  if (v === null || typeof v === 'boolean') return { value: v };
  if (typeof v === 'number') return Number.isFinite(v) ? { value: v } : { fault: `${path} must be a finite number` };
  if (typeof v === 'string') return hasLoneSurrogate(v) ? { fault: `${path} is not well-formed Unicode` } : { value: v };
  if (Array.isArray(v)) {
    const out: JsonValue[] = [];
    for (let i = 0; i < v.length; i++) {
      const r = copyJson(v[i], `${path}[${i}]`, depth + 1);
      if ('fault' in r) return r;
      out.push(r.value);
    }
    return { value: out };
  }
  if (isPlainObject(v)) {
    const out: { [k: string]: JsonValue } = {};
    for (const k of Object.keys(v)) {
      if (hasLoneSurrogate(k)) return { fault: `${path} has a key that is not well-formed Unicode` };
      const r = copyJson(v[k], `${path}.${k}`, depth + 1);
      if ('fault' in r) return r;
      out[k] = r.value;
    }
    return { value: out };
  }
  return { fault: `${path} must be JSON, got ${typeName(v)}` };
}
