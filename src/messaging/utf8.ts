// UTF-8 helpers for size limits and checksums, without Buffer so the message model stays
// runtime-neutral. Lone surrogates have no UTF-8 form: the body parser refuses them, and
// utf8Length counts them as U+FFFD (3 bytes), the way TextEncoder would encode them.

/** UTF-8 byte length of `s`; one implementation, shared with the frame validators. */
export { utf8Length } from '../protocol/validate.js';

const LONE_SURROGATE = /\p{Cs}/u;

/** True when `s` holds a surrogate half without its pair (not encodable as UTF-8). */
export const hasLoneSurrogate = (s: string): boolean => LONE_SURROGATE.test(s);

/** The UTF-8 bytes of `s`. */
export const utf8Encode = (s: string): Uint8Array => new TextEncoder().encode(s);
