// Edit of one C2C message, run inside the pair's conversation actor: replaces its body and/or
// CloudCustomData (same seq and key, flags.edited set) and sends the new version to both users'
// devices as C2C_MODIFIED. The parts are checked by the caller with the send parser (12 KB rule
// over the resulting body + CloudCustomData here). Codes: 90054 malformed key, 20022 no such
// message (or, from a device, not its own), 20023 recalled messages cannot be edited.
import { ImError } from '../lib/errors.js';
import { messageBytes, MAX_MSG_BYTES } from '../messaging/msg-body.js';
import { parseMsgKey } from '../messaging/msg-key.js';
import type { MsgElement } from '../messaging/msg-types.js';
import { Err } from '../protocol/error-codes.js';
import { Op } from '../protocol/ops.js';
import type { Store } from '../store/index.js';
import type { MessagePatch } from '../store/messages.js';
import { c2cConvId, type C2cModify } from './c2c-messages.js';
import { pushC2cFrame, type C2cPushDeps } from './c2c-push.js';
import { messageInfo } from './c2c-view.js';
import type { C2cMessageInfo } from '../protocol/c2c-frames.js';

export interface ModifyDeps extends C2cPushDeps {
  store: Pick<Store, 'messages'>;
}

export async function modifyMessage(deps: ModifyDeps, r: C2cModify): Promise<{ msg: C2cMessageInfo; push: () => Promise<void> }> {
  const { seq } = parseMsgKey(r.key);
  const convId = c2cConvId(r.from, r.to);
  const msg = await deps.store.messages.getByKey(r.sdkAppId, convId, r.key);
  if (!msg || msg.seq !== seq || (r.by === 'user' && msg.from !== r.from)) throw new ImError(Err.C2C_RECALL_NOT_FOUND, 'the message to modify does not exist');
  if (msg.flags.recalled) throw new ImError(Err.C2C_ALREADY_RECALLED, 'a recalled message cannot be modified');
  const body = r.body ?? msg.body;
  const ccd = r.cloudCustomData ?? msg.cloudCustomData;
  const bytes = messageBytes(body as unknown as MsgElement[], ccd || undefined);
  if (bytes > MAX_MSG_BYTES) throw new ImError(Err.MSG_TOO_LONG, `the modified message is ${bytes} bytes, at most ${MAX_MSG_BYTES}`);
  const patch: MessagePatch = { edited: true, ...(r.body ? { body: r.body } : {}), ...(r.cloudCustomData !== undefined ? { cloudCustomData: r.cloudCustomData } : {}) };
  const after = await deps.store.messages.patch(r.sdkAppId, convId, msg.seq, patch);
  if (!after) throw new ImError(Err.C2C_RECALL_NOT_FOUND, 'the message to modify does not exist');
  const info = messageInfo(after);
  const users = info.from === info.to ? [info.from] : [info.from, info.to];
  return { msg: info, push: () => pushC2cFrame(deps, r.sdkAppId, users, { op: Op.C2C_MODIFIED, d: { msg: info } }) };
}
