// The client protocol in one import: op codes, frame types, codec, limits, error and close codes.
// Runtime-neutral (no node:*, no Buffer): the edge, the client SDK, browsers and k6 import it.
export * from './ops.js';
export * from './frames.js';
export * from './social-frames.js';
export * from './social-codec.js';
export * from './c2c-frames.js';
export * from './c2c-codec.js';
export * from './push-frames.js';
export * from './push-codec.js';
export * from './room-frames.js';
export * from './group-requests.js';
export * from './group-request-codec.js';
export * from './codec.js';
export * from './limits.js';
export * from './close-codes.js';
export * from './platforms.js';
export { Err, type ErrCode } from './error-codes.js';
