// A forward-only MessagePack reader over one frame, for the load generator's hot path: it reads
// the few scalars a checker needs and skips everything else without building objects. Inside k6
// (goja) a full decode of a C2C push costs about 240 µs, which made the generator, not the
// server, the bottleneck. Reading past the end or a type it does not expect throws RangeError /
// TypeError; callers treat that as "not the frame I wanted". Full decoding stays in src/protocol.

const textDecoder = new TextDecoder();

/** A map key as char codes, for MsgpackReader.was(). ASCII only. */
export const keyCodes = (name: string): readonly number[] => Array.from(name, (c) => c.charCodeAt(0));

export class MsgpackReader {
  pos: number;
  private keyAt = 0;
  private keyLen = -1;

  constructor(
    private readonly b: Uint8Array,
    start = 0,
  ) {
    this.pos = start;
  }

  private byte(): number {
    const v = this.b[this.pos++];
    if (v === undefined) throw new RangeError('MessagePack frame ends early');
    return v;
  }

  private uint(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + this.byte();
    return v;
  }

  private int(n: number): number {
    const u = this.uint(n);
    const bound = 2 ** (8 * n - 1);
    return u >= bound ? u - 2 * bound : u;
  }

  /** The next byte without consuming it. */
  peek(): number {
    const v = this.b[this.pos];
    if (v === undefined) throw new RangeError('MessagePack frame ends early');
    return v;
  }

  /** Reads a map header: its entry count, or -1 (and nothing consumed) when the value is not a map. */
  mapLen(): number {
    const t = this.peek();
    if (t >= 0x80 && t <= 0x8f) return this.byte() & 0x0f;
    if (t === 0xde || t === 0xdf) return this.byte() === 0xde ? this.uint(2) : this.uint(4);
    return -1;
  }

  /** Reads an array header: its length, or -1 (and nothing consumed) when the value is not an array. */
  arrayLen(): number {
    const t = this.peek();
    if (t >= 0x90 && t <= 0x9f) return this.byte() & 0x0f;
    if (t === 0xdc || t === 0xdd) return this.byte() === 0xdc ? this.uint(2) : this.uint(4);
    return -1;
  }

  /** Byte length of a string header at pos (consumed), or -1 (nothing consumed) if not a string. */
  private strLen(): number {
    const t = this.peek();
    if (t >= 0xa0 && t <= 0xbf) return this.byte() & 0x1f;
    if (t === 0xd9) return this.byte(), this.uint(1);
    if (t === 0xda) return this.byte(), this.uint(2);
    if (t === 0xdb) return this.byte(), this.uint(4);
    return -1;
  }

  /** Reads a map key without building it: returns its byte length; was() then compares it.
   *  (In goja every byte read costs ~100 ns: keys that differ in length are told apart for free.) */
  key(): number {
    const n = this.strLen();
    if (n < 0) throw new TypeError('MessagePack map key is not a string');
    if (this.pos + n > this.b.length) throw new RangeError('MessagePack frame ends early');
    this.keyAt = this.pos;
    this.keyLen = n;
    this.pos += n;
    return n;
  }

  /** Whether the key key() just read is `name` (keyCodes). */
  was(name: readonly number[]): boolean {
    if (name.length !== this.keyLen) return false;
    for (let i = 0; i < name.length; i++) if (this.b[this.keyAt + i] !== name[i]) return false;
    return true;
  }

  /** Reads a string; ASCII without a decoder, anything else through TextDecoder. */
  str(): string {
    const n = this.strLen();
    if (n < 0) throw new TypeError('MessagePack value is not a string');
    const end = this.pos + n;
    if (end > this.b.length) throw new RangeError('MessagePack frame ends early');
    let s = '';
    for (let i = this.pos; i < end; i++) {
      const c = this.b[i]!;
      if (c >= 0x80) {
        s = textDecoder.decode(this.b.subarray(this.pos, end));
        break;
      }
      s += String.fromCharCode(c);
    }
    this.pos = end;
    return s;
  }

  /** Reads an integer or float; NaN (value skipped) for anything else. */
  num(): number {
    const t = this.byte();
    if (t <= 0x7f) return t;
    if (t >= 0xe0) return t - 0x100;
    switch (t) {
      case 0xcc: return this.uint(1);
      case 0xcd: return this.uint(2);
      case 0xce: return this.uint(4);
      case 0xcf: return this.uint(8);
      case 0xd0: return this.int(1);
      case 0xd1: return this.int(2);
      case 0xd2: return this.int(4);
      case 0xd3: return this.int(8);
      case 0xca: return this.float(4);
      case 0xcb: return this.float(8);
    }
    this.pos--;
    this.skip();
    return NaN;
  }

  private float(n: 4 | 8): number {
    if (this.pos + n > this.b.length) throw new RangeError('MessagePack frame ends early');
    const v = new DataView(this.b.buffer, this.b.byteOffset + this.pos, n);
    this.pos += n;
    return n === 4 ? v.getFloat32(0) : v.getFloat64(0);
  }

  /** Skips one whole value (nested containers included). The hot path of every read: locals
   *  instead of fields and the common types (fixstr, fixint, fixmap, fixarray) first. */
  skip(): void {
    const b = this.b;
    let pos = this.pos;
    let pending = 1;
    while (pending-- > 0) {
      const t = b[pos++];
      if (t === undefined) throw new RangeError('MessagePack frame ends early');
      if (t >= 0xa0 && t <= 0xbf) pos += t & 0x1f;
      else if (t <= 0x7f || t >= 0xe0) continue;
      else if (t <= 0x8f) pending += 2 * (t & 0x0f);
      else if (t <= 0x9f) pending += t & 0x0f;
      else if (t === 0xc0 || t === 0xc2 || t === 0xc3) continue;
      else {
        this.pos = pos;
        const n = this.sized(t);
        pos = this.pos;
        if (n < 0) pending -= n;
        else pos += n;
      }
    }
    if (pos > b.length) throw new RangeError('MessagePack frame ends early');
    this.pos = pos;
  }

  /** For a type byte t (already read) of a sized value: its byte length to skip, or minus the
   *  number of values it contains (arrays, maps). Reads the size field. */
  private sized(t: number): number {
    switch (t) {
      case 0xc4: case 0xd9: return this.uint(1);
      case 0xc5: case 0xda: return this.uint(2);
      case 0xc6: case 0xdb: return this.uint(4);
      case 0xc7: return 1 + this.uint(1);
      case 0xc8: return 1 + this.uint(2);
      case 0xc9: return 1 + this.uint(4);
      case 0xca: return 4;
      case 0xcb: return 8;
      case 0xcc: case 0xd0: return 1;
      case 0xcd: case 0xd1: return 2;
      case 0xce: case 0xd2: return 4;
      case 0xcf: case 0xd3: return 8;
      case 0xd4: return 2;
      case 0xd5: return 3;
      case 0xd6: return 5;
      case 0xd7: return 9;
      case 0xd8: return 17;
      case 0xdc: return -this.uint(2);
      case 0xdd: return -this.uint(4);
      case 0xde: return -2 * this.uint(2);
      case 0xdf: return -2 * this.uint(4);
    }
    throw new TypeError(`MessagePack type 0x${t.toString(16)} is not used`);
  }
}
