// Friend-row fields and their rules (spec §2.1 #20-22, #27, §8): the Tag_SNS_* names, AddSource
// ("AddSource_Type_" + up to 8 letters), remark (96 bytes), wording, friend-list names (30
// bytes) and Tag_SNS_Custom_* values. A bad field is 30001 with a message naming it. Wire tag
// names live here once.
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { SocialValue } from '../store/index.js';
import { MAX_ADD_SOURCE_SUFFIX, MAX_ADD_WORDING_BYTES, MAX_FRIEND_LIST_NAME_BYTES, MAX_REMARK_BYTES, MAX_SNS_CUSTOM_FIELDS, MAX_SNS_VALUE_BYTES } from './limits.js';

export const SnsTag = {
  GROUP: 'Tag_SNS_IM_Group',
  REMARK: 'Tag_SNS_IM_Remark',
  ADD_SOURCE: 'Tag_SNS_IM_AddSource',
  ADD_WORDING: 'Tag_SNS_IM_AddWording',
  ADD_TIME: 'Tag_SNS_IM_AddTime',
  REMARK_TIME: 'Tag_SNS_IM_RemarkTime',
} as const;

export const SNS_CUSTOM_PREFIX = 'Tag_SNS_Custom_';
export const ADD_SOURCE_PREFIX = 'AddSource_Type_';

const ADD_SOURCE = new RegExp(`^${ADD_SOURCE_PREFIX}[A-Za-z]{1,${MAX_ADD_SOURCE_SUFFIX}}$`);
const CUSTOM_KEY = /^[A-Za-z]{1,8}$/;

const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
const invalid = (info: string): ImError => new ImError(Err.SNS_INVALID_PARAMS, info);
const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function text(name: string, v: unknown, maxBytes: number): string {
  if (typeof v !== 'string') throw invalid(`${name} must be a string, got ${typeName(v)}`);
  if (utf8Bytes(v) > maxBytes) throw invalid(`${name} is longer than ${maxBytes} bytes`);
  return v;
}

export const checkRemark = (v: unknown): string => text('Remark', v, MAX_REMARK_BYTES);
export const checkWording = (v: unknown): string => text('AddWording', v, MAX_ADD_WORDING_BYTES);

export function checkAddSource(v: unknown): string {
  if (typeof v !== 'string' || !ADD_SOURCE.test(v)) throw invalid(`AddSource must be "${ADD_SOURCE_PREFIX}" followed by 1..${MAX_ADD_SOURCE_SUFFIX} letters`);
  return v;
}

export function checkListName(v: unknown): string {
  const name = text('friend list name', v, MAX_FRIEND_LIST_NAME_BYTES);
  if (name === '') throw invalid('friend list name must not be empty');
  return name;
}

/** Distinct names, first occurrence order. */
export function checkListNames(v: readonly unknown[]): string[] {
  return [...new Set(v.map(checkListName))];
}

export const isSnsCustomTag = (tag: string): boolean => tag.startsWith(SNS_CUSTOM_PREFIX);

/** A Tag_SNS_Custom_* value: a string of at most 500 bytes or an integer. */
export function checkSnsCustom(tag: string, value: unknown): SocialValue {
  if (!CUSTOM_KEY.test(tag.slice(SNS_CUSTOM_PREFIX.length))) throw invalid(`${tag.slice(0, 64)}: the custom key must be 1..8 letters`);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw invalid(`${tag} must be a string or an integer`);
    return value;
  }
  return text(tag, value, MAX_SNS_VALUE_BYTES);
}

/** Custom fields after merging `update` into `current`: at most MAX_SNS_CUSTOM_FIELDS keys. */
export function customFieldCount(current: Readonly<Record<string, SocialValue>>, update: Readonly<Record<string, SocialValue>>): number {
  return new Set([...Object.keys(current), ...Object.keys(update)]).size;
}

export { MAX_SNS_CUSTOM_FIELDS };
