// A request the generator sends many times with only some numbers changing (request id, MsgRandom):
// encoded once by src/protocol's codec with placeholder uint32 values in those slots, then copied
// per send with the numbers written in place. Encoding a C2C_SEND in k6 (goja) costs ~150-200 µs,
// the copy a few. Slots stay 4-byte uint32 (0xce) even for small numbers: valid MessagePack that
// decodes to the same frame, just not the shortest encoding.

/** Placeholder of slot i: distinctive uint32 values the real data never holds. */
const placeholder = (i: number): number => 0xfeedf000 + i;
const MAX_SLOTS = 16;
const UINT32_MAX = 2 ** 32 - 1;

export class FrameTemplate {
  private readonly bytes: Uint8Array;
  /** Offset of each slot's 4 value bytes. */
  private readonly at: number[] = [];

  /** encode builds the frame with slot(i) where value i goes. */
  constructor(encode: (slot: (i: number) => number) => Uint8Array, slots: number) {
    if (slots < 1 || slots > MAX_SLOTS) throw new Error(`a frame template has 1..${MAX_SLOTS} slots`);
    this.bytes = encode(placeholder);
    for (let i = 0; i < slots; i++) {
      const v = placeholder(i);
      const pattern = [0xce, v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
      const found: number[] = [];
      for (let p = 0; p + 5 <= this.bytes.length; p++) if (pattern.every((x, j) => this.bytes[p + j] === x)) found.push(p + 1);
      if (found.length !== 1) throw new Error(`frame template slot ${i} appears ${found.length} times (must be once)`);
      this.at.push(found[0]!);
    }
  }

  /** A fresh frame with values[i] in slot i (uint32 each). */
  fill(values: number[]): Uint8Array {
    if (values.length !== this.at.length) throw new Error(`frame template needs ${this.at.length} values, got ${values.length}`);
    const out = new Uint8Array(this.bytes.length);
    out.set(this.bytes);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!Number.isInteger(v) || v < 0 || v > UINT32_MAX) throw new Error(`frame template value ${v} is not a uint32`);
      const p = this.at[i]!;
      out[p] = v >>> 24;
      out[p + 1] = (v >>> 16) & 0xff;
      out[p + 2] = (v >>> 8) & 0xff;
      out[p + 3] = v & 0xff;
    }
    return out;
  }
}
