// The load generator's frame readers against the server's own codec: for frames encoded by
// src/protocol, peekFrame/peekC2cMsg/peekGroupMsgs read the same values decodeServerFrame gives,
// whatever the key order and integer widths; anything else (garbage, truncated frames, another
// op's shape) reads as undefined rather than throwing.
import { describe, expect, it } from 'vitest';
import { decodeServerFrame, encodeServerFrame } from '../../../src/protocol/codec.js';
import type { ServerFrame } from '../../../src/protocol/frames.js';
import { pack } from '../../../src/protocol/msgpack.js';
import { Op } from '../../../src/protocol/ops.js';
import { frameData, peekC2cMsg, peekFrame, peekGroupMsgs } from '../../../load/lib/frame-peek.js';
import { MsgpackReader, keyCodes } from '../../../load/lib/msgpack-reader.js';
import { text } from '../../support/msg-body.js';

const c2cPush = (seq: number, random: number, from = 'alice') =>
  encodeServerFrame({ op: Op.C2C_MSG, d: { msg: { seq, key: `${seq}_${random}`, from, to: 'bob', time: 1763900000, random, body: text('k6 1'), cloudCustomData: 'x'.repeat(300) } } } as ServerFrame);

describe('peekFrame', () => {
  it('reads op, id, c and m of a REPLY and decodes its d only on request, as the codec does', () => {
    const d = { key: 'k', seq: 2 ** 40, time: 1.5, list: [null, true, false, -1, -200, -70000, -(2 ** 40), 'é', new Uint8Array([1, 2])], nested: { a: [{}] } };
    const bytes = encodeServerFrame({ op: Op.REPLY, id: 4_000_000_000, c: 0, m: 'ok ✓', d } as ServerFrame);
    const f = peekFrame(bytes)!;
    expect([f.op, f.id, f.c, f.m]).toEqual([Op.REPLY, 4_000_000_000, 0, 'ok ✓']);
    expect(frameData(bytes, f)).toEqual((decodeServerFrame(bytes) as { d: unknown }).d);
  });

  it('reads a frame without d, and keys in any order', () => {
    const bytes = pack({ m: 'refused', c: 70001, id: 3, op: Op.REPLY });
    const f = peekFrame(bytes)!;
    expect([f.op, f.id, f.c, f.m, f.dStart]).toEqual([Op.REPLY, 3, 70001, 'refused', -1]);
    expect(frameData(bytes, f)).toBeUndefined();
  });

  it('gives undefined for garbage, a frame cut before its d, a non-map and a frame without op', () => {
    const reply = pack({ op: Op.REPLY, id: 3, c: 0, m: 'x'.repeat(40), d: { a: 1 } });
    for (const b of [new Uint8Array([0xc1, 1, 2]), reply.subarray(0, 20), pack([1, 2]), pack({ id: 1 }), new Uint8Array()]) {
      expect(peekFrame(b)).toBeUndefined();
    }
  });

  it('leaves a last d unwalked (a WebSocket message is never cut); decoding it finds the cut', () => {
    const cut = pack({ op: Op.REPLY, id: 3, c: 0, m: '', d: { list: [1, 2, 3, 'four'] } }).subarray(0, -3);
    const f = peekFrame(cut)!;
    expect(f.op).toBe(Op.REPLY);
    expect(() => frameData(cut, f)).toThrow();
  });
});

describe('peekC2cMsg', () => {
  it('reads from, seq and random of a C2C push past fields it skips', () => {
    for (const [seq, random] of [[1, 0], [300, 70000], [2 ** 31, 2 ** 32 - 1]] as const) {
      const bytes = c2cPush(seq, random);
      const full = decodeServerFrame(bytes) as { d: { msg: { from: string; seq: number; random: number } } };
      expect(peekC2cMsg(bytes, peekFrame(bytes)!)).toEqual({ from: full.d.msg.from, seq: full.d.msg.seq, random: full.d.msg.random });
    }
  });

  it('gives undefined for a push without a msg map', () => {
    const bytes = pack({ op: Op.C2C_MSG, d: { other: 1 } });
    expect(peekC2cMsg(bytes, peekFrame(bytes)!)).toBeUndefined();
  });
});

describe('peekGroupMsgs', () => {
  it('reads the timeline and each message seq and first text, as the codec decodes them', () => {
    const msgs = [
      { seq: 7, key: 'a', from: 'u', time: 1, random: 5, body: text('t=1763900000123 n=4'), priority: 'normal', atUsers: ['x'] },
      { seq: 8, key: 'b', from: 'u', time: 1, random: 6, body: [...text('ü long '.repeat(40)), ...text('second')], priority: 'high' },
      { seq: 9, key: 'c', from: '', time: 1, random: 0, body: [], priority: 'low', tip: { type: 1 } },
      { seq: 10, key: 'd', from: 'u', time: 1, random: 0, body: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'x' } }], priority: 'low' },
    ];
    for (const where of [{ groupId: '@TGS#1' }, { groupId: '@TGS#_c', topicId: '@TGS#_c@TOPIC#1' }]) {
      const bytes = encodeServerFrame({ op: Op.GROUP_MSG, d: { ...where, msgs } } as ServerFrame);
      expect(decodeServerFrame(bytes)).toMatchObject({ op: Op.GROUP_MSG });
      expect(peekGroupMsgs(bytes, peekFrame(bytes)!)).toEqual({
        ...where,
        msgs: [
          { seq: 7, text: 't=1763900000123 n=4' },
          { seq: 8, text: 'ü long '.repeat(40) },
          { seq: 9, text: '' },
          { seq: 10, text: '' },
        ],
      });
    }
  });
});

describe('MsgpackReader', () => {
  it('skips every MessagePack type the encoder produces, up to the next value', () => {
    const values = [null, true, 1.25, Math.PI, -33, 255, 65535, 2 ** 32 - 1, 2 ** 53, -(2 ** 53), 'x'.repeat(40), 'y'.repeat(300), 'z'.repeat(70000), new Uint8Array(300), new Uint8Array(70000), new Array(20).fill(1), new Array(70000).fill(0), Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i])), new Date(0)];
    for (const v of values) {
      const r = new MsgpackReader(pack([v, 'after']));
      expect(r.arrayLen()).toBe(2);
      r.skip();
      expect(r.str()).toBe('after');
    }
  });

  it('throws on a read past the end or a string where a number is read', () => {
    expect(() => new MsgpackReader(new Uint8Array([0xa5, 0x61])).str()).toThrow(RangeError);
    expect(() => new MsgpackReader(pack('x')).mapLen()).not.toThrow();
    expect(new MsgpackReader(pack({ a: 1 })).arrayLen()).toBe(-1);
    const r = new MsgpackReader(pack(['s', 2]));
    r.arrayLen();
    expect(r.num()).toBeNaN();
    expect(r.num()).toBe(2);
  });
});

describe('MsgpackReader keys', () => {
  it('tells a key from others of the same length and from its prefixes', () => {
    const r = new MsgpackReader(pack({ seq: 1, key: 2, se: 3, seqs: 4 }));
    const seen: boolean[] = [];
    for (let n = r.mapLen(); n > 0; n--) {
      r.key();
      seen.push(r.was(keyCodes('seq')));
      r.skip();
    }
    expect(seen).toEqual([true, false, false, false]);
  });
});
