// Shape checks of the C2C ops' parameters (c2c-frames.ts), run by decodeClientFrame: types and
// protocol bounds only (answered 6017, naming the field). C2C_SEND's message fields are left to
// the server's send parser, which answers Tencent's codes (90002/90007/90010/80002/90005...).
import type { C2cOp } from './ops.js';
import { Op } from './ops.js';
import type { C2cParams } from './c2c-frames.js';
import { MAX_USER_ID_BYTES } from './limits.js';
import { checkString, checkUint, isPlainMap } from './validate.js';

/** Largest page of C2C_SYNC, C2C_HISTORY and CONV_LIST. */
export const MAX_C2C_PAGE = 100;
/** Longest conversation id in a cursor. */
export const MAX_CURSOR_CONV_ID_CHARS = 160;
/** Longest MsgKey a client may name. */
export const MAX_MSG_KEY_CHARS = 128;

type Raw = Record<string, unknown>;
type Check = (d: Raw) => string | undefined;

const userId = (field: string) => (d: Raw) => checkString(field, d[field], { minChars: 1, maxBytes: MAX_USER_ID_BYTES });
const uint = (field: string, min: number, max: number, required: boolean) => (d: Raw) =>
  d[field] === undefined && !required ? undefined : checkUint(field, d[field], min, max);
const limit = uint('limit', 1, MAX_C2C_PAGE, false);

function cursor(d: Raw): string | undefined {
  const a = d.after;
  if (a === undefined) return undefined;
  if (!isPlainMap(a)) return 'after must be a map';
  return checkUint('after.lastTime', a.lastTime, 0, Number.MAX_SAFE_INTEGER) ?? checkString('after.convId', a.convId, { minChars: 1, maxChars: MAX_CURSOR_CONV_ID_CHARS });
}

/** Most MsgKeys one C2C_DELETE names. */
export const MAX_DELETE_KEYS = 100;

function keyList(d: Raw): string | undefined {
  const v = d.keys;
  if (!Array.isArray(v) || v.length === 0) return 'keys must be a non-empty array';
  if (v.length > MAX_DELETE_KEYS) return `keys has ${v.length} items, at most ${MAX_DELETE_KEYS} allowed`;
  for (let i = 0; i < v.length; i++) {
    const err = checkString(`keys[${i}]`, v[i], { minChars: 1, maxChars: MAX_MSG_KEY_CHARS });
    if (err) return err;
  }
  return undefined;
}

const CHECKS: Record<C2cOp, Check[]> = {
  [Op.C2C_SEND]: [userId('to')],
  [Op.C2C_SYNC]: [userId('peer'), uint('afterSeq', 0, Number.MAX_SAFE_INTEGER, true), limit],
  [Op.C2C_HISTORY]: [userId('peer'), uint('beforeSeq', 1, Number.MAX_SAFE_INTEGER, false), limit],
  [Op.CONV_LIST]: [cursor, limit],
  [Op.C2C_READ]: [userId('peer'), uint('seq', 0, Number.MAX_SAFE_INTEGER, false)],
  [Op.C2C_RECALL]: [userId('peer'), (d) => checkString('key', d.key, { minChars: 1, maxChars: MAX_MSG_KEY_CHARS })],
  [Op.C2C_TYPING]: [userId('peer')],
  [Op.C2C_DELETE]: [userId('peer'), keyList],
  [Op.CONV_PIN]: [userId('peer'), (d) => (typeof d.pinned === 'boolean' ? undefined : 'pinned must be a boolean')],
  [Op.CONV_DELETE]: [userId('peer')],
  [Op.C2C_RECEIPT]: [userId('peer'), keyList],
  [Op.C2C_MODIFY]: [userId('peer'), (d) => checkString('key', d.key, { minChars: 1, maxChars: MAX_MSG_KEY_CHARS })],
};

/** The op's parameters, or an error text naming the bad field. */
export function decodeC2cParams<O extends C2cOp>(op: O, d: unknown): C2cParams[O] | string {
  const raw = d === undefined ? {} : d;
  if (!isPlainMap(raw)) return 'd must be a map';
  for (const check of CHECKS[op]) {
    const err = check(raw);
    if (err) return err;
  }
  return raw as unknown as C2cParams[O];
}
