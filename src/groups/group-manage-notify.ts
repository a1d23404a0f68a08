// What management turns tell the world after (or, for before-callbacks, ask before) a change:
// Group.* webhooks of spec §5 (before: ErrorCode 0 allow, 1 refuse with 10016, 10100-10200 passed
// through; a failed call follows the app's failOpen), member-change tips (where the type sends
// them) and the fan-out subscriptions of joiners and leavers. After-callbacks never block.
// Gotcha: leavers get their tip before they are unsubscribed, or they would never see it.
import { askBeforeAnswer } from '../messaging/send-callback.js';
import { Err } from '../protocol/error-codes.js';
import type { GroupRecord } from '../store/groups.js';
import { Callback, type CallbackCommand } from '../webhooks/commands.js';
import type { CallbackMeta } from '../webhooks/webhooks.js';
import type { GroupContext } from './group-context.js';
import { wireGroupType } from './group-kinds.js';
import { rulesOf } from './group-type-rules.js';
import { chunks } from './group-manage-rows.js';
import { storeGroupTip } from './group-wiring.js';
import { GROUP_CALLBACK_CODE_MAX, GROUP_CALLBACK_CODE_MIN } from './group-msg-callbacks.js';

/** A live room above this many members sends no join/quit tips: every tip goes to every socket in
 *  the room, so a mass join would cost members x joins frames. */
export const LIVE_ROOM_TIPS_MAX_MEMBERS = 200;

/** Whether member-change tips go out for this group now (counted when a live room is too big). */
function tipsFor(ctx: GroupContext, g: GroupRecord): boolean {
  if (!rulesOf(g.type).tipsSent) return false;
  if (g.type !== 'AVChatRoom' || g.memberCount <= LIVE_ROOM_TIPS_MAX_MEMBERS) return true;
  ctx.deps.metrics?.groupLimitHits.inc({ limit: 'live_room_tips' });
  return false;
}

export const metaOf = (m: { optPlatform?: string }): CallbackMeta => ({ optPlatform: m.optPlatform ?? 'RESTAPI' });

/** Runs a before-callback; throws the refusal, or returns the answered body (empty when skipped). */
export async function askBefore(ctx: GroupContext, command: CallbackCommand, body: Record<string, unknown>, meta: CallbackMeta): Promise<Record<string, unknown>> {
  const webhooks = ctx.deps.webhooks;
  if (!webhooks) return {};
  const rules = { command, refusedCode: Err.GROUP_CALLBACK_REFUSED, appCodes: { min: GROUP_CALLBACK_CODE_MIN, max: GROUP_CALLBACK_CODE_MAX } };
  return (await askBeforeAnswer(webhooks, ctx.sdkAppId, rules, body, meta, `the app backend did not answer ${command}`)) ?? {};
}

export function tellAfter(ctx: GroupContext, command: CallbackCommand, body: Record<string, unknown>, meta: CallbackMeta): void {
  ctx.deps.webhooks?.after(ctx.sdkAppId, command, body, meta);
}

export const accountList = (ids: readonly string[]): Array<{ Member_Account: string }> => ids.map((Member_Account) => ({ Member_Account }));

const base = (g: GroupRecord): Record<string, unknown> => ({ GroupId: g.groupId, Type: wireGroupType(g.type) });

export interface JoinNews {
  operator: string;
  users: readonly string[];
  joinType: 'Apply' | 'Invited';
  /** add_group_member Silence: no tip. */
  silence?: boolean;
  /** import_group_member: no tips, no callbacks. */
  imported?: boolean;
  meta: CallbackMeta;
}

/** New members: subscribe their sockets, tip, AfterNewMemberJoin, and AfterGroupFull when it filled. */
export async function announceJoin(ctx: GroupContext, g: GroupRecord, news: JoinNews): Promise<void> {
  if (news.users.length === 0) return;
  // Live rooms subscribe the joining socket at the edge (ROOM_JOIN), never every socket of a user.
  if (g.type !== 'AVChatRoom') await safely(ctx, 'subscribe', () => ctx.fanout.subscribe(news.users, true));
  if (news.imported) return;
  if (!news.silence && tipsFor(ctx, g)) {
    await safely(ctx, 'tip', async () => {
      const seq = await storeGroupTip(ctx, { kind: 'join', operator: news.operator, users: [...news.users] });
      // Their own join tip is not unread for the joiners.
      for (const part of chunks(news.users)) if (seq > 0) await ctx.deps.store.groupMembers.updateMembers(ctx.sdkAppId, g.groupId, part.map((userId) => ({ userId, readSeq: seq })));
    });
  }
  tellAfter(ctx, Callback.GroupAfterNewMemberJoin, { ...base(g), JoinType: news.joinType, Operator_Account: news.operator, NewMemberList: accountList(news.users) }, news.meta);
  if (g.memberCount >= g.maxMemberNum) tellAfter(ctx, Callback.GroupAfterGroupFull, { GroupId: g.groupId }, news.meta);
}

export interface ExitNews {
  operator: string;
  users: readonly string[];
  exitType: 'Kicked' | 'Quit';
  silence?: boolean;
  reason?: string;
  meta: CallbackMeta;
}

export async function announceExit(ctx: GroupContext, g: GroupRecord, news: ExitNews): Promise<void> {
  if (news.users.length === 0) return;
  if (!news.silence && tipsFor(ctx, g)) {
    const tip = { kind: news.exitType === 'Quit' ? 'quit' : 'kick', operator: news.operator, users: [...news.users], ...(news.reason ? { detail: { reason: news.reason } } : {}) };
    await safely(ctx, 'tip', async () => void (await storeGroupTip(ctx, tip, news.users)));
  }
  await safely(ctx, 'unsubscribe', () => ctx.fanout.subscribe(news.users, false));
  tellAfter(ctx, Callback.GroupAfterMemberExit, { ...base(g), ExitType: news.exitType, Operator_Account: news.operator, ExitMemberList: accountList(news.users) }, news.meta);
}

/** A profile, role, mute or owner change: a tip where the type sends tips. */
export async function announceChange(ctx: GroupContext, g: GroupRecord, kind: string, operator: string, users: readonly string[], detail?: unknown): Promise<void> {
  if (!rulesOf(g.type).tipsSent) return;
  await safely(ctx, 'tip', async () => void (await storeGroupTip(ctx, { kind, operator, users: [...users], ...(detail !== undefined ? { detail } : {}) })));
}

export { base as callbackBase };

/** The change is durable already: a failed notification is logged, not the turn's failure. */
async function safely(ctx: GroupContext, what: string, f: () => Promise<void>): Promise<void> {
  try {
    await f();
  } catch (e) {
    ctx.log.warn(`group ${what} failed after a durable change`, { err: e });
  }
}
