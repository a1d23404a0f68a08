// Per-message read receipts (spec §7: IsNeedReadReceipt), run inside the pair's conversation
// actor: the reader marks the peer's messages that asked for a receipt (extra.peerRead, the rest of
// extra kept); the sender's devices get C2C_RECEIPTS with the keys newly marked. Keys that are
// malformed, name no message, name the reader's own message or one without the request are
// skipped; a repeated receipt marks nothing again.
import { isImError } from '../lib/errors.js';
import { parseMsgKey } from '../messaging/msg-key.js';
import { Op } from '../protocol/ops.js';
import type { Store } from '../store/index.js';
import { c2cConvId, type C2cReceipt } from './c2c-messages.js';
import { pushC2cFrame, type C2cPushDeps } from './c2c-push.js';

export interface ReceiptDeps extends C2cPushDeps {
  store: Pick<Store, 'messages'>;
}

export async function markReceipts(deps: ReceiptDeps, r: C2cReceipt): Promise<{ keys: string[]; push?: () => Promise<void> }> {
  const convId = c2cConvId(r.reader, r.peer);
  const wanted = new Map<number, string>();
  for (const k of r.keys) {
    try {
      wanted.set(parseMsgKey(k).seq, k);
    } catch (e) {
      if (!isImError(e)) throw e;
    }
  }
  const found = await deps.store.messages.getBySeqs(r.sdkAppId, convId, [...wanted.keys()]);
  const marked: string[] = [];
  for (const m of found) {
    if (wanted.get(m.seq) !== m.key || m.from !== r.peer || m.extra.needReadReceipt !== true || m.extra.peerRead === true) continue;
    await deps.store.messages.patch(r.sdkAppId, convId, m.seq, { extra: { ...m.extra, peerRead: true } });
    marked.push(m.key);
  }
  if (marked.length === 0) return { keys: marked };
  return { keys: marked, push: () => pushC2cFrame(deps, r.sdkAppId, [r.peer], { op: Op.C2C_RECEIPTS, d: { reader: r.reader, keys: marked } }) };
}
