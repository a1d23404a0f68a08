// Validated copies of the social records (friends, requests, blocks, lists, changes) at the store
// boundary, shared by the memory, LMDB and Cassandra implementations so all three refuse the same
// inputs and normalize the same way (friend groups: distinct, code-point order). Picks the known
// fields only, so an extra property on an input is ignored.
import { checkUserId } from './records.js';
import type { BlockCursor, BlockRecord } from './blocklist.js';
import type { FriendListRecord } from './friend-lists.js';
import type { FriendRequestBox, FriendRequestRecord } from './friend-requests.js';
import type { FriendRecord, FriendUpdate } from './friends.js';
import { MAX_SOCIAL_BATCH } from './relationships.js';
import {
  MAX_SOCIAL_CHANGE_BYTES,
  MAX_SOCIAL_CHANGES_PER_APPEND,
  MAX_SOCIAL_CHANGES_PER_READ,
  type SocialChange,
} from './social-changes.js';
import {
  checkRecordBatch,
  checkText,
  checkTime,
  compareCodePoints,
  copyTags,
  describe,
  jsonValue,
  tagValues,
  utf8Bytes,
} from './social-records.js';

const KIND = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const BOXES: readonly string[] = ['inbox', 'outbox'] satisfies FriendRequestBox[];
const ADD_TYPES: readonly string[] = ['both', 'single'];

function object(v: unknown, what: string): asserts v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new TypeError(`${what} must be an object, got ${describe(v)}`);
}

/** Distinct names in code-point order (friend groups), each a non-empty text. */
export function groupNames(v: unknown, what: string): string[] {
  if (!Array.isArray(v)) throw new TypeError(`${what} must be an array of names, got ${describe(v)}`);
  if (v.length > MAX_SOCIAL_BATCH) throw new RangeError(`${what} takes at most ${MAX_SOCIAL_BATCH} names`);
  v.forEach((n, i) => checkText(n, `${what}[${i}]`, false));
  return [...new Set(v as string[])].sort(compareCodePoints);
}

export function friendRecord(f: FriendRecord): FriendRecord {
  object(f, 'friend');
  checkUserId(f.peerId);
  checkText(f.remark, 'friend.remark');
  checkText(f.addSource, 'friend.addSource');
  checkText(f.addWording, 'friend.addWording');
  checkTime(f.addTime, 'friend.addTime');
  checkTime(f.remarkTime, 'friend.remarkTime');
  return {
    peerId: f.peerId,
    remark: f.remark,
    groups: groupNames(f.groups, 'friend.groups'),
    addSource: f.addSource,
    addWording: f.addWording,
    addTime: f.addTime,
    remarkTime: f.remarkTime,
    custom: tagValues(f.custom, 'friend.custom'),
  };
}

export function friendUpdate(u: FriendUpdate): FriendUpdate {
  object(u, 'friend update');
  checkUserId(u.peerId);
  const out: FriendUpdate = { peerId: u.peerId };
  if (u.remark !== undefined) checkText((out.remark = u.remark), 'update.remark');
  if (u.remarkTime !== undefined) checkTime((out.remarkTime = u.remarkTime), 'update.remarkTime');
  if (u.removeGroups !== undefined) out.removeGroups = groupNames(u.removeGroups, 'update.removeGroups');
  if (u.addGroups !== undefined) {
    // A name both added and removed ends up removed; dropping it here keeps the two set
    // operations disjoint, so their order (or concurrency) cannot matter.
    const removed = new Set(out.removeGroups);
    out.addGroups = groupNames(u.addGroups, 'update.addGroups').filter((g) => !removed.has(g));
  }
  if (u.custom !== undefined) out.custom = tagValues(u.custom, 'update.custom');
  return out;
}

/** The row after an update, for the implementations that read-modify-write (memory, LMDB). */
export function applyFriendUpdate(f: FriendRecord, u: FriendUpdate): FriendRecord {
  const groups = new Set(f.groups);
  for (const g of u.addGroups ?? []) groups.add(g);
  for (const g of u.removeGroups ?? []) groups.delete(g);
  return {
    ...f,
    remark: u.remark ?? f.remark,
    remarkTime: u.remarkTime ?? f.remarkTime,
    groups: [...groups].sort(compareCodePoints),
    custom: { ...f.custom, ...(u.custom ?? {}) },
  };
}

export const copyFriend = (f: FriendRecord): FriendRecord => ({ ...f, groups: [...f.groups], custom: copyTags(f.custom) });

export function checkBox(box: unknown): asserts box is FriendRequestBox {
  if (!BOXES.includes(box as string)) throw new RangeError(`box must be one of ${BOXES.join('|')}, got ${describe(box)}`);
}

export function requestRecord(r: FriendRequestRecord): FriendRequestRecord {
  object(r, 'request');
  checkUserId(r.peerId);
  checkText(r.addSource, 'request.addSource');
  checkText(r.addWording, 'request.addWording');
  checkText(r.remark, 'request.remark');
  checkText(r.groupName, 'request.groupName');
  if (!ADD_TYPES.includes(r.addType)) throw new RangeError(`request.addType must be one of ${ADD_TYPES.join('|')}, got ${describe(r.addType)}`);
  checkTime(r.time, 'request.time');
  const { peerId, addSource, addWording, remark, groupName, addType, time } = r;
  return { peerId, addSource, addWording, remark, groupName, addType, time };
}

export function blockRecord(b: BlockRecord): BlockRecord {
  object(b, 'block');
  checkUserId(b.peerId);
  checkTime(b.addTime, 'block.addTime');
  return { peerId: b.peerId, addTime: b.addTime };
}

export function blockCursor(c: unknown): BlockCursor | undefined {
  if (c === undefined) return undefined;
  object(c, 'page.after');
  checkUserId(c.peerId);
  checkTime(c.addTime, 'page.after.addTime');
  return { addTime: c.addTime, peerId: c.peerId };
}

/** (addTime, peerId) order of the blocklist. */
export const compareBlocks = (a: BlockCursor, b: BlockCursor): number => a.addTime - b.addTime || compareCodePoints(a.peerId, b.peerId);

export function friendListRecord(l: FriendListRecord): FriendListRecord {
  object(l, 'friend list');
  checkText(l.name, 'friendList.name', false);
  checkTime(l.createdAt, 'friendList.createdAt');
  return { name: l.name, createdAt: l.createdAt };
}

/** A createFriendLists batch: validated copies with distinct names. */
export function friendLists(lists: unknown): FriendListRecord[] {
  const recs = checkRecordBatch(lists, 'lists', friendListRecord);
  if (new Set(recs.map((l) => l.name)).size !== recs.length) throw new RangeError('lists must have distinct names');
  return recs;
}

/** A batch of friend-list names, distinct, in first-seen order. */
export function listNames(names: unknown): string[] {
  if (!Array.isArray(names)) throw new TypeError(`names must be an array, got ${describe(names)}`);
  if (names.length > MAX_SOCIAL_BATCH) throw new RangeError(`names takes at most ${MAX_SOCIAL_BATCH} names, got ${names.length}`);
  names.forEach((n, i) => checkText(n, `names[${i}]`, false));
  return [...new Set(names as string[])];
}

/** Creation order of friend lists. */
export const compareLists = (a: FriendListRecord, b: FriendListRecord): number =>
  a.createdAt - b.createdAt || compareCodePoints(a.name, b.name);

export function checkSeq(v: unknown, what: string, zeroOk: boolean): asserts v is number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < (zeroOk ? 0 : 1)) {
    throw new RangeError(`${what} must be a ${zeroOk ? 'non-negative' : 'positive'} integer, got ${describe(v)}`);
  }
}

/** Validated copies of an append: 1..MAX_SOCIAL_CHANGES_PER_APPEND changes with consecutive seqs. */
export function socialChanges(changes: unknown): SocialChange[] {
  if (!Array.isArray(changes)) throw new TypeError(`changes must be an array, got ${describe(changes)}`);
  if (changes.length === 0 || changes.length > MAX_SOCIAL_CHANGES_PER_APPEND) {
    throw new RangeError(`changes must hold 1..${MAX_SOCIAL_CHANGES_PER_APPEND} changes, got ${changes.length}`);
  }
  const out = changes.map((c: SocialChange, i): SocialChange => {
    object(c, `changes[${i}]`);
    checkSeq(c.seq, `changes[${i}].seq`, false);
    if (typeof c.kind !== 'string' || !KIND.test(c.kind)) throw new RangeError(`changes[${i}].kind must match ${KIND.source}, got ${describe(c.kind)}`);
    checkTime(c.time, `changes[${i}].time`);
    const data = jsonValue(c.data, `changes[${i}].data`);
    if (utf8Bytes(JSON.stringify(data)) > MAX_SOCIAL_CHANGE_BYTES) {
      throw new RangeError(`changes[${i}].data must be at most ${MAX_SOCIAL_CHANGE_BYTES} bytes as JSON`);
    }
    return { seq: c.seq, kind: c.kind, time: c.time, data };
  });
  out.forEach((c, i) => {
    const prev = out[i - 1];
    if (prev && c.seq !== prev.seq + 1) throw new RangeError(`changes must have consecutive seqs, got ${c.seq} after ${prev.seq}`);
  });
  return out;
}

export function checkChangeRead(afterSeq: unknown, limit: unknown): void {
  checkSeq(afterSeq, 'afterSeq', true);
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1 || limit > MAX_SOCIAL_CHANGES_PER_READ) {
    throw new RangeError(`limit must be an integer in 1..${MAX_SOCIAL_CHANGES_PER_READ}, got ${describe(limit)}`);
  }
}

export const copyChange = (c: SocialChange): SocialChange => ({ ...c, data: structuredClone(c.data) });
