// What the message turns keep per activation of a group actor: the timelines' seq state and the
// send rate windows (live room by priority, other groups flat). Created on first use and hung on the GroupContext (msgState), so the
// actor needs to know nothing about it; a new activation starts fresh and reloads from the store.
import type { GroupContext } from './group-context.js';
import { FLAT_SHARE, GROUP_MSG_RATE, RoomRate } from './group-msg-rate.js';
import { GroupSeqs } from './group-seqs.js';

export interface GroupMsgState {
  seqs: GroupSeqs;
  /** AVChatRoom: the live room's priority window. */
  rate: RoomRate;
  /** Other types: the plain send rate. */
  sendRate: RoomRate;
}

export function msgStateOf(ctx: GroupContext): GroupMsgState {
  if (ctx.msgState === undefined) {
    const st: GroupMsgState = { seqs: new GroupSeqs(ctx.sdkAppId, ctx.deps.store, ctx.deps.clock), rate: new RoomRate(), sendRate: new RoomRate(GROUP_MSG_RATE, FLAT_SHARE) };
    ctx.msgState = st;
  }
  return ctx.msgState;
}
