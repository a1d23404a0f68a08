// Shape checks of the group client ops' parameters (group-requests.ts), run by decodeClientFrame:
// types and protocol bounds only (answered 6017, naming the field). Text lengths, custom-field
// rules, member limits and permissions are the group actor's (Tencent's 10xxx codes); GROUP_SEND's
// message fields are left to the shared send parser on the server.
import { MAX_GROUP_ID_BYTES, MAX_TOPIC_ID_BYTES } from '../groups/group-ids.js';
import type { GroupRequestParams } from './group-requests.js';
import { MAX_USER_ID_BYTES } from './limits.js';
import { Op, type GroupRequestOp } from './ops.js';
import { checkOneOf, checkString, checkUint, isPlainMap } from './validate.js';

/** Largest page of GROUP_SYNC and GROUP_HISTORY. */
export const MAX_GROUP_MSG_PAGE = 100;
/** Largest page of GROUP_JOINED and GROUP_MEMBERS. */
export const MAX_GROUP_LIST_PAGE = 1000;
/** Most ids one GROUP_INFO names. */
export const MAX_GROUP_INFO_REQUEST = 50;
/** Most user ids one invite/kick/decide names (the actor applies the type's own limits). */
export const MAX_GROUP_USER_LIST = 500;
/** Most seqs one recall or receipt names. */
export const MAX_GROUP_SEQ_LIST = 100;
/** Longest text field a client may send (the actor checks each field's own limit). */
export const MAX_GROUP_TEXT_CHARS = 4096;
/** Longest opaque cursor (GROUP_JOINED / GROUP_MEMBERS `after`). */
export const MAX_GROUP_CURSOR_CHARS = 512;
/** Most custom keys a map may carry (the actor checks the type's limits). */
export const MAX_GROUP_CUSTOM_ENTRIES = 32;

const TYPES = ['Work', 'Public', 'Meeting', 'Community', 'AVChatRoom'] as const;
const APPLY = ['FreeAccess', 'NeedPermission', 'DisableApply'] as const;
const INVITE = ['FreeAccess', 'NeedPermission', 'DisableInvite'] as const;
const FLAGS = ['AcceptAndNotify', 'AcceptNotNotify', 'Discard'] as const;
const MAX_SEQ = Number.MAX_SAFE_INTEGER;
const MAX_MUTE_SEC = 4294967295;

type Raw = Record<string, unknown>;
type Check = (d: Raw) => string | undefined;

const opt = (field: string, c: (f: string, v: unknown) => string | undefined): Check => (d) => (d[field] === undefined ? undefined : c(field, d[field]));
const req = (field: string, c: (f: string, v: unknown) => string | undefined): Check => (d) => c(field, d[field]);

const user = (f: string, v: unknown) => checkString(f, v, { minChars: 1, maxBytes: MAX_USER_ID_BYTES });
const text = (f: string, v: unknown) => checkString(f, v, { maxChars: MAX_GROUP_TEXT_CHARS });
const bool = (f: string, v: unknown) => (typeof v === 'boolean' ? undefined : `${f} must be a boolean`);
const uint = (min: number, max: number) => (f: string, v: unknown) => checkUint(f, v, min, max);
const oneOf = (allowed: readonly string[]) => (f: string, v: unknown) => checkOneOf(f, v, allowed);
const cursor = (f: string, v: unknown) => checkString(f, v, { minChars: 1, maxChars: MAX_GROUP_CURSOR_CHARS });

function list(max: number, item: (f: string, v: unknown) => string | undefined) {
  return (f: string, v: unknown): string | undefined => {
    if (!Array.isArray(v) || v.length === 0) return `${f} must be a non-empty array`;
    if (v.length > max) return `${f} has ${v.length} items, at most ${max} allowed`;
    for (let i = 0; i < v.length; i++) {
      const err = item(`${f}[${i}]`, v[i]);
      if (err) return err;
    }
    return undefined;
  };
}

function customMap(f: string, v: unknown): string | undefined {
  if (!isPlainMap(v)) return `${f} must be a map of strings`;
  const keys = Object.keys(v);
  if (keys.length > MAX_GROUP_CUSTOM_ENTRIES) return `${f} has ${keys.length} keys, at most ${MAX_GROUP_CUSTOM_ENTRIES} allowed`;
  for (const k of keys) if (typeof v[k] !== 'string') return `${f}.${k} must be a string`;
  return undefined;
}

const groupId = req('groupId', (f, v) => checkString(f, v, { minChars: 1, maxBytes: MAX_GROUP_ID_BYTES }));
const topicId = opt('topicId', (f, v) => checkString(f, v, { minChars: 1, maxBytes: MAX_TOPIC_ID_BYTES }));
const users = (field: string) => req(field, list(MAX_GROUP_USER_LIST, user));
const seqs = req('seqs', list(MAX_GROUP_SEQ_LIST, uint(1, MAX_SEQ)));
const msgLimit = opt('limit', uint(1, MAX_GROUP_MSG_PAGE));
const listLimit = opt('limit', uint(1, MAX_GROUP_LIST_PAGE));

const PROFILE: Check[] = [
  opt('name', text),
  opt('introduction', text),
  opt('notification', text),
  opt('faceUrl', text),
  opt('maxMemberNum', uint(1, MAX_SEQ)),
  opt('applyJoinOption', oneOf(APPLY)),
  opt('inviteJoinOption', oneOf(INVITE)),
  opt('muteAll', bool),
  opt('custom', customMap),
];

const CHECKS: Record<GroupRequestOp, Check[]> = {
  [Op.GROUP_CREATE]: [
    req('type', oneOf(TYPES)),
    req('name', (f, v) => checkString(f, v, { minChars: 1, maxChars: MAX_GROUP_TEXT_CHARS })),
    opt('groupId', (f, v) => checkString(f, v, { minChars: 1, maxBytes: MAX_GROUP_ID_BYTES })),
    opt('members', list(MAX_GROUP_USER_LIST, user)),
    opt('supportTopic', bool),
    ...PROFILE,
  ],
  [Op.GROUP_INFO]: [req('groupIds', list(MAX_GROUP_INFO_REQUEST, (f, v) => checkString(f, v, { minChars: 1, maxBytes: MAX_GROUP_ID_BYTES })))],
  [Op.GROUP_JOIN]: [groupId, opt('wording', text)],
  [Op.GROUP_QUIT]: [groupId],
  [Op.GROUP_INVITE]: [groupId, users('userIds')],
  [Op.GROUP_KICK]: [groupId, users('userIds'), opt('reason', text)],
  [Op.GROUP_DECIDE]: [groupId, users('userIds'), req('approve', bool)],
  [Op.GROUP_MODIFY]: [groupId, ...PROFILE],
  [Op.GROUP_MEMBER_SET]: [
    groupId,
    req('userId', user),
    opt('role', oneOf(['Admin', 'Member'])),
    opt('nameCard', text),
    opt('msgFlag', oneOf(FLAGS)),
    opt('custom', customMap),
    opt('muteTimeSec', uint(0, MAX_MUTE_SEC)),
  ],
  [Op.GROUP_DISMISS]: [groupId],
  [Op.GROUP_TRANSFER]: [groupId, req('newOwner', user)],
  [Op.GROUP_SEND]: [groupId, topicId],
  [Op.GROUP_SYNC]: [groupId, topicId, req('afterSeq', uint(0, MAX_SEQ)), msgLimit],
  [Op.GROUP_HISTORY]: [groupId, topicId, opt('beforeSeq', uint(1, MAX_SEQ)), msgLimit],
  [Op.GROUP_READ]: [groupId, topicId, opt('seq', uint(0, MAX_SEQ))],
  [Op.GROUP_RECALL]: [groupId, topicId, seqs, opt('reason', text)],
  [Op.GROUP_MODIFY_MSG]: [
    groupId,
    topicId,
    req('seq', uint(1, MAX_SEQ)),
    opt('CloudCustomData', (f, v) => (typeof v === 'string' ? undefined : `${f} must be a string`)),
    (d) => (d.MsgBody === undefined && d.CloudCustomData === undefined ? 'MsgBody or CloudCustomData is required' : undefined),
  ],
  [Op.GROUP_RECEIPT]: [groupId, topicId, seqs],
  [Op.GROUP_JOINED]: [opt('after', cursor), listLimit, opt('withLive', bool)],
  [Op.GROUP_MEMBERS]: [groupId, opt('after', cursor), listLimit],
};

/** The op's parameters, or an error text naming the bad field. */
export function decodeGroupRequestParams<O extends GroupRequestOp>(op: O, d: unknown): GroupRequestParams[O] | string {
  const raw = d === undefined ? {} : d;
  if (!isPlainMap(raw)) return 'd must be a map';
  for (const check of CHECKS[op]) {
    const err = check(raw);
    if (err) return err;
  }
  return raw as unknown as GroupRequestParams[O];
}
