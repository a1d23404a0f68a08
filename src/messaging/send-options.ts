// The envelope options shared by sendmsg / batchsendmsg (C2C) and send_group_msg (group), read
// from Tencent's wire names (spec §2.1 #7, #44, §3) into a camelCase SendOptions; wire names stay
// in this file. Current spellings first, legacy ones accepted (MsgOnlineOnlyFlag; IsNeedReadReceipt
// and NeedReadReceipt both kinds). Unknown SendMsgControl / ForbidCallbackControl strings are
// ignored (Tencent adds flags over time; a newer caller must not fail), but non-strings refused.
import { ImError } from '../lib/errors.js';
import type { Metrics } from '../metrics/metrics.js';
import { Err } from '../protocol/error-codes.js';
import { type OfflinePushInfo, parseOfflinePushInfo } from '../push/offline-push-info.js';
import { field, firstField, isPlainObject } from '../rest/validate.js';
import { typeName } from './json-copy.js';
import { MAX_UINT32 } from './msg-key.js';
import { hasLoneSurrogate } from './utf8.js';

/** MsgLifeTime ceiling: 7 days (spec §8). */
export const MAX_MSG_LIFETIME_SEC = 604_800;
/** Most GroupAtInfo entries in one group message (spec silent; bounds the @-notice fan-out). */
export const MAX_GROUP_AT_ENTRIES = 500;
/** Most entries in SendMsgControl / ForbidCallbackControl (spec lists 4 and 2). */
export const MAX_CONTROL_ENTRIES = 16;

export type SendKind = 'c2c' | 'group';
export type MsgPriority = 'high' | 'normal' | 'low';

/** Error codes per field group; C2C_SEND_CODES for sendmsg, uniformCodes(10004) for groups. */
export interface SendOptionCodes {
  /** Fields without a code of their own (CloudCustomData, flags, lists, priority). */
  invalid: number;
  random: number;
  timeStamp: number;
  syncOtherMachine: number;
  lifeTimeNotInt: number;
  lifeTimeRange: number;
  /** GroupAt_Account that is not a string. */
  accountType: number;
  /** OfflinePushInfo of the wrong shape. */
  offlinePushInfo: number;
}

export const C2C_SEND_CODES: SendOptionCodes = {
  invalid: Err.INVALID_PARAMS,
  random: Err.MSG_RANDOM_INVALID,
  timeStamp: Err.MSG_TIMESTAMP_INVALID,
  syncOtherMachine: Err.MSG_SYNC_OTHER_MACHINE_INVALID,
  lifeTimeNotInt: Err.MSG_LIFETIME_NOT_INT,
  lifeTimeRange: Err.MSG_LIFETIME_RANGE,
  accountType: Err.ACCOUNT_TYPE,
  // Tencent answers a malformed sendmsg field that has no code of its own with 90001.
  offlinePushInfo: Err.MSG_JSON_PARSE,
};

/** Every field refused with one code (group APIs answer 10004 for any bad parameter). */
export const uniformCodes = (code: number): SendOptionCodes => ({
  invalid: code,
  random: code,
  timeStamp: code,
  syncOtherMachine: code,
  lifeTimeNotInt: code,
  lifeTimeRange: code,
  accountType: code,
  offlinePushInfo: code,
});

export interface SendControl {
  noUnread: boolean;
  noLastMsg: boolean;
  /** Deliver push even to a receiver who muted the conversation. */
  withMuteNotifications: boolean;
  /** Skip relationship checks (friends-only, blocklist) for this message. */
  noMsgCheck: boolean;
}

export interface SendOptions {
  /** MsgRandom (C2C) / Random (group), uint32, required. */
  random: number;
  /** C2C: the client's MsgSeq (uint32), orders same-second messages. */
  clientSeq?: number;
  /** C2C: MsgTimeStamp (legacy), unix seconds. */
  clientTimeSec?: number;
  /** C2C SyncOtherMachine: 1 (default) = also to the sender's devices and roaming, 2 = not. */
  syncToSender: boolean;
  /** C2C MsgLifeTime: offline retention in seconds, 0 = online only; absent = app default. */
  lifeTimeSec?: number;
  /** OnlineOnlyFlag (legacy MsgOnlineOnlyFlag) = 1: no offline, roaming or unread. */
  onlineOnly: boolean;
  control: SendControl;
  forbidBeforeSendCallback: boolean;
  forbidAfterSendCallback: boolean;
  needReadReceipt: boolean;
  supportExtension: boolean;
  /** Absent when not sent or empty. */
  cloudCustomData?: string;
  /** Group MsgPriority; 'normal' for C2C. */
  priority: MsgPriority;
  /** Group @all (GroupAtAllFlag 1). */
  atAll: boolean;
  /** Group @-mentioned user ids, in order, without repeats. */
  atUsers: string[];
  /** The sender's offline-push settings (spec §3), absent when not sent. */
  offlinePushInfo?: OfflinePushInfo;
}

const CONTROL: Readonly<Record<string, keyof SendControl>> = {
  NoUnread: 'noUnread',
  NoLastMsg: 'noLastMsg',
  WithMuteNotifications: 'withMuteNotifications',
  NoMsgCheck: 'noMsgCheck',
};
const FORBID_BEFORE = 'ForbidBeforeSendMsgCallback';
const FORBID_AFTER = 'ForbidAfterSendMsgCallback';
const PRIORITIES: Readonly<Record<string, MsgPriority>> = { High: 'high', Normal: 'normal', Low: 'low' };

type Body = Record<string, unknown>;

export interface SendOptionsContext {
  kind: SendKind;
  codes?: SendOptionCodes;
  metrics?: Pick<Metrics, 'msgLimitHits'>;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

class Reader {
  constructor(
    private readonly body: Body,
    private readonly codes: SendOptionCodes,
    private readonly metrics?: Pick<Metrics, 'msgLimitHits'>,
  ) {}

  fail(code: number, info: string): never {
    throw new ImError(code, info);
  }

  uint32(name: string, code: number, required: boolean): number | undefined {
    const v = field(this.body, name);
    if (v === undefined) return required ? this.fail(code, `${name} is required`) : undefined;
    if (!isInt(v) || v < 0 || v > MAX_UINT32) this.fail(code, `${name} must be an integer in 0..${MAX_UINT32}, got ${typeName(v)}`);
    return v;
  }

  /** A 0|1 flag under any of `names`. */
  flag(names: readonly string[]): boolean {
    const found = firstField(this.body, names);
    if (!found) return false;
    if (found.value !== 0 && found.value !== 1) this.fail(this.codes.invalid, `${found.name} must be 0 or 1`);
    return found.value === 1;
  }

  /** A list of strings; unknown entries are the caller's to ignore. */
  strings(name: string): string[] {
    const v = field(this.body, name);
    if (v === undefined) return [];
    if (!Array.isArray(v)) this.fail(this.codes.invalid, `${name} must be an array of strings, got ${typeName(v)}`);
    if (v.length > MAX_CONTROL_ENTRIES) this.limit('control_entries', this.codes.invalid, `${name} has ${v.length} entries, at most ${MAX_CONTROL_ENTRIES}`);
    return v.map((s, i) => (typeof s === 'string' ? s : this.fail(this.codes.invalid, `${name}[${i}] must be a string, got ${typeName(s)}`)));
  }

  limit(limit: string, code: number, info: string): never {
    this.metrics?.msgLimitHits.inc({ limit });
    return this.fail(code, info);
  }

  syncToSender(): boolean {
    const v = field(this.body, 'SyncOtherMachine');
    if (v === undefined) return true;
    if (v !== 1 && v !== 2) this.fail(this.codes.syncOtherMachine, `SyncOtherMachine must be the integer 1 or 2, got ${JSON.stringify(v) ?? typeName(v)}`);
    return v === 1;
  }

  lifeTime(): number | undefined {
    const v = field(this.body, 'MsgLifeTime');
    if (v === undefined) return undefined;
    if (!isInt(v)) this.fail(this.codes.lifeTimeNotInt, `MsgLifeTime must be an integer, got ${typeName(v)}`);
    if (v < 0 || v > MAX_MSG_LIFETIME_SEC) this.limit('msg_lifetime', this.codes.lifeTimeRange, `MsgLifeTime must be 0..${MAX_MSG_LIFETIME_SEC} seconds, got ${v}`);
    return v;
  }

  cloudCustomData(): string | undefined {
    const v = field(this.body, 'CloudCustomData');
    if (v === undefined || v === '') return undefined;
    if (typeof v !== 'string') this.fail(this.codes.invalid, `CloudCustomData must be a string, got ${typeName(v)}`);
    if (hasLoneSurrogate(v)) this.fail(this.codes.invalid, 'CloudCustomData is not well-formed Unicode');
    return v;
  }

  priority(): MsgPriority {
    const v = field(this.body, 'MsgPriority');
    if (v === undefined) return 'normal';
    const p = typeof v === 'string' && Object.hasOwn(PRIORITIES, v) ? PRIORITIES[v] : undefined;
    return p ?? this.fail(this.codes.invalid, `MsgPriority must be "High", "Normal" or "Low" (case-sensitive), got ${JSON.stringify(v) ?? typeName(v)}`);
  }

  groupAt(): { atAll: boolean; atUsers: string[] } {
    const v = field(this.body, 'GroupAtInfo');
    const out = { atAll: false, atUsers: [] as string[] };
    if (v === undefined) return out;
    if (!Array.isArray(v)) this.fail(this.codes.invalid, `GroupAtInfo must be an array, got ${typeName(v)}`);
    if (v.length > MAX_GROUP_AT_ENTRIES) this.limit('group_at_entries', this.codes.invalid, `GroupAtInfo has ${v.length} entries, at most ${MAX_GROUP_AT_ENTRIES}`);
    const seen = new Set<string>();
    v.forEach((item, i) => {
      const at = `GroupAtInfo[${i}]`;
      if (!isPlainObject(item)) this.fail(this.codes.invalid, `${at} must be an object, got ${typeName(item)}`);
      const all = field(item, 'GroupAtAllFlag') ?? 0;
      if (all !== 0 && all !== 1) this.fail(this.codes.invalid, `${at}.GroupAtAllFlag must be 0 or 1`);
      if (all === 1) {
        out.atAll = true;
        return;
      }
      const user = field(item, 'GroupAt_Account');
      if (user === undefined) this.fail(this.codes.invalid, `${at}.GroupAt_Account is required when GroupAtAllFlag is 0`);
      if (typeof user !== 'string') this.fail(this.codes.accountType, `${at}.GroupAt_Account must be a string, got ${typeName(user)}`);
      if (!seen.has(user)) {
        seen.add(user);
        out.atUsers.push(user);
      }
    });
    return out;
  }
}

/** Reads the send options of a C2C or group send body; throws ImError with `codes`. */
export function parseSendOptions(body: Body, ctx: SendOptionsContext): SendOptions {
  const codes = ctx.codes ?? C2C_SEND_CODES;
  const r = new Reader(body, codes, ctx.metrics);
  const c2c = ctx.kind === 'c2c';
  const random = r.uint32(c2c ? 'MsgRandom' : 'Random', codes.random, true)!;
  const control: SendControl = { noUnread: false, noLastMsg: false, withMuteNotifications: false, noMsgCheck: false };
  for (const s of r.strings('SendMsgControl')) if (Object.hasOwn(CONTROL, s)) control[CONTROL[s]!] = true;
  const forbid = new Set(r.strings('ForbidCallbackControl'));
  const out: SendOptions = {
    random,
    syncToSender: c2c ? r.syncToSender() : true,
    onlineOnly: r.flag(['OnlineOnlyFlag', 'MsgOnlineOnlyFlag']),
    control,
    forbidBeforeSendCallback: forbid.has(FORBID_BEFORE),
    forbidAfterSendCallback: forbid.has(FORBID_AFTER),
    needReadReceipt: r.flag(c2c ? ['IsNeedReadReceipt', 'NeedReadReceipt'] : ['NeedReadReceipt', 'IsNeedReadReceipt']),
    supportExtension: r.flag(['SupportMessageExtension']),
    priority: c2c ? 'normal' : r.priority(),
    ...(c2c ? { atAll: false, atUsers: [] } : r.groupAt()),
  };
  if (c2c) {
    const seq = r.uint32('MsgSeq', codes.invalid, false);
    if (seq !== undefined) out.clientSeq = seq;
    const time = r.uint32('MsgTimeStamp', codes.timeStamp, false);
    if (time !== undefined) out.clientTimeSec = time;
    const life = r.lifeTime();
    if (life !== undefined) out.lifeTimeSec = life;
  }
  const ccd = r.cloudCustomData();
  if (ccd !== undefined) out.cloudCustomData = ccd;
  const push = field(body, 'OfflinePushInfo');
  if (push !== undefined) out.offlinePushInfo = parseOfflinePushInfo(push, codes.offlinePushInfo);
  return out;
}
