// Field limits of groups and members (spec §6 "Profile limits", "Custom fields"; §8 batch sizes),
// as named constants with validators answering Tencent's code: 10004 for a bad or oversized field.
// Lengths are UTF-8 bytes. The metric for a hit limit is counted by the caller (it knows the path).
import { Err } from '../protocol/error-codes.js';
import { utf8Length } from '../protocol/validate.js';

export const MAX_GROUP_NAME_BYTES = 30;
export const MAX_INTRODUCTION_BYTES = 240;
export const MAX_NOTIFICATION_BYTES = 300;
export const MAX_FACE_URL_BYTES = 100;
export const MAX_NAME_CARD_BYTES = 50;
/** Group-level custom fields (AppDefinedData): keys, key length and charset, value length. */
export const MAX_GROUP_CUSTOM_KEYS = 10;
export const MAX_CUSTOM_KEY_BYTES = 16;
export const MAX_GROUP_CUSTOM_VALUE_BYTES = 512;
/** Member-level custom fields (AppMemberDefinedData). */
export const MAX_MEMBER_CUSTOM_KEYS = 5;
export const MAX_MEMBER_CUSTOM_VALUE_BYTES = 64;
/** Batch sizes (spec §2.1 #32, #36, #43, §8). */
export const MAX_INITIAL_MEMBERS = 100;
export const MAX_ADD_MEMBERS_PER_CALL = 300;
export const MAX_MUTE_MEMBERS_PER_CALL = 500;
export const MAX_GROUP_INFO_IDS = 50;
/** Topic profile (same bounds as the group's own, Tencent documents no others). */
export const MAX_TOPIC_NAME_BYTES = MAX_GROUP_NAME_BYTES;
export const MAX_TOPIC_CUSTOM_STRING_BYTES = 3000;

const CUSTOM_KEY = /^[A-Za-z0-9_]+$/;

export interface GroupFieldProblem {
  code: 10004;
  /** The ErrorInfo text, naming the field. */
  info: string;
}

/** The profile fields a create or modify may carry; absent ones are not checked. */
export interface GroupProfileFields {
  name?: string;
  introduction?: string;
  notification?: string;
  faceUrl?: string;
}

const problem = (info: string): GroupFieldProblem => ({ code: Err.GROUP_INVALID_PARAMS, info });

/** A text field: a string of at most `max` UTF-8 bytes (and non-empty when `required`). */
export function textProblem(value: unknown, field: string, max: number, required = false): GroupFieldProblem | undefined {
  if (typeof value !== 'string') return problem(`${field} must be a string`);
  if (required && value.length === 0) return problem(`${field} must not be empty`);
  const n = utf8Length(value);
  return n > max ? problem(`${field} is ${n} bytes, at most ${max}`) : undefined;
}

/** Checks a group profile; `creating` makes Name required. */
export function groupProfileProblem(f: GroupProfileFields, creating: boolean): GroupFieldProblem | undefined {
  if (creating && f.name === undefined) return problem('Name is required');
  return (
    (f.name !== undefined ? textProblem(f.name, 'Name', MAX_GROUP_NAME_BYTES, true) : undefined) ??
    (f.introduction !== undefined ? textProblem(f.introduction, 'Introduction', MAX_INTRODUCTION_BYTES) : undefined) ??
    (f.notification !== undefined ? textProblem(f.notification, 'Notification', MAX_NOTIFICATION_BYTES) : undefined) ??
    (f.faceUrl !== undefined ? textProblem(f.faceUrl, 'FaceUrl', MAX_FACE_URL_BYTES) : undefined)
  );
}

export const nameCardProblem = (card: unknown): GroupFieldProblem | undefined => textProblem(card, 'NameCard', MAX_NAME_CARD_BYTES);

/**
 * Custom fields being written: at most `maxKeys` keys after merging into `existingKeys`, each key
 * [A-Za-z0-9_]{1,16}, each value a string of at most `maxValue` bytes ('' deletes the key).
 */
export function customFieldsProblem(
  fields: Readonly<Record<string, unknown>>,
  scope: 'group' | 'member',
  existingKeys: Iterable<string> = [],
): GroupFieldProblem | undefined {
  const [maxKeys, maxValue, what] =
    scope === 'group'
      ? [MAX_GROUP_CUSTOM_KEYS, MAX_GROUP_CUSTOM_VALUE_BYTES, 'AppDefinedData']
      : [MAX_MEMBER_CUSTOM_KEYS, MAX_MEMBER_CUSTOM_VALUE_BYTES, 'AppMemberDefinedData'];
  const keys = new Set(existingKeys);
  for (const [key, value] of Object.entries(fields)) {
    if (!CUSTOM_KEY.test(key) || key.length > MAX_CUSTOM_KEY_BYTES) return problem(`${what} key ${JSON.stringify(key)} must match [A-Za-z0-9_]{1,${MAX_CUSTOM_KEY_BYTES}}`);
    const p = textProblem(value, `${what}.${key}`, maxValue);
    if (p) return p;
    if (value === '') keys.delete(key);
    else keys.add(key);
  }
  return keys.size > maxKeys ? problem(`${what} holds ${keys.size} keys, at most ${maxKeys}`) : undefined;
}
