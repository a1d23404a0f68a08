// Protocol-level limits, shared by the edge, the client SDK and k6 scripts. The edge's deployed
// frame limit comes from config (Limits.maxFrameBytes, default DEFAULT_MAX_FRAME_BYTES); the field
// limits below are fixed by the protocol so every client can validate before sending.

/** Default largest client frame in bytes; bigger frames close the socket with CloseCode.FRAME_TOO_LARGE. */
export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
/** Request ids are unsigned 32-bit integers chosen by the client; replies echo them. */
export const MAX_REQUEST_ID = 0xffff_ffff;
/** Tencent UserIDs are at most 32 bytes (spec §8). */
export const MAX_USER_ID_BYTES = 32;
/** A UserSig longer than this is refused unparsed (real ones are ~200 chars). */
export const MAX_USERSIG_CHARS = 4096;
/** Client-chosen device identifiers (install id, browser tab id, ...). */
export const MAX_DEVICE_ID_CHARS = 128;
/** SDKAppIDs are positive integers below 2^32. */
export const MAX_SDKAPPID = 0xffff_ffff;
/** How often the SDK sends HEARTBEAT unless the login reply says otherwise. */
export const DEFAULT_HEARTBEAT_MS = 30_000;
/** Default wait for a reply before the SDK fails a request with REQUEST_TIMEOUT. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
