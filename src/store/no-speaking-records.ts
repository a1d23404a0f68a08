// Boundary checks shared by every NoSpeakingStore implementation, so a bad call fails with the
// same clear error in memory, LMDB and Cassandra (user-facing validation with Tencent codes is
// moderation/rest.ts's job). Deadlines are non-negative safe integers up to NO_SPEAKING_FOREVER.
import { MAX_NO_SPEAKING_BATCH, NO_SPEAKING_FOREVER, type NoSpeakingChange, type NoSpeakingRecord } from './no-speaking.js';
import { checkUserId } from './records.js';

export const NOT_MUTED: Readonly<NoSpeakingRecord> = Object.freeze({ c2cUntil: 0, groupUntil: 0 });

function checkDeadline(v: unknown, what: string): asserts v is number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > NO_SPEAKING_FOREVER) {
    throw new RangeError(`${what} must be a non-negative integer (unix seconds) or NO_SPEAKING_FOREVER, got ${String(v)}`);
  }
}

/** Validated copy of a change with only its present known fields; at least one is required. */
export function checkNoSpeakingChange(change: NoSpeakingChange): NoSpeakingChange {
  if (typeof change !== 'object' || change === null) throw new TypeError('no-speaking change must be an object');
  const out: NoSpeakingChange = {};
  if (change.c2cUntil !== undefined) {
    checkDeadline(change.c2cUntil, 'c2cUntil');
    out.c2cUntil = change.c2cUntil;
  }
  if (change.groupUntil !== undefined) {
    checkDeadline(change.groupUntil, 'groupUntil');
    out.groupUntil = change.groupUntil;
  }
  if (out.c2cUntil === undefined && out.groupUntil === undefined) throw new RangeError('no-speaking change must set c2cUntil or groupUntil');
  return out;
}

/** Validates a getMany batch and returns its distinct ids in first-seen order. */
export function checkNoSpeakingBatch(userIds: readonly string[]): string[] {
  if (!Array.isArray(userIds)) throw new TypeError('userIds must be an array');
  const distinct = [...new Set<unknown>(userIds)];
  if (distinct.length > MAX_NO_SPEAKING_BATCH) {
    throw new RangeError(`no-speaking getMany takes at most ${MAX_NO_SPEAKING_BATCH} distinct ids, got ${distinct.length}`);
  }
  for (const id of distinct) checkUserId(id);
  return distinct as string[];
}

export const applyChange = (cur: NoSpeakingRecord, change: NoSpeakingChange): NoSpeakingRecord => ({
  c2cUntil: change.c2cUntil ?? cur.c2cUntil,
  groupUntil: change.groupUntil ?? cur.groupUntil,
});

export const isUnset = (r: NoSpeakingRecord): boolean => r.c2cUntil === 0 && r.groupUntil === 0;
