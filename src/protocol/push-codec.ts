// Shape checks of the offline-push ops' parameters (push-frames.ts), run by decodeClientFrame:
// types and protocol bounds (answered 6017 naming the field). The token's alphabet per platform is
// checked by the server with the push services' own rules (src/push/client-ops.ts).
import { MAX_USER_ID_BYTES } from './limits.js';
import type { PushOp } from './ops.js';
import { Op } from './ops.js';
import type { PushParams } from './push-frames.js';
import { checkOneOf, checkString, isPlainMap } from './validate.js';

/** Longest push token (FCM tokens are opaque; APNs tokens are 64 hex characters today). */
export const MAX_PUSH_TOKEN_CHARS = 4096;
/** Longest APNs topic (bundle id, plus a suffix such as .voip). */
export const MAX_PUSH_TOPIC_CHARS = 255;
/** Most peers one CONV_RECV_OPT_GET names. */
export const MAX_RECV_OPT_PEERS = 100;
export const PUSH_TOKEN_PLATFORMS = ['apns', 'fcm'] as const;

type Raw = Record<string, unknown>;
type Check = (d: Raw) => string | undefined;

const peer = (d: Raw) => checkString('peer', d.peer, { minChars: 1, maxBytes: MAX_USER_ID_BYTES });

function tokenSet(d: Raw): string | undefined {
  const err =
    checkOneOf('platform', d.platform, PUSH_TOKEN_PLATFORMS) ?? checkString('token', d.token, { minChars: 1, maxChars: MAX_PUSH_TOKEN_CHARS });
  if (err) return err;
  if (d.platform === 'apns') {
    if (d.topic === undefined) return 'topic (the app bundle id) is required for apns';
    const t = checkString('topic', d.topic, { minChars: 1, maxChars: MAX_PUSH_TOPIC_CHARS });
    if (t) return t;
    if (d.sandbox !== undefined && typeof d.sandbox !== 'boolean') return 'sandbox must be a boolean';
  } else if (d.topic !== undefined || d.sandbox !== undefined) {
    return 'topic and sandbox are for apns only';
  }
  return undefined;
}

function peers(d: Raw): string | undefined {
  const v = d.peers;
  if (!Array.isArray(v) || v.length === 0) return 'peers must be a non-empty array';
  if (v.length > MAX_RECV_OPT_PEERS) return `peers has ${v.length} items, at most ${MAX_RECV_OPT_PEERS} allowed`;
  for (let i = 0; i < v.length; i++) {
    const err = checkString(`peers[${i}]`, v[i], { minChars: 1, maxBytes: MAX_USER_ID_BYTES });
    if (err) return err;
  }
  return undefined;
}

const CHECKS: Record<PushOp, Check[]> = {
  [Op.PUSH_TOKEN_SET]: [tokenSet],
  [Op.PUSH_TOKEN_REMOVE]: [],
  [Op.CONV_RECV_OPT_SET]: [peer, (d) => (d.opt === 0 || d.opt === 1 ? undefined : 'opt must be 0 or 1')],
  [Op.CONV_RECV_OPT_GET]: [peers],
};

/** The op's parameters, or an error text naming the bad field. */
export function decodePushParams<O extends PushOp>(op: O, d: unknown): PushParams[O] | string {
  const raw = d === undefined ? {} : d;
  if (!isPlainMap(raw)) return 'd must be a map';
  for (const check of CHECKS[op]) {
    const err = check(raw);
    if (err) return err;
  }
  return raw as unknown as PushParams[O];
}
