import { encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { assertNativeUws, loadUws } from '../../../src/edge/uws.js';
import { decodeEdgeMsg, encodeEdgeMsg, type EdgeMsg } from '../../../src/edge/edge-messages.js';
import { clientIpOf } from '../../../src/edge/ws-handlers.js';
import { checkEdgeLimits } from '../../../src/edge/limits-check.js';
import { DEFAULT_LIMITS } from '../../../src/config/config.js';

describe('uws loader', () => {
  it('loads the native binary here', () => {
    expect(typeof loadUws().App).toBe('function');
  });
  it('refuses the JS fallback (no getParts) with a clear message', () => {
    expect(() => assertNativeUws({})).toThrow(/JavaScript fallback.*native binary/);
    expect(() => assertNativeUws({ getParts: 'nope' })).toThrow(/fallback/);
    expect(() => assertNativeUws({ getParts: () => undefined })).not.toThrow();
  });
});

describe('edge messages', () => {
  const msgs: EdgeMsg[] = [
    { t: 'push', connIds: ['a', 'b'], frame: new Uint8Array([1, 2, 3]) },
    { t: 'kick', connIds: ['c'], code: 6208, reason: 'another-device' },
  ];
  it('round-trip', () => {
    for (const m of msgs) expect(decodeEdgeMsg(encodeEdgeMsg(m))).toEqual(m);
  });
  it('decode malformed input to undefined', () => {
    for (const bad of [
      new Uint8Array([0xc1]),
      encode(null),
      encode({ t: 'push', connIds: 'a', frame: new Uint8Array(1) }),
      encode({ t: 'push', connIds: ['a'], frame: 'text' }),
      encode({ t: 'kick', connIds: ['a'], code: '6208', reason: 'x' }),
      encode({ t: 'other', connIds: [] }),
    ]) {
      expect(decodeEdgeMsg(bad)).toBeUndefined();
    }
  });
});

describe('clientIpOf', () => {
  const ab = (s: string) => new TextEncoder().encode(s).buffer;
  it('prints IPv4-mapped addresses as IPv4 and leaves others alone', () => {
    expect(clientIpOf(ab('127.0.0.1'))).toBe('127.0.0.1');
    expect(clientIpOf(ab('0000:0000:0000:0000:0000:ffff:c0a8:0102'))).toBe('192.168.1.2');
    expect(clientIpOf(ab('2001:0db8:0000:0000:0000:0000:0000:0001'))).toBe('2001:0db8:0000:0000:0000:0000:0000:0001');
  });
});

describe('edge limits check', () => {
  const ok = { ...DEFAULT_LIMITS };
  it('accepts the defaults and idleTimeoutSec 0 or 8..960', () => {
    for (const idle of [0, 8, 120, 960]) expect(() => checkEdgeLimits({ ...ok, idleTimeoutSec: idle })).not.toThrow();
  });
  it('refuses values uWS would abort the process on, and non-positive sizes', () => {
    for (const idle of [1, 7, 961, 2.5, -1]) expect(() => checkEdgeLimits({ ...ok, idleTimeoutSec: idle })).toThrow(/idleTimeoutSec/);
    expect(() => checkEdgeLimits({ ...ok, maxFrameBytes: 0 })).toThrow(/maxFrameBytes/);
    expect(() => checkEdgeLimits({ ...ok, loginTimeoutMs: -5 })).toThrow(/loginTimeoutMs/);
    expect(() => checkEdgeLimits({ ...ok, drainMs: -1 })).toThrow(/drainMs/);
  });
});
