import { encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { assertNativeUws, loadUws } from '../../../src/edge/uws.js';
import { decodeEdgeMsg, encodeEdgeMsg, type EdgeMsg } from '../../../src/edge/edge-messages.js';
import { clientIpOf } from '../../../src/edge/ws-handlers.js';

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
