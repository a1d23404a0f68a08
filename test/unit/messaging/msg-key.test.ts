// MsgKey "{seq}_{random}_{time}" and MsgId "{origin}-{time}-{random}" (spec §3): round trips,
// canonical form only, garbage refused with 90054 (MsgKey) or undefined (MsgId).
import { describe, expect, it } from 'vitest';
import { MAX_UINT32, makeMsgId, makeMsgKey, parseMsgId, parseMsgKey } from '../../../src/messaging/msg-key.js';
import { expectCode } from './fixtures.js';

describe('MsgKey', () => {
  it('has the observed format and round-trips', () => {
    expect(makeMsgKey(48374, 2837546, 1557481126)).toBe('48374_2837546_1557481126');
    expect(parseMsgKey('48374_2837546_1557481126')).toEqual({ seq: 48374, random: 2837546, timeSec: 1557481126 });
    for (const [s, r, t] of [
      [0, 0, 0],
      [1, MAX_UINT32, 1700000000],
      [Number.MAX_SAFE_INTEGER, 7, Number.MAX_SAFE_INTEGER],
    ] as const) {
      expect(parseMsgKey(makeMsgKey(s, r, t))).toEqual({ seq: s, random: r, timeSec: t });
    }
  });

  it('refuses garbage with 90054', () => {
    const garbage: unknown[] = [
      undefined,
      null,
      12,
      {},
      '',
      'abc',
      '1_2',
      '1_2_3_4',
      '1__3',
      '_2_3',
      'a_2_3',
      '1_2_3 ',
      ' 1_2_3',
      '-1_2_3',
      '+1_2_3',
      '01_2_3',
      '1_2.5_3',
      '1_1e3_3',
      `1_${MAX_UINT32 + 1}_3`,
      '99999999999999999_1_1',
      '1_2_' + '9'.repeat(200),
      '１_2_3',
    ];
    for (const g of garbage) expectCode(() => parseMsgKey(g), 90054, /MsgKey invalid/);
  });

  it('refuses to build a key from bad parts (a programming error)', () => {
    expect(() => makeMsgKey(-1, 1, 1)).toThrow(RangeError);
    expect(() => makeMsgKey(1, MAX_UINT32 + 1, 1)).toThrow(RangeError);
    expect(() => makeMsgKey(1, 1, 1.5)).toThrow(RangeError);
    expect(() => makeMsgKey(Number.NaN, 1, 1)).toThrow(RangeError);
  });
});

describe('MsgId', () => {
  it('has the observed format and round-trips, with uint64 origins kept as text', () => {
    expect(makeMsgId('144115233406643804', 1727580296, 4026038328)).toBe('144115233406643804-1727580296-4026038328');
    expect(parseMsgId('144115233406643804-1727580296-4026038328')).toEqual({ origin: '144115233406643804', timeSec: 1727580296, random: 4026038328 });
    expect(parseMsgId(makeMsgId(42, 1, 0))).toEqual({ origin: '42', timeSec: 1, random: 0 });
  });

  it('parses garbage to undefined and refuses bad parts', () => {
    for (const g of [undefined, 5, '', '1-2', '1-2-3-4', 'a-1-1', '01-1-1', '1-1-' + (MAX_UINT32 + 1), '1'.repeat(21) + '-1-1']) {
      expect(parseMsgId(g), String(g)).toBeUndefined();
    }
    expect(() => makeMsgId('12a', 1, 1)).toThrow(RangeError);
    expect(() => makeMsgId(-1, 1, 1)).toThrow(RangeError);
    expect(() => makeMsgId(1, 1, -1)).toThrow(RangeError);
  });
});
