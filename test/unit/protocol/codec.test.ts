import { encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import {
  CloseCode,
  Err,
  Op,
  ProtocolError,
  decodeClientFrame,
  decodeServerFrame,
  encodeClientFrame,
  encodeServerFrame,
  opName,
  type ServerFrame,
} from '../../../src/protocol/index.js';

const MAX = 1024;
const login = { sdkAppId: 1400000000, userId: 'alice', userSig: 'sig', platform: 'Web', deviceId: 'tab-1' };
const asError = (v: unknown): ProtocolError => {
  expect(v).toBeInstanceOf(ProtocolError);
  return v as ProtocolError;
};

describe('decodeClientFrame', () => {
  it('decodes LOGIN, LOGOUT and HEARTBEAT', () => {
    expect(decodeClientFrame(encode({ op: Op.LOGIN, id: 7, d: login }), MAX)).toEqual({ op: Op.LOGIN, id: 7, d: login });
    expect(decodeClientFrame(encode({ op: Op.LOGOUT, id: 8 }), MAX)).toEqual({ op: Op.LOGOUT, id: 8 });
    expect(decodeClientFrame(encode({ op: Op.HEARTBEAT, id: 0xffffffff }), MAX)).toEqual({ op: Op.HEARTBEAT, id: 0xffffffff });
  });

  it('round-trips through encodeClientFrame and drops unknown extra fields', () => {
    const bytes = encodeClientFrame({ op: Op.LOGIN, id: 1, d: { ...login, platform: 'iPhone' } });
    expect(decodeClientFrame(bytes, MAX)).toEqual({ op: Op.LOGIN, id: 1, d: { ...login, platform: 'iPhone' } });
    const extra = decodeClientFrame(encode({ op: Op.LOGIN, id: 2, x: 1, d: { ...login, extra: true } }), MAX);
    expect(extra).toEqual({ op: Op.LOGIN, id: 2, d: login });
  });

  it.each([
    ['garbage', new Uint8Array([0xc1, 0x00, 0xff]), Err.BAD_FRAME],
    ['empty', new Uint8Array(0), Err.BAD_FRAME],
    ['truncated MessagePack', encode({ op: Op.LOGIN, id: 1, d: login }).subarray(0, 20), Err.BAD_FRAME],
    ['trailing bytes', new Uint8Array([...encode({ op: 3, id: 1 }), 0x01]), Err.BAD_FRAME],
    ['a non-map (array)', encode([3, 1]), Err.BAD_FRAME],
    ['a non-map (string)', encode('hello'), Err.BAD_FRAME],
    ['a non-map (binary)', encode(new Uint8Array([1, 2, 3])), Err.BAD_FRAME],
    ['a map without id', encode({ op: 3 }), Err.BAD_FRAME],
    ['a negative id', encode({ op: 3, id: -1 }), Err.BAD_FRAME],
    ['an id above uint32', encode({ op: 3, id: 2 ** 32 }), Err.BAD_FRAME],
    ['a __proto__ key', new Uint8Array([0x81, 0xa9, ...new TextEncoder().encode('__proto__'), 0x01]), Err.BAD_FRAME],
    ['a map header claiming 4 billion entries', new Uint8Array([0xdf, 0xff, 0xff, 0xff, 0xff]), Err.BAD_FRAME],
  ])('rejects %s with BAD_FRAME and no id', (_name, bytes, code) => {
    const e = asError(decodeClientFrame(bytes, MAX));
    expect(e.code).toBe(code);
    expect(e.id).toBeUndefined();
  });

  it('rejects an oversized frame with FRAME_TOO_LARGE before parsing', () => {
    const e = asError(decodeClientFrame(encode({ op: 3, id: 1, pad: 'x'.repeat(MAX) }), MAX));
    expect(e.code).toBe(Err.FRAME_TOO_LARGE);
  });

  it('answers an unknown op with UNKNOWN_OP and keeps the id', () => {
    for (const op of [0, 4, 9, Op.REPLY, Op.KICKED, 65536]) {
      const e = asError(decodeClientFrame(encode({ op, id: 5 }), MAX));
      expect([e.code, e.id]).toEqual([Err.UNKNOWN_OP, 5]);
    }
  });

  it('answers a non-integer op with BAD_FRAME and keeps the id', () => {
    for (const op of ['1', 1.5, null, true]) {
      const e = asError(decodeClientFrame(encode({ op, id: 6 }), MAX));
      expect([e.code, e.id]).toEqual([Err.BAD_FRAME, 6]);
    }
  });

  it.each([
    ['missing d', {}, 'd must be a map'],
    ['d not a map', { d: [1] }, 'd must be a map'],
    ['sdkAppId a string', { d: { ...login, sdkAppId: '1400000000' } }, 'sdkAppId'],
    ['sdkAppId zero', { d: { ...login, sdkAppId: 0 } }, 'sdkAppId'],
    ['sdkAppId fractional', { d: { ...login, sdkAppId: 1.5 } }, 'sdkAppId'],
    ['userId a number', { d: { ...login, userId: 42 } }, 'userId'],
    ['userId empty', { d: { ...login, userId: '' } }, 'userId'],
    ['userId over 32 bytes', { d: { ...login, userId: 'é'.repeat(17) } }, 'userId'],
    ['userSig binary', { d: { ...login, userSig: new Uint8Array(3) } }, 'userSig'],
    ['userSig too long', { d: { ...login, userSig: 's'.repeat(4097) } }, 'userSig'],
    ['platform unknown', { d: { ...login, platform: 'Toaster' } }, 'platform'],
    ['deviceId missing', { d: { ...login, deviceId: undefined } }, 'deviceId'],
  ])('answers LOGIN with %s as INVALID_PARAMETERS naming the field', (_name, extra, field) => {
    const e = asError(decodeClientFrame(encode({ op: Op.LOGIN, id: 9, ...extra }, { ignoreUndefined: true }), 8 * MAX));
    expect([e.code, e.id]).toEqual([Err.INVALID_PARAMETERS, 9]);
    expect(e.message).toContain(field);
  });
});

describe('server frames', () => {
  const frames: ServerFrame[] = [
    { op: Op.REPLY, id: 1, c: 0, m: '', d: { connId: 'c1', serverTimeMs: 1, heartbeatMs: 30000 } },
    { op: Op.REPLY, id: 2, c: Err.SIG_EXPIRED, m: 'UserSig expired' },
    { op: Op.ERROR, c: Err.BAD_FRAME, m: 'bad' },
    { op: Op.KICKED, c: Err.KICKED_BY_OTHER_DEVICE, m: 'another-device' },
    { op: Op.DRAIN, m: 'server draining', d: { retryWithinMs: 1000 } },
  ];
  it('round-trip through encodeServerFrame / decodeServerFrame', () => {
    for (const f of frames) expect(decodeServerFrame(encodeServerFrame(f))).toEqual(f);
  });
  it('leave undefined fields out of the encoding', () => {
    const bytes = encodeServerFrame({ op: Op.REPLY, id: 1, c: 0, m: '', d: undefined });
    expect(bytes).toEqual(encode({ op: Op.REPLY, id: 1, c: 0, m: '' }));
  });
  it('decodeServerFrame rejects unknown ops and malformed frames without throwing', () => {
    expect(asError(decodeServerFrame(encode({ op: 250 }))).code).toBe(Err.UNKNOWN_OP);
    expect(asError(decodeServerFrame(encode({ op: Op.REPLY, id: 1, c: '0', m: '' }))).code).toBe(Err.BAD_FRAME);
    expect(asError(decodeServerFrame(encode({ op: Op.DRAIN, m: 'x' }))).code).toBe(Err.BAD_FRAME);
    expect(asError(decodeServerFrame(new Uint8Array([0x92]))).code).toBe(Err.BAD_FRAME);
  });
});

describe('names', () => {
  it('op codes are explicit, unique numbers and close codes are distinct', () => {
    const codes = Object.values(Op);
    expect(new Set(codes).size).toBe(codes.length);
    expect(Op).toMatchObject({ LOGIN: 1, LOGOUT: 2, HEARTBEAT: 3, REPLY: 100, ERROR: 101, KICKED: 200, DRAIN: 201 });
    expect(opName(Op.LOGIN)).toBe('LOGIN');
    expect(opName(12345)).toBe('unknown');
    const closes = Object.values(CloseCode);
    expect(new Set(closes).size).toBe(closes.length);
  });
});
