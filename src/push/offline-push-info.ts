// Tencent's OfflinePushInfo (spec §3) at the boundary: parse the wire object, then map it to the
// domain PushNotification. PushFlag=1 means no offline push; a non-empty Desc replaces the element
// push text; ApnsInfo/AndroidInfo fields override per platform; BadgeMode=1 leaves the badge alone;
// a TIMCustomElem's Ext and Sound are fallbacks. Size rule (spec: "Desc+Ext ≤3 KB", APNs 4 KB): Ext
// is machine-read and never cut; the body is cut at a whole character to fit, ending in "…".
import { ImError } from '../lib/errors.js';
import { utf8Length as utf8 } from '../messaging/utf8.js';
import { APNS_INTERRUPTION_LEVELS, type ApnsInterruptionLevel, type PushNotification } from './push-provider.js';

/** Spec §3: Desc + Ext should stay within 3 KB so the whole APNs payload stays under 4 KB. */
export const MAX_TEXT_AND_EXT_BYTES = 3 * 1024;
export const TRUNCATION_MARK = '…';

export interface OfflinePushInfo {
  PushFlag?: number;
  Title?: string;
  Desc?: string;
  Ext?: string;
  ApnsInfo?: {
    Sound?: string;
    BadgeMode?: number;
    Title?: string;
    SubTitle?: string;
    Image?: string;
    MutableContent?: number;
    InterruptionLevel?: string;
  };
  AndroidInfo?: { Sound?: string; GoogleChannelID?: string; GoogleImage?: string };
}

const APNS_STRINGS = ['Sound', 'Title', 'SubTitle', 'Image', 'InterruptionLevel'] as const;
const APNS_INTS = ['BadgeMode', 'MutableContent'] as const;
const ANDROID_STRINGS = ['Sound', 'GoogleChannelID', 'GoogleImage'] as const;

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const isObject = (v: unknown): v is Record<string, unknown> => typeOf(v) === 'object';

/** Checks the types of the fields this server uses (other vendors' fields pass untouched and
 *  unused); throws ImError(code) naming the field. */
export function parseOfflinePushInfo(raw: unknown, code: number): OfflinePushInfo {
  const bad = (field: string, want: string, v: unknown) => new ImError(code, `OfflinePushInfo.${field} must be ${want}, got ${typeOf(v)}`);
  if (!isObject(raw)) throw new ImError(code, `OfflinePushInfo must be an object, got ${typeOf(raw)}`);
  const str = (o: Record<string, unknown>, k: string, path: string) => {
    if (o[k] !== undefined && typeof o[k] !== 'string') throw bad(path + k, 'a string', o[k]);
  };
  const flag = (o: Record<string, unknown>, k: string, path: string) => {
    const v = o[k];
    if (v !== undefined && v !== 0 && v !== 1) throw new ImError(code, `OfflinePushInfo.${path}${k} must be 0 or 1, got ${JSON.stringify(v)}`);
  };
  flag(raw, 'PushFlag', '');
  for (const k of ['Title', 'Desc', 'Ext']) str(raw, k, '');
  if (raw.ApnsInfo !== undefined) {
    if (!isObject(raw.ApnsInfo)) throw bad('ApnsInfo', 'an object', raw.ApnsInfo);
    for (const k of APNS_STRINGS) str(raw.ApnsInfo, k, 'ApnsInfo.');
    for (const k of APNS_INTS) flag(raw.ApnsInfo, k, 'ApnsInfo.');
    const level = raw.ApnsInfo.InterruptionLevel;
    if (level !== undefined && level !== '' && !APNS_INTERRUPTION_LEVELS.includes(level as ApnsInterruptionLevel)) {
      throw new ImError(code, `OfflinePushInfo.ApnsInfo.InterruptionLevel must be one of ${APNS_INTERRUPTION_LEVELS.join('|')}, got ${JSON.stringify(level)}`);
    }
  }
  if (raw.AndroidInfo !== undefined) {
    if (!isObject(raw.AndroidInfo)) throw bad('AndroidInfo', 'an object', raw.AndroidInfo);
    for (const k of ANDROID_STRINGS) str(raw.AndroidInfo, k, 'AndroidInfo.');
  }
  return raw as OfflinePushInfo;
}

export interface PushOptions {
  /** The recipient's unread count, shown as the app badge unless BadgeMode=1. */
  badge?: number;
  /** The message's TIMCustomElem Ext, used when OfflinePushInfo has no Ext. */
  elementExt?: string;
  /** The message's TIMCustomElem Sound (an APNs sound file), used when ApnsInfo has no Sound. */
  elementSound?: string;
}

/** The notification to send for a message, or undefined when the sender asked for no push. */
export function fromOfflinePushInfo(info: OfflinePushInfo | undefined, pushText: string, opts: PushOptions = {}): PushNotification | undefined {
  if (info?.PushFlag === 1) return undefined;
  const apnsInfo = info?.ApnsInfo;
  const androidInfo = info?.AndroidInfo;
  const ext = nonEmpty(info?.Ext) ?? nonEmpty(opts.elementExt);
  const text = nonEmpty(info?.Desc) ?? pushText;
  const n: PushNotification = { body: fitBody(text, ext), priority: 'high' };
  set(n, 'title', nonEmpty(info?.Title));
  set(n, 'ext', ext);
  if (opts.badge !== undefined && apnsInfo?.BadgeMode !== 1) n.badge = opts.badge;
  const apns: NonNullable<PushNotification['apns']> = {};
  set(apns, 'title', nonEmpty(apnsInfo?.Title));
  set(apns, 'subtitle', nonEmpty(apnsInfo?.SubTitle));
  set(apns, 'image', nonEmpty(apnsInfo?.Image));
  set(apns, 'sound', nonEmpty(apnsInfo?.Sound) ?? nonEmpty(opts.elementSound));
  if (apnsInfo?.MutableContent === 1) apns.mutableContent = true;
  set(apns, 'interruptionLevel', nonEmpty(apnsInfo?.InterruptionLevel) as ApnsInterruptionLevel | undefined);
  if (Object.keys(apns).length) n.apns = apns;
  const android: NonNullable<PushNotification['android']> = {};
  set(android, 'channelId', nonEmpty(androidInfo?.GoogleChannelID));
  set(android, 'image', nonEmpty(androidInfo?.GoogleImage));
  set(android, 'sound', nonEmpty(androidInfo?.Sound));
  if (Object.keys(android).length) n.android = android;
  return n;
}

/** The body cut so that body + ext ≤ MAX_TEXT_AND_EXT_BYTES; a cut body ends in TRUNCATION_MARK
 *  (counted in the budget), or is empty when not even the mark fits. */
export function fitBody(body: string, ext: string | undefined): string {
  const budget = MAX_TEXT_AND_EXT_BYTES - (ext ? utf8(ext) : 0);
  if (utf8(body) <= budget) return body;
  const room = budget - utf8(TRUNCATION_MARK);
  if (room < 0) return '';
  let used = 0;
  let out = '';
  // Iterating the string yields whole code points, so a surrogate pair is never split.
  for (const ch of body) {
    const size = utf8(ch);
    if (used + size > room) break;
    used += size;
    out += ch;
  }
  return out + TRUNCATION_MARK;
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}

function set<T extends object, K extends keyof T>(o: T, k: K, v: T[K] | undefined): void {
  if (v !== undefined) o[k] = v;
}
