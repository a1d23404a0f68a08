// Recall (withdraw) of one C2C message, run inside the pair's conversation actor: the message stays
// in the timeline as a placeholder (recalled flag, empty body, same seq and key) so history and
// sync keep their numbering, and both users' devices get a C2C_RECALLED notice. A device recalls
// only its own messages and within RECALL_LIMIT_SEC (spec §7: 2 minutes, 20016 after); the admin
// has no time limit. Codes: 90054 malformed key, 20022 no such message, 20023 already recalled.
import type { Clock } from '../lib/clock.js';
import { DEFAULT_MESSAGING } from '../config/messaging-settings.js';
import { ImError } from '../lib/errors.js';
import { parseMsgKey } from '../messaging/msg-key.js';
import { Err } from '../protocol/error-codes.js';
import { Op } from '../protocol/ops.js';
import type { Store } from '../store/index.js';
import { c2cConvId, type C2cRecall } from './c2c-messages.js';
import { pushC2cFrame, type C2cPushDeps } from './c2c-push.js';

/** How long after sending a device may recall when the app sets nothing (spec §7: 2 minutes). */
export const RECALL_LIMIT_SEC = DEFAULT_MESSAGING.recallLimitSec;

export interface RecallDeps extends C2cPushDeps {
  store: Pick<Store, 'messages'>;
  clock: Clock;
}

export interface RecallRules {
  /** How long after sending its sender may recall a message (the app's recallLimitSec). */
  limitSec: number;
}

/** Patches the message; returns the push to send once the turn has answered. */
export async function recallMessage(deps: RecallDeps, r: C2cRecall, rules: RecallRules = { limitSec: RECALL_LIMIT_SEC }): Promise<{ seq: number; push: () => Promise<void> }> {
  const { seq } = parseMsgKey(r.key);
  const convId = c2cConvId(r.from, r.to);
  const msg = await deps.store.messages.getByKey(r.sdkAppId, convId, r.key);
  if (!msg || msg.seq !== seq || (r.by === 'user' && msg.from !== r.from)) throw new ImError(Err.C2C_RECALL_NOT_FOUND, 'the message to withdraw does not exist');
  if (msg.flags.recalled) throw new ImError(Err.C2C_ALREADY_RECALLED, 'the message was already withdrawn');
  if (r.by === 'user' && Math.floor(deps.clock.nowMs() / 1000) - msg.time > rules.limitSec) {
    throw new ImError(Err.C2C_RECALL_TIME_LIMIT, `messages can be recalled within ${rules.limitSec} s of sending`);
  }
  await deps.store.messages.patch(r.sdkAppId, convId, msg.seq, { recalled: true, body: [] });
  const notice = { from: msg.from, to: msg.to ?? '', seq: msg.seq, key: msg.key };
  return { seq: msg.seq, push: () => pushC2cFrame(deps, r.sdkAppId, msg.from === notice.to ? [msg.from] : [msg.from, notice.to], { op: Op.C2C_RECALLED, d: notice }) };
}
