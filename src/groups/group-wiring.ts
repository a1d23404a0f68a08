// Where the group actor meets the parts built beside it: the fan-out (group-fanout.ts), the
// message turns (group-send.ts) and member-change tips (storeTip in group-msg-tips.ts). Kept in one
// file so the management side names each of them once.
import type { BatchOutcome } from '../actors/actor.js';
import type { GroupTipInfo } from '../protocol/group-frames.js';
import type { GroupContext, GroupDeps, GroupFanout } from './group-context.js';
import { createGroupFanout } from './group-fanout.js';
import type { GroupMsg, GroupMsgMsg, GroupSend } from './group-messages.js';
import { handleMessageTurn, sendGroupBatch, storeTip } from './group-send.js';

export interface GroupMessageSide {
  sendBatch(ctx: GroupContext, sends: GroupMsg[]): Promise<BatchOutcome[]>;
  handle(ctx: GroupContext, msg: GroupMsgMsg): Promise<unknown>;
}

export function groupMessageSide(): GroupMessageSide {
  return {
    // The batch handler accepts only t === 'send' (group-actor.ts).
    sendBatch: (ctx, sends) => sendGroupBatch(ctx, sends as GroupSend[]),
    handle: handleMessageTurn,
  };
}

export function groupFanoutOf(deps: GroupDeps, sdkAppId: number, groupId: string): GroupFanout {
  return createGroupFanout({ bus: deps.bus, presence: deps.presence, log: deps.log, ...(deps.metrics ? { metrics: deps.metrics } : {}) }, sdkAppId, groupId);
}

/** Stores (where the type keeps them) and delivers a tip; `alsoTo` reaches users just removed.
 *  Answers the tip's seq (0 when not stored). */
export async function storeGroupTip(ctx: GroupContext, tip: GroupTipInfo, alsoTo?: readonly string[]): Promise<number> {
  return (await storeTip(ctx, tip, alsoTo && alsoTo.length > 0 ? { alsoTo } : {})).seq;
}
