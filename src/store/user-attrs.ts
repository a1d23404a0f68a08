// Push audiences (all_member_push): per app, up to MAX_PUSH_ATTRS attribute names (slots 0..9);
// per user, attribute values by slot and a set of tags. Values are stored by slot, not by name,
// so renaming a slot keeps its values. A user with no values and no tags has no row, so `scan`
// visits only users a tag/attr condition could match (an unconditioned push pages
// AccountStore.listAccounts instead). Implementations bucket users so one app's rows spread over
// USER_ATTR_BUCKETS partitions (Cassandra); the bucket count must never change once data exists.
// Limits on counts (tags per user) are the domain's: these methods store what they are given.
import { checkAppId, checkUserId } from './records.js';

/** Attribute slots per app: "0".."9" (Tencent: at most 10 push attributes). */
export const MAX_PUSH_ATTRS = 10;
/** Attribute names, values and tags: at most 50 UTF-8 bytes (Tencent). */
export const MAX_PUSH_ATTR_BYTES = 50;
/** Largest scan page. */
export const MAX_USER_ATTR_SCAN = 1000;
/** Partitions per app in bucketed implementations (hash of the user id). Never change it. */
export const USER_ATTR_BUCKETS = 32;

/** Slot -> text (names per app, values per user); slots are 0..MAX_PUSH_ATTRS-1. */
export type AttrSlots = Record<number, string>;

export interface UserPushRecord {
  userId: string;
  attrs: AttrSlots;
  /** Sorted, distinct. */
  tags: string[];
}

export interface UserAttrPage {
  users: UserPushRecord[];
  /** Opaque cursor for the next page; absent when the scan is complete. A page may be short
   *  (even empty) while `next` is still set. */
  next?: string;
}

export interface UserAttrStore {
  /** The app's attribute names by slot ({} when none). */
  getAttrNames(sdkAppId: number): Promise<AttrSlots>;
  /** Sets the given slots' names, keeping the others. */
  setAttrNames(sdkAppId: number, names: AttrSlots): Promise<void>;
  /** Rows of these users; a user with no attrs and no tags is absent. At most MAX_ACCOUNTS_PER_GET ids. */
  getUsers(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, UserPushRecord>>;
  /** Sets the given slots' values, keeping the others. */
  setAttrs(sdkAppId: number, userId: string, attrs: AttrSlots): Promise<void>;
  removeAttrs(sdkAppId: number, userId: string, slots: readonly number[]): Promise<void>;
  addTags(sdkAppId: number, userId: string, tags: readonly string[]): Promise<void>;
  removeTags(sdkAppId: number, userId: string, tags: readonly string[]): Promise<void>;
  clearTags(sdkAppId: number, userId: string): Promise<void>;
  /** Every user of the app with a row, in an implementation-defined order, `limit` rows at most
   *  per page; users written during a scan may or may not be seen. */
  scan(sdkAppId: number, opts: { cursor?: string; limit: number }): Promise<UserAttrPage>;
}

const utf8 = new TextEncoder();

export function checkAttrSlot(slot: unknown): asserts slot is number {
  if (typeof slot !== 'number' || !Number.isInteger(slot) || slot < 0 || slot >= MAX_PUSH_ATTRS) {
    throw new RangeError(`attribute slot must be an integer in 0..${MAX_PUSH_ATTRS - 1}, got ${String(slot)}`);
  }
}

export function checkPushText(v: unknown, what: string): asserts v is string {
  if (typeof v !== 'string') throw new TypeError(`${what} must be a string, got ${typeof v}`);
  if (v.length === 0) throw new RangeError(`${what} must not be empty`);
  if (utf8.encode(v).length > MAX_PUSH_ATTR_BYTES) throw new RangeError(`${what} must be at most ${MAX_PUSH_ATTR_BYTES} UTF-8 bytes`);
}

/** Validated copy of a slot map with numeric keys. */
export function checkSlots(slots: unknown, what: string): AttrSlots {
  if (typeof slots !== 'object' || slots === null || Array.isArray(slots)) throw new TypeError(`${what} must be an object`);
  const out: AttrSlots = {};
  for (const [k, v] of Object.entries(slots)) {
    const slot = Number(k);
    checkAttrSlot(slot);
    checkPushText(v, `${what}[${k}]`);
    out[slot] = v;
  }
  return out;
}

export function checkTags(tags: unknown): string[] {
  if (!Array.isArray(tags)) throw new TypeError('tags must be an array');
  for (const t of tags) checkPushText(t, 'tag');
  return [...new Set(tags as string[])];
}

export function checkScan(sdkAppId: number, opts: { cursor?: string; limit: number }): void {
  checkAppId(sdkAppId);
  if (!Number.isInteger(opts?.limit) || opts.limit < 1 || opts.limit > MAX_USER_ATTR_SCAN) {
    throw new RangeError(`scan limit must be in 1..${MAX_USER_ATTR_SCAN}, got ${String(opts?.limit)}`);
  }
  if (opts.cursor !== undefined && (typeof opts.cursor !== 'string' || opts.cursor.length === 0)) throw new TypeError('scan cursor must be a non-empty string');
}

export function checkUserKey(sdkAppId: number, userId: string): void {
  checkAppId(sdkAppId);
  checkUserId(userId);
}

export const copyUserPush = (r: UserPushRecord): UserPushRecord => ({ userId: r.userId, attrs: { ...r.attrs }, tags: [...r.tags] });
