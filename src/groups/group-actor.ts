// The group actor (kind 'group', id `${sdkAppId}:${groupId}`, docs/groups.md): the single writer of
// one group. It builds the GroupContext once per activation (cached record, who acts, fan-out),
// runs management turns itself (group-manage*.ts, group-topics.ts) and hands message turns to the
// message side (group-send.ts). Gotcha: group ids may contain ':', so the id splits at the FIRST
// colon only; the cached record is dropped whenever a turn fails (the store is the truth).
import type { Actor, ActorContext, ActorKind, BatchHandler } from '../actors/actor.js';
import { ImError, assertNever } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import { Err } from '../protocol/error-codes.js';
import type { GroupRecord } from '../store/groups.js';
import type { Acting, GroupContext, GroupDeps, GroupFanout } from './group-context.js';
import { GROUP_KIND, isMessageTurn, type GroupBy, type GroupManageMsg, type GroupMsg } from './group-messages.js';
import { createGroup } from './group-manage-create.js';
import { addMembers, applyToJoin, decideRequests } from './group-manage-join.js';
import { joinRoomViewers } from './group-manage-room-join.js';
import { dismissGroup, kickMembers, quitGroup } from './group-manage-leave.js';
import { modifyMember, muteMembers, transferOwner } from './group-manage-members.js';
import { modifyProfile } from './group-manage-profile.js';
import { createTopic, destroyTopics, modifyTopic } from './group-topics.js';
import { groupFanoutOf, groupMessageSide } from './group-wiring.js';

/** Most sends one batch turn takes (one durable append for all of them). */
export const GROUP_SEND_BATCH_MAX = 64;

/** `${sdkAppId}:${groupId}` split at the first colon. */
export function parseGroupActorId(id: string): { sdkAppId: number; groupId: string } {
  const at = id.indexOf(':');
  const sdkAppId = Number(id.slice(0, at));
  if (at <= 0 || !Number.isSafeInteger(sdkAppId) || sdkAppId <= 0) throw new RangeError(`group actor id must start with the sdkAppId, got ${id}`);
  return { sdkAppId, groupId: id.slice(at + 1) };
}

class GroupActorImpl implements Actor<GroupMsg> {
  private readonly ctx: GroupContext;
  private cached: GroupRecord | undefined;
  readonly batch: BatchHandler<GroupMsg>;

  constructor(id: string, deps: GroupDeps, log: Logger) {
    const { sdkAppId, groupId } = parseGroupActorId(id);
    const fanout: GroupFanout = groupFanoutOf(deps, sdkAppId, groupId);
    this.ctx = {
      sdkAppId,
      groupId,
      deps,
      log,
      fanout,
      group: () => this.group(),
      setGroup: (g) => {
        this.cached = g;
      },
      acting: (by) => this.acting(by),
    };
    const side = groupMessageSide();
    this.batch = {
      max: GROUP_SEND_BATCH_MAX,
      accepts: (m) => m.t === 'send',
      handle: (sends) => side.sendBatch(this.ctx, sends),
    };
  }

  async handle(msg: GroupMsg): Promise<unknown> {
    if (msg.sdkAppId !== this.ctx.sdkAppId || msg.groupId !== this.ctx.groupId) {
      throw new ImError(Err.GROUP_INVALID_PARAMS, 'message sent to the wrong group actor');
    }
    try {
      if (isMessageTurn(msg)) return await groupMessageSide().handle(this.ctx, msg);
      return await this.manage(msg);
    } catch (e) {
      // A failed write may have left the cache ahead of or behind the store: reload next turn.
      this.cached = undefined;
      throw e;
    }
  }

  private manage(msg: GroupManageMsg): Promise<unknown> {
    const ctx = this.ctx;
    switch (msg.t) {
      case 'create':
        return createGroup(ctx, msg);
      case 'modify':
        return modifyProfile(ctx, msg);
      case 'addMembers':
        return addMembers(ctx, msg);
      case 'apply':
        return applyToJoin(ctx, msg);
      case 'roomJoin':
        return joinRoomViewers(ctx, msg);
      case 'decide':
        return decideRequests(ctx, msg);
      case 'quit':
        return quitGroup(ctx, msg);
      case 'kick':
        return kickMembers(ctx, msg);
      case 'modifyMember':
        return modifyMember(ctx, msg);
      case 'mute':
        return muteMembers(ctx, msg);
      case 'transfer':
        return transferOwner(ctx, msg);
      case 'dismiss':
        return dismissGroup(ctx, msg);
      case 'topicCreate':
        return createTopic(ctx, msg);
      case 'topicModify':
        return modifyTopic(ctx, msg);
      case 'topicDestroy':
        return destroyTopics(ctx, msg);
      default:
        return assertNever(msg, 'group message');
    }
  }

  private async group(): Promise<GroupRecord> {
    const g = this.cached ?? (await this.ctx.deps.store.groups.getGroup(this.ctx.sdkAppId, this.ctx.groupId));
    if (!g || g.dismissedAt > 0) throw new ImError(Err.GROUP_NOT_FOUND, `group ${this.ctx.groupId} does not exist or was dismissed`);
    this.cached = g;
    return g;
  }

  private async acting(by: GroupBy): Promise<Acting> {
    if (by.admin === true) return { userId: '', actor: 'AppAdmin' };
    const { userId } = by;
    if (this.ctx.deps.apps?.isAdmin(this.ctx.sdkAppId, userId)) return { userId, actor: 'AppAdmin' };
    const member = (await this.ctx.deps.store.groupMembers.getMembers(this.ctx.sdkAppId, this.ctx.groupId, [userId])).get(userId);
    return member ? { userId, actor: member.role, member } : { userId, actor: 'NonMember' };
  }
}

export function groupKind(deps: GroupDeps): ActorKind<GroupMsg> {
  return { kind: GROUP_KIND, create: (id, ctx: ActorContext<GroupMsg>) => new GroupActorImpl(id, deps, ctx.log) };
}
