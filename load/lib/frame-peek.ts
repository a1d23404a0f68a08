// What the load checkers read of a server frame, read straight from its MessagePack bytes: the
// frame's op, id, c and m, and where its d lies (a REPLY's d is decoded only when a caller asks);
// of a C2C push the sender, seq and random; of a group push the timeline and each message's seq
// and first text element. Frames are encoded by src/protocol; test/unit/load/frame-peek.test.ts
// checks these readers against its full decoder. undefined = not that frame (or not MessagePack).
import { unpack } from '../../src/protocol/msgpack.js';
import { MsgpackReader, keyCodes } from './msgpack-reader.js';

/** A string, or '' for nil. */
const strOrEmpty = (r: MsgpackReader): string => (r.peek() === 0xc0 ? (r.skip(), '') : r.str());

// Keys as char codes, compared in place: building each key as a string costs more in goja than
// the whole read.
const K = {
  op: keyCodes('op'),
  id: keyCodes('id'),
  c: keyCodes('c'),
  m: keyCodes('m'),
  d: keyCodes('d'),
  msg: keyCodes('msg'),
  msgs: keyCodes('msgs'),
  from: keyCodes('from'),
  seq: keyCodes('seq'),
  random: keyCodes('random'),
  body: keyCodes('body'),
  groupId: keyCodes('groupId'),
  topicId: keyCodes('topicId'),
  MsgContent: keyCodes('MsgContent'),
  Text: keyCodes('Text'),
};

export interface FramePeek {
  op: number;
  /** NaN when the frame has none (pushes). */
  id: number;
  c: number;
  m: string;
  /** Byte range of d in the frame; dStart < 0 when there is no d. */
  dStart: number;
  dEnd: number;
}

export function peekFrame(b: Uint8Array): FramePeek | undefined {
  try {
    const r = new MsgpackReader(b);
    const f: FramePeek = { op: NaN, id: NaN, c: NaN, m: '', dStart: -1, dEnd: -1 };
    for (let n = r.mapLen(); n > 0; n--) {
      r.key();
      if (r.was(K.op)) f.op = r.num();
      else if (r.was(K.id)) f.id = r.num();
      else if (r.was(K.c)) f.c = r.num();
      else if (r.was(K.m)) f.m = strOrEmpty(r);
      else if (r.was(K.d)) {
        f.dStart = r.pos;
        // The server writes d last: then it runs to the frame's end and need not be walked.
        if (n === 1) f.dEnd = b.length;
        else {
          r.skip();
          f.dEnd = r.pos;
        }
      } else r.skip();
    }
    return Number.isInteger(f.op) ? f : undefined;
  } catch {
    return undefined;
  }
}

/** The frame's d, fully decoded (what decodeServerFrame would give as d). */
export const frameData = (b: Uint8Array, f: FramePeek): unknown => (f.dStart < 0 ? undefined : unpack(b.subarray(f.dStart, f.dEnd)));

/** Moves r into the value of `key` of the map at r.pos; false (map read past) when there is none
 *  or the value is not a map. */
function enter(r: MsgpackReader, key: readonly number[]): boolean {
  const n = r.mapLen();
  if (n < 0) return r.skip(), false;
  for (let i = 0; i < n; i++) {
    if ((r.key(), r.was(key))) {
      // The rest of the outer map is never read: callers stop after the value they entered.
      return true;
    }
    r.skip();
  }
  return false;
}

export interface C2cPushPeek {
  from: string;
  seq: number;
  random: number;
}

/** C2C_MSG's d.msg.{from, seq, random}. */
export function peekC2cMsg(b: Uint8Array, f: FramePeek): C2cPushPeek | undefined {
  if (f.dStart < 0) return undefined;
  try {
    const r = new MsgpackReader(b, f.dStart);
    if (!enter(r, K.msg)) return undefined;
    const p: C2cPushPeek = { from: '', seq: NaN, random: NaN };
    // Stops at the third field it needs: the body after them is never walked.
    for (let n = r.mapLen(), found = 0; n > 0 && found < 3; n--) {
      r.key();
      if (r.was(K.from)) (p.from = r.str()), found++;
      else if (r.was(K.seq)) (p.seq = r.num()), found++;
      else if (r.was(K.random)) (p.random = r.num()), found++;
      else r.skip();
    }
    return Number.isInteger(p.seq) ? p : undefined;
  } catch {
    return undefined;
  }
}

export interface GroupPushPeek {
  groupId: string;
  topicId?: string;
  /** Each message's seq and the text of its first element ('' when it has none). */
  msgs: Array<{ seq: number; text: string }>;
}

/** body[0].MsgContent.Text of the body array at r.pos, or ''; r ends after the body. */
function firstText(r: MsgpackReader): string {
  const n = r.arrayLen();
  if (n < 0) return r.skip(), '';
  let text = '';
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      r.skip();
      continue;
    }
    for (let e = r.mapLen(); e > 0; e--) {
      if ((r.key(), !r.was(K.MsgContent))) {
        r.skip();
        continue;
      }
      const c = r.mapLen();
      if (c < 0) r.skip();
      for (let j = 0; j < c; j++) {
        if ((r.key(), r.was(K.Text))) text = strOrEmpty(r);
        else r.skip();
      }
    }
  }
  return text;
}

/** GROUP_MSG's d: groupId, topicId and msgs[].{seq, body[0].MsgContent.Text}. */
export function peekGroupMsgs(b: Uint8Array, f: FramePeek): GroupPushPeek | undefined {
  if (f.dStart < 0) return undefined;
  try {
    const r = new MsgpackReader(b, f.dStart);
    const p: GroupPushPeek = { groupId: '', msgs: [] };
    for (let n = r.mapLen(); n > 0; n--) {
      r.key();
      if (r.was(K.groupId)) p.groupId = r.str();
      else if (r.was(K.topicId) && r.peek() !== 0xc0) p.topicId = r.str();
      else if (r.was(K.msgs) && r.peek() !== 0xc0) {
        for (let i = r.arrayLen(); i > 0; i--) {
          const m = { seq: NaN, text: '' };
          const fields = r.mapLen();
          if (fields < 0) r.skip();
          for (let j = fields; j > 0; j--) {
            r.key();
            if (r.was(K.seq)) m.seq = r.num();
            else if (r.was(K.body)) m.text = firstText(r);
            else r.skip();
          }
          p.msgs.push(m);
        }
      } else r.skip();
    }
    return p;
  } catch {
    return undefined;
  }
}
