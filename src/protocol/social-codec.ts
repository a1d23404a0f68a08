// Shape checks of the social ops' parameters (social-frames.ts), run by decodeClientFrame. Only
// types and protocol bounds are checked here (answered 6017, naming the field); the Tencent rules
// of each value (tag names, remark length, AddSource format, ...) are the server's, answered with
// their 30xxx / 40xxx codes. Pure and runtime-neutral like the rest of protocol/.
import type { SocialOp } from './ops.js';
import { Op } from './ops.js';
import type { SocialParams } from './social-frames.js';
import { MAX_USER_ID_BYTES } from './limits.js';
import { checkOneOf, checkString, checkUint, isPlainMap } from './validate.js';

/** User ids in one batch request (Tencent's friend/black batch size). */
export const MAX_SOCIAL_USER_IDS = 1000;
/** User ids in PROFILE_GET and FRIEND_GET_BY_ID (Tencent's portrait_get / friend_get_list). */
export const MAX_PROFILE_USER_IDS = 100;
/** Tags in PROFILE_GET / PROFILE_SET, custom fields in FRIEND_UPDATE, names in list ops. */
export const MAX_SOCIAL_KEYS = 64;
/** Upper bound of any text parameter; the server's own rules are stricter. */
export const MAX_SOCIAL_TEXT_BYTES = 1024;

type Raw = Record<string, unknown>;
type Check = (d: Raw) => string | undefined;

const userId = (field: string) => (v: unknown) => checkString(field, v, { minChars: 1, maxBytes: MAX_USER_ID_BYTES });
const text = (field: string) => (v: unknown) => checkString(field, v, { maxBytes: MAX_SOCIAL_TEXT_BYTES });

function list(field: string, v: unknown, max: number, item: (f: string) => (v: unknown) => string | undefined): string | undefined {
  if (!Array.isArray(v)) return `${field} must be an array`;
  if (v.length === 0) return `${field} must not be empty`;
  if (v.length > max) return `${field} has ${v.length} items, at most ${max} allowed`;
  for (let i = 0; i < v.length; i++) {
    const err = item(`${field}[${i}]`)(v[i]);
    if (err) return err;
  }
  return undefined;
}

function valueMap(field: string, v: unknown): string | undefined {
  if (!isPlainMap(v)) return `${field} must be a map`;
  const entries = Object.entries(v);
  if (entries.length > MAX_SOCIAL_KEYS) return `${field} has ${entries.length} keys, at most ${MAX_SOCIAL_KEYS} allowed`;
  for (const [k, x] of entries) {
    if (k.length > MAX_SOCIAL_KEYS) return `${field} key ${k.slice(0, 16)}... is too long`;
    if (typeof x === 'number') continue;
    const err = checkString(`${field}.${k}`, x, { maxBytes: MAX_SOCIAL_TEXT_BYTES });
    if (err) return `${field}.${k} must be a string or a number`;
  }
  return undefined;
}

/** Runs each check only when the field is present (optional) or always (required). */
const opt = (name: string, check: (v: unknown) => string | undefined): Check => (d) => (d[name] === undefined ? undefined : check(d[name]));
const req = (name: string, check: (v: unknown) => string | undefined): Check => (d) => check(d[name]);

const ids = (name: string, max = MAX_SOCIAL_USER_IDS) => (v: unknown) => list(name, v, max, userId);
const names = (name: string) => (v: unknown) => list(name, v, MAX_SOCIAL_KEYS, text);
const mode = (v: unknown) => checkOneOf('mode', v, ['both', 'single']);
const page = [opt('start', (v) => checkUint('start', v, 0, Number.MAX_SAFE_INTEGER)), opt('limit', (v) => checkUint('limit', v, 1, 1000))];

const CHECKS: Record<SocialOp, Check[]> = {
  [Op.PROFILE_GET]: [opt('userIds', ids('userIds', MAX_PROFILE_USER_IDS)), opt('tags', (v) => list('tags', v, MAX_SOCIAL_KEYS, text))],
  [Op.PROFILE_SET]: [req('profile', (v) => valueMap('profile', v))],
  [Op.FRIEND_ADD]: [
    req('userId', userId('userId')),
    ...['addSource', 'wording', 'remark', 'group'].map((f) => opt(f, text(f))),
    opt('addType', (v) => checkOneOf('addType', v, ['both', 'single'])),
  ],
  [Op.FRIEND_RESPOND]: [
    req('userId', userId('userId')),
    req('action', (v) => checkOneOf('action', v, ['agree', 'agreeAndAdd', 'reject'])),
    opt('remark', text('remark')),
    opt('group', text('group')),
  ],
  [Op.FRIEND_WITHDRAW]: [req('userId', userId('userId'))],
  [Op.FRIEND_REQUESTS]: [],
  [Op.FRIEND_DELETE]: [req('userIds', ids('userIds')), opt('mode', mode)],
  [Op.FRIEND_CHECK]: [req('userIds', ids('userIds')), opt('mode', mode)],
  [Op.FRIEND_GET]: page,
  [Op.FRIEND_GET_BY_ID]: [req('userIds', ids('userIds', MAX_PROFILE_USER_IDS))],
  [Op.FRIEND_UPDATE]: [
    req('userId', userId('userId')),
    opt('remark', text('remark')),
    opt('groups', (v) => (Array.isArray(v) && v.length === 0 ? undefined : names('groups')(v))),
    opt('custom', (v) => valueMap('custom', v)),
  ],
  [Op.FRIEND_LIST_CREATE]: [req('names', names('names')), opt('userIds', ids('userIds'))],
  [Op.FRIEND_LIST_DELETE]: [req('names', names('names'))],
  [Op.FRIEND_LIST_RENAME]: [req('name', text('name')), req('newName', text('newName'))],
  [Op.FRIEND_LIST_ADD]: [req('name', text('name')), req('userIds', ids('userIds'))],
  [Op.FRIEND_LIST_REMOVE]: [req('name', text('name')), req('userIds', ids('userIds'))],
  [Op.FRIEND_LISTS]: [opt('names', names('names'))],
  [Op.BLOCK_ADD]: [req('userIds', ids('userIds'))],
  [Op.BLOCK_REMOVE]: [req('userIds', ids('userIds'))],
  [Op.BLOCK_LIST]: page,
  [Op.BLOCK_CHECK]: [req('userIds', ids('userIds')), opt('mode', mode)],
  [Op.SOCIAL_SYNC]: [req('afterSeq', (v) => checkUint('afterSeq', v, 0, Number.MAX_SAFE_INTEGER)), opt('limit', (v) => checkUint('limit', v, 1, 1000))],
};

/** The op's parameters, or an error text naming the bad field. `d` may be absent for ops
 *  without required fields. */
export function decodeSocialParams<O extends SocialOp>(op: O, d: unknown): SocialParams[O] | string {
  const raw = d === undefined ? {} : d;
  if (!isPlainMap(raw)) return 'd must be a map';
  for (const check of CHECKS[op]) {
    const err = check(raw);
    if (err) return err;
  }
  return raw as unknown as SocialParams[O];
}
