// Fuzz: random and mutated byte strings must always decode to a frame or a ProtocolError, never
// throw. Seeded PRNG so a failure reproduces.
import { encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { Op, ProtocolError, decodeClientFrame, decodeServerFrame, encodeServerFrame } from '../../../src/protocol/index.js';

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seeds = [
  encode({ op: Op.LOGIN, id: 1, d: { sdkAppId: 1400000000, userId: 'alice', userSig: 'eJw9il0L', platform: 'Web', deviceId: 'd' } }),
  encode({ op: Op.HEARTBEAT, id: 42 }),
  encode({ op: Op.LOGOUT, id: 7 }),
  encodeServerFrame({ op: Op.REPLY, id: 3, c: 0, m: '', d: { connId: 'x', serverTimeMs: 1, heartbeatMs: 2 } }),
  encodeServerFrame({ op: Op.DRAIN, m: 'bye', d: { retryWithinMs: 10 } }),
  encode([1, 2, { a: [new Uint8Array(4), -1.5, null, true] }]),
];

function mutate(rand: () => number, base: Uint8Array): Uint8Array {
  const b = Array.from(base);
  const edits = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < edits; i++) {
    const pos = Math.floor(rand() * (b.length + 1));
    const kind = rand();
    const byte = Math.floor(rand() * 256);
    if (kind < 0.4 && b.length) b[pos % b.length] = byte;
    else if (kind < 0.6) b.splice(pos, 0, byte);
    else if (kind < 0.8) b.splice(pos, 1);
    else b.length = Math.floor(rand() * b.length); // truncate
  }
  return new Uint8Array(b);
}

const check = (bytes: Uint8Array) => {
  for (const result of [decodeClientFrame(bytes, 256), decodeServerFrame(bytes, 256)]) {
    const ok = result instanceof ProtocolError || (typeof result === 'object' && typeof result.op === 'number');
    if (!ok) throw new Error(`neither frame nor ProtocolError for ${Array.from(bytes).join(',')}`);
  }
};

describe('codec fuzz', () => {
  it('never throws on 20,000 random byte strings', () => {
    const rand = prng(1);
    for (let i = 0; i < 20_000; i++) {
      const bytes = new Uint8Array(Math.floor(rand() * 64));
      for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(rand() * 256);
      expect(() => check(bytes)).not.toThrow();
    }
  });

  it('never throws on 20,000 mutations of valid frames', () => {
    const rand = prng(2);
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const bytes = mutate(rand, seeds[i % seeds.length]!);
      expect(() => check(bytes)).not.toThrow();
      if (!(decodeClientFrame(bytes, 256) instanceof ProtocolError)) accepted++;
    }
    // The mutations must reach the validators, not stop at the parser every time.
    expect(accepted).toBeGreaterThan(0);
  });

  it('never throws on MessagePack-valid values of random shapes', () => {
    const rand = prng(3);
    const pick = (depth: number): unknown => {
      const r = rand();
      if (depth > 3 || r < 0.3) return [0, -1, 2 ** 40, 1.5, '', 'x', null, true, new Uint8Array(2)][Math.floor(rand() * 9)];
      if (r < 0.6) return Array.from({ length: Math.floor(rand() * 4) }, () => pick(depth + 1));
      const keys = ['op', 'id', 'd', 'c', 'm', 'sdkAppId', 'userId', 'userSig', 'platform', 'deviceId', 'retryWithinMs'];
      const o: Record<string, unknown> = {};
      for (let i = 0; i < 4; i++) o[keys[Math.floor(rand() * keys.length)]!] = rand() < 0.3 ? Math.floor(rand() * 300) : pick(depth + 1);
      return o;
    };
    for (let i = 0; i < 10_000; i++) expect(() => check(encode(pick(0)))).not.toThrow();
  });
});
