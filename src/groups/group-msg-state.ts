// What the message turns keep per activation of a group actor: the timelines' seq state and the
// live room's rate window. Created on first use and hung on the GroupContext (msgState), so the
// actor needs to know nothing about it; a new activation starts fresh and reloads from the store.
import type { GroupContext } from './group-context.js';
import { RoomRate } from './group-msg-rate.js';
import { GroupSeqs } from './group-seqs.js';

export interface GroupMsgState {
  seqs: GroupSeqs;
  rate: RoomRate;
}

export function msgStateOf(ctx: GroupContext): GroupMsgState {
  if (ctx.msgState === undefined) {
    const st: GroupMsgState = { seqs: new GroupSeqs(ctx.sdkAppId, ctx.deps.store, ctx.deps.clock), rate: new RoomRate() };
    ctx.msgState = st;
  }
  return ctx.msgState;
}
