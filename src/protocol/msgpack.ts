// Shared MessagePack encoder and decoders. The library's encode()/decode() functions build a new
// Encoder/Decoder (with a 2 KiB buffer) on every call; at tens of thousands of frames per second
// that allocation shows up in CPU profiles and GC time. Reusing instances is safe: encode()
// returns a fresh copy, and an instance re-entered during a call clones itself.
// Runtime-neutral like the rest of protocol/.
import { Decoder, Encoder } from '@msgpack/msgpack';

/** Deepest value pack() encodes (the library's default is 100): a merged message nested 100
 *  levels (spec §8) is about 500 levels of data inside a frame. Decoding has no depth limit. */
export const MAX_PACK_DEPTH = 1024;

const encoder = new Encoder({ ignoreUndefined: true, maxDepth: MAX_PACK_DEPTH });
const decoder = new Decoder();

/** Encodes plain data; undefined properties are left out. */
export const pack = (value: unknown): Uint8Array => encoder.encode(value);

/** Decodes trusted bytes (produced by pack in another process of the cluster). */
export const unpack = (bytes: Uint8Array): unknown => decoder.decode(bytes);

/** Distinct size bounds in use are few (one per configured frame limit); cap the cache anyway. */
const MAX_BOUNDED_DECODERS = 8;
const bounded = new Map<number, Decoder>();

/** Decodes untrusted bytes: no string, binary, array, map or extension may claim more elements
 *  than maxBytes, so a tiny header announcing billions of entries allocates nothing. */
export function unpackBounded(bytes: Uint8Array, maxBytes: number): unknown {
  let d = bounded.get(maxBytes);
  if (!d) {
    d = new Decoder({ maxStrLength: maxBytes, maxBinLength: maxBytes, maxArrayLength: maxBytes, maxMapLength: maxBytes, maxExtLength: maxBytes });
    if (bounded.size < MAX_BOUNDED_DECODERS) bounded.set(maxBytes, d);
  }
  return d.decode(bytes);
}
