// Group and topic ids (spec §6 "Group IDs"). Custom ids: printable ASCII (0x20-0x7E), at most 48
// bytes, never starting with `@TGS#` (reserved for generated ids) and never containing the topic
// separator; Community ids carry the `@TGS#_` prefix, custom or generated, and nothing else does.
// Gotcha: the store relies on that prefix rule to size member partitions (store/group-layout.ts).
// Generated ids take randomness from the caller; uniqueness is enforced by createGroup (10021).
import { Err } from '../protocol/error-codes.js';
import type { GroupType } from './group-kinds.js';

export const MAX_GROUP_ID_BYTES = 48;
export const GENERATED_ID_PREFIX = '@TGS#';
export const COMMUNITY_ID_PREFIX = '@TGS#_';
export const TOPIC_SEPARATOR = '@TOPIC#_';
/** Random base32 characters of a generated id (50 bits: collisions are rare, and detected). */
export const GENERATED_ID_CHARS = 10;
/** Longest custom topic suffix, so "g:" + a topic id fits the message store's conversation id. */
export const MAX_TOPIC_SUFFIX_BYTES = 48;
export const MAX_TOPIC_ID_BYTES = MAX_GROUP_ID_BYTES + TOPIC_SEPARATOR.length + MAX_TOPIC_SUFFIX_BYTES;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** Where the random bytes come from (node:crypto randomBytes in production, fixed bytes in tests). */
export type RandomBytes = (n: number) => Uint8Array;

/** 0 when `id` is acceptable as a custom id for a group of `type`, else 10015 (invalid group id). */
export function customGroupIdVerdict(id: unknown, type: GroupType): 0 | 10015 {
  if (typeof id !== 'string' || !PRINTABLE_ASCII.test(id) || id.length > MAX_GROUP_ID_BYTES) return Err.GROUP_ID_INVALID;
  if (id.includes(TOPIC_SEPARATOR)) return Err.GROUP_ID_INVALID;
  if (type === 'Community') return id.startsWith(COMMUNITY_ID_PREFIX) && id.length > COMMUNITY_ID_PREFIX.length ? 0 : Err.GROUP_ID_INVALID;
  return id.startsWith(GENERATED_ID_PREFIX) ? Err.GROUP_ID_INVALID : 0;
}

/** A fresh `@TGS#` id (Community: `@TGS#_@TGS#...`, like Tencent's own). */
export function generateGroupId(type: GroupType, random: RandomBytes): string {
  const core = GENERATED_ID_PREFIX + base32(random, GENERATED_ID_CHARS);
  return type === 'Community' ? COMMUNITY_ID_PREFIX + core : core;
}

/** Whether a stored or requested id has the shape of any group id (custom or generated). */
export function isGroupIdShape(id: unknown): id is string {
  return typeof id === 'string' && PRINTABLE_ASCII.test(id) && id.length <= MAX_GROUP_ID_BYTES && !id.includes(TOPIC_SEPARATOR);
}

export const isCommunityId = (groupId: string): boolean => groupId.startsWith(COMMUNITY_ID_PREFIX);

export const topicIdOf = (groupId: string, suffix: string): string => groupId + TOPIC_SEPARATOR + suffix;

/** 0 when `suffix` may end a custom topic id (printable ASCII, 1..48 bytes), else 10004. */
export function topicSuffixVerdict(suffix: unknown): 0 | 10004 {
  const ok = typeof suffix === 'string' && PRINTABLE_ASCII.test(suffix) && suffix.length <= MAX_TOPIC_SUFFIX_BYTES && !suffix.includes(TOPIC_SEPARATOR);
  return ok ? 0 : Err.GROUP_INVALID_PARAMS;
}

export const generateTopicId = (groupId: string, random: RandomBytes): string => topicIdOf(groupId, base32(random, GENERATED_ID_CHARS));

/** The group a topic id belongs to and its suffix, or undefined when it is not a topic id. */
export function parseTopicId(topicId: unknown): { groupId: string; suffix: string } | undefined {
  if (typeof topicId !== 'string') return undefined;
  const at = topicId.indexOf(TOPIC_SEPARATOR);
  if (at <= 0) return undefined;
  const groupId = topicId.slice(0, at);
  const suffix = topicId.slice(at + TOPIC_SEPARATOR.length);
  return isGroupIdShape(groupId) && topicSuffixVerdict(suffix) === 0 ? { groupId, suffix } : undefined;
}

function base32(random: RandomBytes, chars: number): string {
  const bytes = random(chars);
  if (bytes.length < chars) throw new RangeError(`random source returned ${bytes.length} bytes, ${chars} needed`);
  let out = '';
  for (let i = 0; i < chars; i++) out += BASE32[bytes[i]! & 31];
  return out;
}

/** The message-store conversation id of a group's timeline (store/seqs.ts naming). */
export const groupConvId = (groupId: string): string => `g:${groupId}`;

/** The conversation id of a Community topic's own timeline: `g:${groupId}:${topicId}` (store/seqs.ts). */
export const topicConvId = (groupId: string, topicId: string): string => `g:${groupId}:${topicId}`;
