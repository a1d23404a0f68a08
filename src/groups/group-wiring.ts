// Where the group actor meets the parts built beside it: the fan-out (group-fanout.ts), the
// message turns (group-send.ts) and member-change tips (storeTip). Kept in one file so each bridge
// is one import to switch when its part lands; until then a bridge answers honestly: message turns
// fail with "not ready", tips are not stored.
import type { BatchOutcome } from '../actors/actor.js';
import { ImError } from '../lib/errors.js';
import type { GroupTipInfo } from '../protocol/group-frames.js';
import { Err } from '../protocol/error-codes.js';
import type { GroupContext, GroupDeps, GroupFanout } from './group-context.js';
import { createGroupFanout } from './group-fanout.js';
import type { GroupMsg, GroupMsgMsg } from './group-messages.js';

export interface GroupMessageSide {
  sendBatch(ctx: GroupContext, sends: GroupMsg[]): Promise<BatchOutcome[]>;
  handle(ctx: GroupContext, msg: GroupMsgMsg): Promise<unknown>;
}

const notReady = (): ImError => new ImError(Err.INTERNAL, 'group messages not ready');

export function groupMessageSide(): GroupMessageSide {
  return {
    sendBatch: (_ctx, sends) => Promise.resolve(sends.map(() => ({ err: notReady() }))),
    handle: () => Promise.reject(notReady()),
  };
}

export function groupFanoutOf(deps: GroupDeps, sdkAppId: number, groupId: string): GroupFanout {
  return createGroupFanout({ bus: deps.bus, presence: deps.presence, log: deps.log, ...(deps.metrics ? { metrics: deps.metrics } : {}) }, sdkAppId, groupId);
}

/** Stores (where the type keeps them) and delivers a tip; a failure is logged, never fatal. */
export async function storeGroupTip(ctx: GroupContext, tip: GroupTipInfo): Promise<void> {
  void ctx;
  void tip;
}
