// "Delete for oneself" in C2C conversations: the messages stay for the peer and are hidden from
// this user's sync and history (MessageStore.hide / hidden). Shared by the C2C_DELETE op and REST
// delete_c2c_msg_ramble. A key is invalid when it is malformed or names no stored message.
import { isImError } from '../lib/errors.js';
import { parseMsgKey } from '../messaging/msg-key.js';
import type { Store } from '../store/index.js';
import { MAX_HIDDEN_SPAN, type StoredMessage } from '../store/messages.js';
import { c2cConvId } from './c2c-messages.js';

type Messages = Pick<Store, 'messages'>['messages'];

/** Hides the messages named by keys from user's view; returns the keys that named nothing. The
 *  marks live as long as the app keeps messages (ttlSec: its roaming retention). */
export async function hideForUser(messages: Messages, sdkAppId: number, user: string, peer: string, keys: readonly string[], ttlSec: number): Promise<string[]> {
  const convId = c2cConvId(user, peer);
  const named: Array<[number, string]> = [];
  const invalid: string[] = [];
  for (const k of keys) {
    try {
      named.push([parseMsgKey(k).seq, k]);
    } catch (e) {
      if (!isImError(e)) throw e;
      invalid.push(k);
    }
  }
  const found = await messages.getBySeqs(sdkAppId, convId, [...new Set(named.map(([seq]) => seq))]);
  const keyAt = new Map(found.map((m) => [m.seq, m.key]));
  const ok = new Set<number>();
  for (const [seq, k] of named) {
    if (keyAt.get(seq) === k) ok.add(seq);
    else invalid.push(k);
  }
  if (ok.size > 0) await messages.hide(sdkAppId, user, convId, [...ok], { ttlSec });
  return invalid;
}

/** The page without the messages user has hidden (one hidden() query per MAX_HIDDEN_SPAN). */
export async function withoutHidden(messages: Messages, sdkAppId: number, user: string, convId: string, page: StoredMessage[]): Promise<StoredMessage[]> {
  if (page.length === 0) return page;
  const seqs = page.map((m) => m.seq);
  const lo = Math.min(...seqs);
  const hi = Math.max(...seqs);
  const hidden = new Set<number>();
  for (let from = lo; from <= hi; from += MAX_HIDDEN_SPAN) {
    for (const s of await messages.hidden(sdkAppId, user, convId, from, Math.min(hi, from + MAX_HIDDEN_SPAN - 1))) hidden.add(s);
  }
  return hidden.size === 0 ? page : page.filter((m) => !hidden.has(m.seq));
}
