// The actor envelope codec: round trips, strict plain-data checks with named paths, and garbage
// answered as errors instead of throwing.
import { encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import {
  assertPlain,
  cloneThroughCodec,
  decodeReply,
  decodeRequest,
  encodeError,
  encodeNotOwner,
  encodeOk,
  encodeRequest,
  MAX_MESSAGE_DEPTH,
} from '../../../src/actors/codec.js';
import { ImError } from '../../../src/lib/errors.js';
import { Err } from '../../../src/protocol/error-codes.js';

describe('actor codec', () => {
  it('round-trips a request with nested plain data and bytes', () => {
    const msg = { t: 'send', body: { text: 'héllo 👋', n: -1.5, ok: true, none: null, list: [1, 'a', { b: 2 }] }, raw: new Uint8Array([1, 2, 3]) };
    expect(decodeRequest(encodeRequest('conv', '1400000000:a:b', msg))).toEqual({ kind: 'conv', id: '1400000000:a:b', msg });
  });

  it('drops undefined properties like JSON would', () => {
    expect(decodeRequest(encodeRequest('k', 'i', { a: 1, b: undefined }))).toEqual({ kind: 'k', id: 'i', msg: { a: 1 } });
  });

  it('round-trips replies: value, undefined, error, not-owner', () => {
    expect(decodeReply(encodeOk({ seq: 7 }))).toEqual({ type: 'ok', value: { seq: 7 } });
    expect(decodeReply(encodeOk(undefined))).toEqual({ type: 'ok', value: undefined });
    expect(decodeReply(encodeOk(null))).toEqual({ type: 'ok', value: null });
    expect(decodeReply(encodeOk(0))).toEqual({ type: 'ok', value: 0 });
    expect(decodeReply(encodeError(10004, 'not a member'))).toEqual({ type: 'error', code: 10004, info: 'not a member' });
    expect(decodeReply(encodeNotOwner(12))).toEqual({ type: 'not-owner', shard: 12 });
  });

  it.each([
    ['a Map', { m: new Map() }, /message\.m .*Map/],
    ['a Set', { s: new Set() }, /message\.s .*Set/],
    ['a Date', { when: new Date() }, /message\.when .*Date/],
    ['a class instance', { x: new (class Point {})() }, /message\.x .*Point/],
    ['a function', { f: () => 1 }, /message\.f .*function/],
    ['a bigint', { n: 1n }, /message\.n .*bigint/],
    ['undefined in an array', { a: [1, undefined] }, /message\.a\[1\]/],
    ['a nested Map in an array', { a: [{ b: new Map() }] }, /message\.a\[0\]\.b/],
  ])('refuses %s with INVALID_PARAMETERS naming the path', (_what, msg, re) => {
    let err: unknown;
    try {
      encodeRequest('k', 'i', msg);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ImError);
    expect(err).toMatchObject({ code: Err.INVALID_PARAMETERS, info: expect.stringMatching(re) });
  });

  it('refuses an undefined message, a cycle and too deep nesting', () => {
    expect(() => encodeRequest('k', 'i', undefined)).toThrow(/undefined/);
    const cyc: Record<string, unknown> = {};
    cyc.self = cyc;
    expect(() => assertPlain(cyc)).toThrow(/deeper than/);
    let deep: unknown = 1;
    for (let i = 0; i <= MAX_MESSAGE_DEPTH + 1; i++) deep = [deep];
    expect(() => assertPlain(deep)).toThrow(/deeper than/);
  });

  it('accepts objects without a prototype', () => {
    const o = Object.create(null) as Record<string, unknown>;
    o.a = 1;
    expect(() => assertPlain(o)).not.toThrow();
  });

  it('answers garbage requests with BAD_FRAME instead of throwing', () => {
    const cases = [
      new Uint8Array([]),
      new Uint8Array([0xc1]),
      new Uint8Array([0xff, 0xff, 0xff]),
      encode([1, 2, 3]),
      encode('text'),
      encode({ k: '', i: 'x', m: 1 }),
      encode({ k: 'kind', i: 5, m: 1 }),
      encode({ k: 'kind', i: 'x' }),
    ];
    for (const bytes of cases) {
      const r = decodeRequest(bytes);
      expect(r).toBeInstanceOf(ImError);
      expect((r as ImError).code).toBe(Err.BAD_FRAME);
    }
  });

  it('never throws on random bytes', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256);
    for (let i = 0; i < 2_000; i++) {
      const bytes = Uint8Array.from({ length: 1 + (i % 40) }, rnd);
      expect(() => decodeRequest(bytes)).not.toThrow();
      expect(() => decodeReply(bytes)).not.toThrow();
    }
  });

  it('turns undecodable replies into INTERNAL errors', () => {
    expect(decodeReply(new Uint8Array([0xc1]))).toMatchObject({ type: 'error', code: Err.INTERNAL });
    expect(decodeReply(encode([1]))).toMatchObject({ type: 'error', code: Err.INTERNAL });
    expect(decodeReply(encode({ e: { m: 'no code' } }))).toMatchObject({ type: 'error', code: Err.INTERNAL });
  });

  it('cloneThroughCodec returns an equal, unshared copy', () => {
    const msg = { t: 'tick', list: [1, 2] };
    const copy = cloneThroughCodec(msg);
    expect(copy).toEqual(msg);
    expect(copy.list).not.toBe(msg.list);
  });
});
