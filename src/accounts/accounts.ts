// Account rules and operations behind im_open_login_svc and the online-state queries (spec §2.1
// items 1-6). camelCase domain; the Tencent field names live in rest.ts. Deleting or kicking an
// account disconnects its devices through its session actor; kick also sets the sig floor first,
// so even a device the session actor cannot reach is refused at its next login (70052).
import type { ActorClient } from '../actors/actor.js';
import { ImError, isImError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import type { Presence, UserOnlineState } from '../presence/presence.js';
import { Err } from '../protocol/error-codes.js';
import { sessionAddr, type SessionMsg } from '../sessions/session-messages.js';
import type { AccountRecord, Store } from '../store/index.js';

export const MAX_USER_ID_BYTES = 32;
/** Nick and FaceUrl share the profile value limit (spec §8, 40601: value > 500 bytes). */
export const MAX_NICK_BYTES = 500;
export const MAX_FACE_URL_BYTES = 500;
/** account import/delete/check batches (spec §8). */
export const ACCOUNT_BATCH_MAX = 100;
/** query_online_status (spec §8). */
export const ONLINE_QUERY_MAX = 500;

export interface AccountInput {
  userId: string;
  /** Absent = keep the current value (or "" for a new account). */
  nick?: string;
  faceUrl?: string;
}

const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
// JSON "\ud800" decodes to a lone surrogate, which UTF-8 storage would turn into U+FFFD.
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a UserID cannot exist, or undefined when it can. Such an ID is never sent to the store
 *  (which refuses it): importing it fails, and looking it up finds nothing. */
export function userIdProblem(userId: string): string | undefined {
  if (userId === '') return 'UserID is empty';
  if (utf8Bytes(userId) > MAX_USER_ID_BYTES) return `UserID is longer than ${MAX_USER_ID_BYTES} bytes`;
  if (LONE_SURROGATE.test(userId)) return 'UserID is not well-formed Unicode';
  return undefined;
}

const canExist = (userId: string): boolean => userIdProblem(userId) === undefined;

/** Why nick/faceUrl cannot be stored, or undefined. */
export function profileProblem(input: AccountInput): string | undefined {
  if (input.nick !== undefined && utf8Bytes(input.nick) > MAX_NICK_BYTES) return `Nick is longer than ${MAX_NICK_BYTES} bytes`;
  if (input.faceUrl !== undefined && utf8Bytes(input.faceUrl) > MAX_FACE_URL_BYTES) return `FaceUrl is longer than ${MAX_FACE_URL_BYTES} bytes`;
  return undefined;
}

function record(input: AccountInput, existing: AccountRecord | undefined, nowMs: number): Omit<AccountRecord, 'sigFloor'> {
  return {
    userId: input.userId,
    nick: input.nick ?? existing?.nick ?? '',
    faceUrl: input.faceUrl ?? existing?.faceUrl ?? '',
    importedAt: existing?.importedAt ?? nowMs,
  };
}

/** Imports one account; re-importing is idempotent and keeps fields that were not given. */
export async function importAccount(store: Store, sdkAppId: number, input: AccountInput, nowMs: number): Promise<void> {
  const problem = userIdProblem(input.userId) ?? profileProblem(input);
  if (problem) throw new ImError(Err.INVALID_PARAMS, problem);
  const existing = await store.accounts.getAccount(sdkAppId, input.userId);
  await store.accounts.importAccount(sdkAppId, record(input, existing, nowMs));
}

/** Imports a batch; returns the UserIDs that failed (invalid, or the write failed), in input order. */
export async function importAccounts(store: Store, sdkAppId: number, inputs: readonly AccountInput[], nowMs: number, log: Logger): Promise<string[]> {
  const valid = inputs.filter((i) => !userIdProblem(i.userId) && !profileProblem(i));
  const existing = await store.accounts.getAccounts(sdkAppId, [...new Set(valid.map((i) => i.userId))]);
  const results = await Promise.allSettled(
    valid.map((i) => store.accounts.importAccount(sdkAppId, record(i, existing.get(i.userId), nowMs))),
  );
  const failedWrites = new Set<AccountInput>();
  results.forEach((r, idx) => {
    if (r.status === 'rejected') {
      failedWrites.add(valid[idx]!);
      log.warn('account import failed', { userId: valid[idx]!.userId, err: r.reason });
    }
  });
  const validSet = new Set(valid);
  return inputs.filter((i) => !validSet.has(i) || failedWrites.has(i)).map((i) => i.userId);
}

/** Deletes each account and disconnects its devices; returns whether each one existed. */
export async function deleteAccounts(store: Store, actors: ActorClient, sdkAppId: number, userIds: readonly string[]): Promise<boolean[]> {
  const existed = await Promise.all(userIds.map((id) => (canExist(id) ? store.accounts.deleteAccount(sdkAppId, id) : false)));
  const kick: SessionMsg = { t: 'kickAll', reason: 'deleted' };
  userIds.forEach((id, i) => {
    if (existed[i]) actors.tell(sessionAddr(sdkAppId, id), kick);
  });
  return existed;
}

/** The subset of userIds that are imported. */
export async function existingAccounts(store: Store, sdkAppId: number, userIds: readonly string[]): Promise<Set<string>> {
  const candidates = [...new Set(userIds)].filter(canExist);
  if (candidates.length === 0) return new Set();
  const found = await store.accounts.getAccounts(sdkAppId, candidates);
  return new Set(found.keys());
}

/**
 * Invalidates every UserSig issued before now (sig floor) and disconnects every device. Unknown
 * account: 70107. When the session actor does not answer, the floor is already set, so the
 * caller learns the disconnect is uncertain (70169 timeout / 70500) and may retry; both are safe.
 */
export async function kickAccount(store: Store, actors: ActorClient, sdkAppId: number, userId: string, nowSec: number, timeoutMs: number): Promise<number> {
  if (!canExist(userId) || !(await store.accounts.setSigFloor(sdkAppId, userId, nowSec))) {
    throw new ImError(Err.ACCOUNT_NOT_FOUND, `account ${userId} does not exist`);
  }
  const msg: SessionMsg = { t: 'kickAll', reason: 'admin' };
  try {
    const kicked = await actors.ask<unknown>(sessionAddr(sdkAppId, userId), msg, { timeoutMs });
    return typeof kicked === 'number' ? kicked : 0;
  } catch (e) {
    if (isImError(e) && e.code === Err.REQUEST_TIMEOUT) {
      throw new ImError(Err.INTERNAL_TIMEOUT, 'kick: the UserSig was invalidated but the devices did not confirm the disconnect in time; retry');
    }
    throw new ImError(Err.INTERNAL, `kick: the UserSig was invalidated but disconnecting failed (${isImError(e) ? e.code : 'error'}); retry`);
  }
}

export interface OnlineStates {
  /** Imported accounts, in request order, with their state. */
  found: Array<{ userId: string; state: UserOnlineState }>;
  /** Accounts that are not imported (70107). */
  missing: string[];
}

/** Online state of each requested account (deduplicated, request order kept). */
export async function onlineStates(store: Store, presence: Presence, sdkAppId: number, userIds: readonly string[]): Promise<OnlineStates> {
  const unique = [...new Set(userIds)];
  const exists = await existingAccounts(store, sdkAppId, unique);
  const present = unique.filter((id) => exists.has(id));
  const states = present.length ? await presence.onlineState(sdkAppId, present) : new Map<string, UserOnlineState>();
  return {
    found: present.map((userId) => ({ userId, state: states.get(userId) ?? { status: 'Offline', devices: [] } })),
    missing: unique.filter((id) => !exists.has(id)),
  };
}
