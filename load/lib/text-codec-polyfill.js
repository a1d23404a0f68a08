// UTF-8 TextEncoder/TextDecoder for k6 v1.x, whose JavaScript runtime has neither; the bundled
// MessagePack codec needs both. A no-op where the runtime provides them (k6 >= 2.2, browsers).
if (typeof globalThis.TextEncoder === 'undefined') {
  globalThis.TextEncoder = class TextEncoder {
    get encoding() {
      return 'utf-8';
    }
    encode(input = '') {
      const s = String(input);
      const out = new Uint8Array(s.length * 3);
      return out.slice(0, this.encodeInto(s, out).written);
    }
    encodeInto(input, dest) {
      const s = String(input);
      let read = 0;
      let written = 0;
      for (let i = 0; i < s.length; i++) {
        let cp = s.charCodeAt(i);
        let units = 1;
        if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
          const low = s.charCodeAt(i + 1);
          if (low >= 0xdc00 && low <= 0xdfff) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
            units = 2;
          }
        }
        const need = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (written + need > dest.length) break;
        if (need === 1) dest[written++] = cp;
        else if (need === 2) {
          dest[written++] = 0xc0 | (cp >> 6);
          dest[written++] = 0x80 | (cp & 63);
        } else if (need === 3) {
          dest[written++] = 0xe0 | (cp >> 12);
          dest[written++] = 0x80 | ((cp >> 6) & 63);
          dest[written++] = 0x80 | (cp & 63);
        } else {
          dest[written++] = 0xf0 | (cp >> 18);
          dest[written++] = 0x80 | ((cp >> 12) & 63);
          dest[written++] = 0x80 | ((cp >> 6) & 63);
          dest[written++] = 0x80 | (cp & 63);
        }
        read += units;
        if (units === 2) i++;
      }
      return { read, written };
    }
  };
}
if (typeof globalThis.TextDecoder === 'undefined') {
  globalThis.TextDecoder = class TextDecoder {
    get encoding() {
      return 'utf-8';
    }
    decode(input) {
      if (!input) return '';
      const b = input instanceof Uint8Array ? input : new Uint8Array(input.buffer ?? input, input.byteOffset ?? 0, input.byteLength);
      let out = '';
      for (let i = 0; i < b.length; ) {
        const c = b[i++];
        let cp;
        if (c < 0x80) cp = c;
        else if (c < 0xe0) cp = ((c & 31) << 6) | (b[i++] & 63);
        else if (c < 0xf0) cp = ((c & 15) << 12) | ((b[i++] & 63) << 6) | (b[i++] & 63);
        else cp = ((c & 7) << 18) | ((b[i++] & 63) << 12) | ((b[i++] & 63) << 6) | (b[i++] & 63);
        out += String.fromCodePoint(cp);
      }
      return out;
    }
  };
}
