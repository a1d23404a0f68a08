// Who may send a C2C message, decided before anything is stored or any callback runs (Tencent
// checks the global mute before C2C.CallbackBeforeSendMsg). Pure apart from its store reads,
// which run in parallel. Rules, in order (spec §2.1 #7, #52, §7):
// - REST sends (fromDevice false) skip every check: "no friend/blocklist/mute checks".
// - Device sends: a running C2C mute of the sender fails with 20012, also with NoMsgCheck.
// - NoMsgCheck, and messages to oneself, skip the relationship checks below.
// - The recipient blocks the sender: silent drop, or 20007 when the app sets blockedSenderFails.
//   Checked before friendship, so a blocked sender cannot tell a block from a missing friendship.
// - friendsOnly ("relationship check"): both must list the other; 20009 when neither does, 20010
//   when the sender is not in the recipient's list, 20011 when the recipient is not in the sender's.
import type { MessagingSettings } from '../config/messaging-settings.js';
import { ImError } from '../lib/errors.js';
import { Err } from '../protocol/error-codes.js';
import type { Store } from '../store/index.js';
import { groupMutedUntil, isMuted } from './mute-time.js';

export interface SendRuleDeps {
  store: Pick<Store, 'noSpeaking' | 'friends' | 'blocklist'>;
}

export interface C2cSendFacts {
  sdkAppId: number;
  from: string;
  to: string;
  /** true for a device (client) send; false for REST sendmsg, batchsendmsg and importmsg. */
  fromDevice: boolean;
  /** SendMsgControl NoMsgCheck: skip the relationship checks (blocklist, friendship). */
  noMsgCheck: boolean;
  settings: Pick<MessagingSettings, 'blockedSenderFails' | 'friendsOnly'>;
  nowSec: number;
}

/** ok: go on; drop: answer the sender as if sent, but store, deliver and call back nothing. */
export type C2cSendVerdict = { kind: 'ok' } | { kind: 'drop' };

const OK: C2cSendVerdict = Object.freeze({ kind: 'ok' });
const DROP: C2cSendVerdict = Object.freeze({ kind: 'drop' });

/** Throws ImError 20012 / 20007 / 20009 / 20010 / 20011, or returns the verdict. */
export async function checkC2cSend(deps: SendRuleDeps, f: C2cSendFacts): Promise<C2cSendVerdict> {
  if (!f.fromDevice) return OK;
  const { store } = deps;
  const relations = !f.noMsgCheck && f.from !== f.to;
  const friendsToo = relations && f.settings.friendsOnly;
  const [mute, blocks, mine, theirs] = await Promise.all([
    store.noSpeaking.get(f.sdkAppId, f.from),
    relations ? store.blocklist.getBlocks(f.sdkAppId, f.to, [f.from]) : undefined,
    friendsToo ? store.friends.getFriends(f.sdkAppId, f.from, [f.to]) : undefined,
    friendsToo ? store.friends.getFriends(f.sdkAppId, f.to, [f.from]) : undefined,
  ]);
  if (isMuted(mute.c2cUntil, f.nowSec)) throw new ImError(Err.C2C_SENDER_MUTED, `${f.from} is muted for one-to-one messages`);
  if (!relations) return OK;
  if (blocks?.has(f.from)) {
    if (f.settings.blockedSenderFails) throw new ImError(Err.C2C_BLOCKED, `${f.to} has blocked ${f.from}`);
    return DROP;
  }
  if (!friendsToo) return OK;
  const senderListsPeer = mine?.has(f.to) ?? false;
  const peerListsSender = theirs?.has(f.from) ?? false;
  if (!senderListsPeer && !peerListsSender) throw new ImError(Err.C2C_NOT_FRIENDS, `${f.from} and ${f.to} are not friends`);
  if (!peerListsSender) throw new ImError(Err.C2C_NOT_PEERS_FRIEND, `${f.from} is not in ${f.to}'s friend list`);
  if (!senderListsPeer) throw new ImError(Err.C2C_PEER_NOT_FRIEND, `${f.to} is not in ${f.from}'s friend list`);
  return OK;
}

export type C2cSendOutcome = C2cSendVerdict | { kind: 'refuse'; error: ImError };

/**
 * checkC2cSend for every send of one actor turn, in input order, a refusal as a value instead of
 * a throw. Sends with the same (from, to, fromDevice, noMsgCheck) share one check: a turn's sends
 * are one pair's, so a batch costs at most a few reads whatever its size. Other errors (a store
 * failure) reject the whole batch.
 */
export async function checkC2cSendBatch(deps: SendRuleDeps, sends: readonly C2cSendFacts[]): Promise<C2cSendOutcome[]> {
  const shared = new Map<string, Promise<C2cSendOutcome>>();
  return Promise.all(
    sends.map((f) => {
      const key = [f.sdkAppId, f.from, f.to, f.fromDevice, f.noMsgCheck, f.settings.blockedSenderFails, f.settings.friendsOnly, f.nowSec].join('\u0000');
      let p = shared.get(key);
      if (!p) {
        p = checkC2cSend(deps, f).catch((e: unknown): C2cSendOutcome => {
          if (e instanceof ImError) return { kind: 'refuse', error: e };
          throw e;
        });
        shared.set(key, p);
      }
      return p;
    }),
  );
}

/**
 * The deadline of the user's running global group-message mute, or 0 (for the group send path:
 * a non-zero answer means refuse with 10017 before the before-send callback; REST group sends skip it).
 */
export async function groupMuteDeadline(deps: { store: Pick<Store, 'noSpeaking'> }, sdkAppId: number, userId: string, nowSec: number): Promise<number> {
  return groupMutedUntil(await deps.store.noSpeaking.get(sdkAppId, userId), nowSec);
}
