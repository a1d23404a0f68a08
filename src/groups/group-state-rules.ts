// The rules that depend on a group's state rather than its type alone (spec §6): how an
// application or an invitation proceeds under the group's ApplyJoinOption/InviteJoinOption, the
// member limit, mute times, and whether a sender is muted. Pure; the caller supplies the clock.
import { Err } from '../protocol/error-codes.js';
import type { ApplyJoinOption, GroupActor, GroupType, InviteJoinOption } from './group-kinds.js';
import { can } from './group-permissions.js';
import { rulesOf } from './group-type-rules.js';

/** MuteTime that means "forever" on the wire (spec §2.1 #43). */
export const MUTE_TIME_PERMANENT_SEC = 4_294_967_295;
/** muteUntil stored for a permanent mute (unix ms far beyond any clock). */
export const MUTE_UNTIL_PERMANENT_MS = Number.MAX_SAFE_INTEGER;

/** What happens to a request to join or an invitation: joined now, pending approval, or refused. */
export type JoinOutcome = 'join' | 'approval' | number;

/** A non-member applying under the group's ApplyJoinOption. */
export function applyOutcome(type: GroupType, option: ApplyJoinOption): JoinOutcome {
  const verdict = can(type, 'NonMember', 'apply');
  if (verdict !== 0) return verdict;
  if (!rulesOf(type).applyOptions.includes(option) || option === 'DisableApply') return Err.GROUP_PERMISSION_DENIED;
  return option === 'NeedPermission' ? 'approval' : 'join';
}

/** `actor` inviting under the group's InviteJoinOption; owner, admins and the App admin skip approval. */
export function inviteOutcome(type: GroupType, actor: GroupActor, option: InviteJoinOption): JoinOutcome {
  const verdict = can(type, actor, 'invite');
  if (verdict !== 0) return verdict;
  if (actor === 'AppAdmin' || actor === 'Owner' || actor === 'Admin') return 'join';
  if (option === 'DisableInvite') return Err.GROUP_PERMISSION_DENIED;
  return option === 'NeedPermission' ? 'approval' : 'join';
}

/** Whether `adding` more members fit under the group's limit (10014 group full). */
export function memberLimitVerdict(memberCount: number, adding: number, maxMemberNum: number): 0 | 10014 {
  return memberCount + adding > maxMemberNum ? Err.GROUP_FULL : 0;
}

/** Whether a MaxMemberNum request is acceptable for the type (10004 when out of range). */
export function maxMembersVerdict(type: GroupType, requested: number): 0 | 10004 {
  const ok = Number.isSafeInteger(requested) && requested >= 1 && requested <= rulesOf(type).maxMembers;
  return ok ? 0 : Err.GROUP_INVALID_PARAMS;
}

/** MuteTime seconds (0 unmute, 4294967295 forever) to the muteUntil a member row stores (unix ms). */
export function muteUntilFrom(muteTimeSec: number, nowMs: number): number {
  if (muteTimeSec <= 0) return 0;
  if (muteTimeSec >= MUTE_TIME_PERMANENT_SEC) return MUTE_UNTIL_PERMANENT_MS;
  return nowMs + muteTimeSec * 1000;
}

/** muteUntil back to the wire's MuteUntil (unix seconds; 4294967295 forever, 0 not muted). */
export function wireMuteUntil(muteUntilMs: number, nowMs: number): number {
  if (muteUntilMs <= nowMs) return 0;
  if (muteUntilMs >= MUTE_UNTIL_PERMANENT_MS) return MUTE_TIME_PERMANENT_SEC;
  return Math.ceil(muteUntilMs / 1000);
}

/**
 * Whether `actor` may send now: the permission first (10007 for non-members), then mute (10017)
 * for a member muted until after now or a plain member while MuteAllMember is on. Owner, admins and
 * the App admin speak while the whole group is muted (spec §6).
 */
export function sendVerdict(type: GroupType, actor: GroupActor, muteUntilMs: number, muteAll: boolean, nowMs: number): number {
  const verdict = can(type, actor, 'sendMessage');
  if (verdict !== 0) return verdict;
  if (actor === 'AppAdmin') return 0;
  if (muteUntilMs > nowMs) return Err.GROUP_SENDER_MUTED;
  return muteAll && actor === 'Member' ? Err.GROUP_SENDER_MUTED : 0;
}
