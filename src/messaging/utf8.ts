// UTF-8 helpers for size limits and checksums, without Buffer so the message model stays
// runtime-neutral. Lone surrogates have no UTF-8 form: the body parser refuses them, and
// utf8Length counts them as U+FFFD (3 bytes), the way TextEncoder would encode them.

/** UTF-8 byte length of `s` without allocating. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const LONE_SURROGATE = /\p{Cs}/u;

/** True when `s` holds a surrogate half without its pair (not encodable as UTF-8). */
export const hasLoneSurrogate = (s: string): boolean => LONE_SURROGATE.test(s);

/** The UTF-8 bytes of `s`. */
export const utf8Encode = (s: string): Uint8Array => new TextEncoder().encode(s);
