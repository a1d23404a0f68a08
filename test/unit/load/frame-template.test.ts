// FrameTemplate: a frame filled from the template decodes (server side, decodeClientFrame) to the
// very frame the codec encodes with those values, for small and large numbers; templates whose
// slots are missing or ambiguous and values that are not uint32 are refused with a clear error.
import { describe, expect, it } from 'vitest';
import { decodeClientFrame, encodeClientFrame } from '../../../src/protocol/codec.js';
import type { ClientFrame } from '../../../src/protocol/frames.js';
import { Op } from '../../../src/protocol/ops.js';
import { FrameTemplate } from '../../../load/lib/frame-template.js';

const send = (id: number, random: number) =>
  encodeClientFrame({ op: Op.C2C_SEND, id, d: { to: 'bob', MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'k6 c2c' } }], MsgRandom: random } } as ClientFrame);

describe('FrameTemplate', () => {
  it('fills id and MsgRandom into frames the server decodes like freshly encoded ones', () => {
    const t = new FrameTemplate((slot) => send(slot(0), slot(1)), 2);
    for (const [id, random] of [[1, 0], [200, 65536], [2 ** 32 - 1, 2 ** 31 + 5]] as const) {
      expect(decodeClientFrame(t.fill([id, random]), 64 * 1024)).toEqual(decodeClientFrame(send(id, random), 64 * 1024));
    }
  });

  it('returns a fresh frame each time', () => {
    const t = new FrameTemplate((slot) => send(slot(0), slot(1)), 2);
    const a = t.fill([1, 2]);
    t.fill([3, 4]);
    expect(decodeClientFrame(a, 1024)).toMatchObject({ id: 1, d: { MsgRandom: 2 } });
  });

  it('refuses a slot the frame does not hold or holds twice, and values that are not uint32', () => {
    expect(() => new FrameTemplate((slot) => send(slot(0), 5), 2)).toThrow(/slot 1 appears 0 times/);
    expect(() => new FrameTemplate((slot) => send(slot(0), slot(0)), 1)).toThrow(/slot 0 appears 2 times/);
    const t = new FrameTemplate((slot) => send(slot(0), slot(1)), 2);
    expect(() => t.fill([1])).toThrow(/needs 2 values/);
    for (const bad of [-1, 2 ** 32, 1.5]) expect(() => t.fill([1, bad])).toThrow(/not a uint32/);
  });
});
