// REST openim/delete_c2c_msg_ramble (spec §2.1 #15): deletes messages from Operator_Account's own
// roaming view (the peer keeps them); answers the keys that named nothing in InvalidMsgKeyList.
import type { RestContext } from '../rest/context.js';
import { readAccount, readArray } from '../rest/validate.js';
import { hideForUser } from './c2c-hidden.js';
import { messagingOf, roamingSeconds } from '../config/messaging-settings.js';

/** MsgKeys one call names at most. */
export const MAX_RAMBLE_DELETE_KEYS = 100;

export async function deleteC2cMsgRamble(ctx: RestContext, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const operator = readAccount(body, ['Operator_Account']);
  const peer = readAccount(body, ['Peer_Account']);
  const keys = readArray(body, 'MsgKeyList', MAX_RAMBLE_DELETE_KEYS).map((k) => (typeof k === 'string' ? k : String(k)));
  const invalid = await hideForUser(ctx.deps.store.messages, ctx.sdkAppId, operator, peer, keys, roamingSeconds(messagingOf(ctx.app)));
  return invalid.length > 0 ? { InvalidMsgKeyList: invalid } : {};
}
