// CRC-32 against published check values, incremental use, and UTF-8 helpers used for sizing.
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../src/messaging/crc32.js';
import { hasLoneSurrogate, utf8Encode, utf8Length } from '../../../src/messaging/utf8.js';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('crc32', () => {
  it('matches the standard check values', () => {
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    expect(crc32(ascii('a'))).toBe(0xe8b7be43);
    expect(crc32(ascii('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
    expect(crc32(new Uint8Array(32))).toBe(0x190a55ad);
    expect(crc32(new Uint8Array(32).fill(0xff))).toBe(0xff6cab0b);
  });

  it('continues from a previous value', () => {
    expect(crc32(ascii('56789'), crc32(ascii('1234')))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(), 0xcbf43926)).toBe(0xcbf43926);
  });

  it('is unsigned', () => {
    for (const s of ['x', 'hello', '123456789']) expect(crc32(ascii(s))).toBeGreaterThanOrEqual(0);
  });
});

describe('utf8', () => {
  it('counts bytes like TextEncoder, surrogate pairs as 4', () => {
    for (const s of ['', 'abc', 'é', '中文', '😀', 'a😀b€', '\u07ff\u0800', '\ud800x']) {
      expect(utf8Length(s), s).toBe(utf8Encode(s).length);
    }
    expect(utf8Length('😀')).toBe(4);
    expect(utf8Length('中')).toBe(3);
  });

  it('spots lone surrogates only', () => {
    expect(hasLoneSurrogate('\ud800')).toBe(true);
    expect(hasLoneSurrogate('a\udc00')).toBe(true);
    expect(hasLoneSurrogate('😀')).toBe(false);
  });
});
