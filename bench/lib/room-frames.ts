// What bench:room sends: message texts carrying a marker and the send time (unix ms), so the
// generators count messages with a byte search and sampled sockets read the publish->receive
// latency; and, for the raw uWS baseline, the same GROUP_MSG frame the IM edge would write.
import { encodeServerFrame } from '../../src/protocol/codec.js';
import { Op } from '../../src/protocol/ops.js';

export const MARKER = '~rmk~';

export const roomText = (sentMs: number): string => `${MARKER}${sentMs}`;

/** One message as a GROUP_MSG frame, shaped as the group actor delivers it. */
export function rawRoomFrame(groupId: string, sentMs: number, priority: string, seq: number): Uint8Array {
  const body = [{ MsgType: 'TIMTextElem', MsgContent: { Text: roomText(sentMs) } }];
  return encodeServerFrame({ op: Op.GROUP_MSG, d: { groupId, msgs: [{ seq: 0, key: `k${seq}`, from: '', time: Math.floor(sentMs / 1000), random: seq, body, priority }] } });
}
