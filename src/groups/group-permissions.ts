// The permission rule of spec §6: can(type, actor, action, targetRole?) answers 0 (allowed) or the
// Tencent code refusing it. Type-dependent facts come from GROUP_TYPE_RULES only; state-dependent
// checks (ApplyJoinOption, mute times, member limits) live beside it in group-state-rules.ts.
// Codes (spec §1.3): 10007 permission (also "not a member"), 10009 owner may not quit, 10013
// already a member, 10033 no recall for this type, 10004 a role this type does not have.
import { Err } from '../protocol/error-codes.js';
import type { GroupActor, GroupType, MemberRole } from './group-kinds.js';
import { type RoleTier, rulesOf } from './group-type-rules.js';

export const GROUP_ACTIONS = [
  /** Ask to join (apply_join_group); the group's ApplyJoinOption is checked by joinDecision. */
  'apply',
  /** Add others (invite / add_group_member). */
  'invite',
  'quit',
  /** Change name, introduction, notification, face, join options, group custom fields. */
  'editProfile',
  /** Remove another member (target = their role). */
  'kick',
  /** Mute another member (target = their role). */
  'mute',
  /** MuteAllMember On/Off. */
  'muteAll',
  /** Appoint or remove an admin (target = their current role). */
  'setAdmin',
  'transferOwner',
  'dismiss',
  /** Approve or reject pending applications. */
  'approveApply',
  'sendMessage',
  /** Recall someone else's message (target = the sender's role). */
  'recallOthers',
  /** Change another member's NameCard or custom member fields (target = their role). */
  'editMember',
  /** Create, modify or destroy Community topics. */
  'manageTopics',
  /** Create the group with initial members. */
  'createWithMembers',
] as const;
export type GroupAction = (typeof GROUP_ACTIONS)[number];

/** Actions that act on another member and need targetRole. */
export const TARGETED_ACTIONS: readonly GroupAction[] = ['kick', 'mute', 'setAdmin', 'recallOthers', 'editMember'];

/** 0 or the refusing code. */
export type GroupVerdict = 0 | 10004 | 10007 | 10009 | 10013 | 10033;

const OK = Err.OK;
const DENIED = Err.GROUP_PERMISSION_DENIED;

export function can(type: GroupType, actor: GroupActor, action: GroupAction, targetRole?: MemberRole): GroupVerdict {
  const rules = rulesOf(type);
  if (actor !== 'AppAdmin' && actor !== 'NonMember' && !rules.roles.includes(actor)) return Err.GROUP_INVALID_PARAMS;
  if (TARGETED_ACTIONS.includes(action)) {
    if (targetRole === undefined || !rules.roles.includes(targetRole)) return Err.GROUP_INVALID_PARAMS;
  }
  const member = actor === 'Owner' || actor === 'Admin' || actor === 'Member';
  switch (action) {
    case 'apply':
      if (member) return Err.GROUP_ALREADY_MEMBER;
      return rules.applyOptions.some((o) => o !== 'DisableApply') ? OK : DENIED;
    case 'invite':
      if (!rules.invites) return DENIED;
      if (actor === 'AppAdmin' || actor === 'Owner' || actor === 'Admin') return OK;
      return actor === 'Member' && rules.membersInvite ? OK : DENIED;
    case 'quit':
      if (!member) return DENIED;
      return actor === 'Owner' && !rules.ownerMayQuit ? Err.GROUP_OWNER_CANNOT_QUIT : OK;
    case 'editProfile':
      return tier(rules.editProfile, actor);
    case 'muteAll':
      return tier(rules.mute, actor);
    case 'kick':
      return over(rules.kick, actor, targetRole!, false);
    case 'mute':
      return over(rules.mute, actor, targetRole!, false);
    case 'editMember':
      return over(rules.manageMembers, actor, targetRole!, true);
    case 'recallOthers':
      if (!rules.recall) return Err.GROUP_TYPE_NO_RECALL;
      return over(rules.manageMembers, actor, targetRole!, true);
    case 'setAdmin':
      if (!rules.roles.includes('Admin') || targetRole === 'Owner') return DENIED;
      return actor === 'Owner' || actor === 'AppAdmin' ? OK : DENIED;
    case 'transferOwner':
      return actor === 'Owner' || actor === 'AppAdmin' ? OK : DENIED;
    case 'dismiss':
      if (actor === 'AppAdmin') return OK;
      return actor === 'Owner' && rules.ownerDismisses ? OK : DENIED;
    case 'approveApply':
      if (!rules.applyOptions.includes('NeedPermission')) return DENIED;
      return tier('admins', actor);
    case 'sendMessage':
      return member || actor === 'AppAdmin' ? OK : DENIED;
    case 'manageTopics':
      return rules.topics ? tier('admins', actor) : DENIED;
    case 'createWithMembers':
      return rules.initialMembers ? OK : DENIED;
  }
}

/** An action without a target: the App admin always, else the roles the tier names. */
function tier(t: RoleTier, actor: GroupActor): GroupVerdict {
  if (t === 'nobody') return DENIED;
  if (actor === 'AppAdmin') return OK;
  if (actor === 'Owner') return OK;
  if (actor === 'Admin') return t === 'anyMember' || t === 'admins' ? OK : DENIED;
  if (actor === 'Member') return t === 'anyMember' ? OK : DENIED;
  return DENIED;
}

/**
 * An action on another member: the owner acts on anyone below, an admin on plain members only
 * (where the tier includes admins), the App admin on anyone below the owner. The owner is a valid
 * target only for the App admin and only where `appAdminOnOwner` (editing a card, recalling).
 */
function over(t: RoleTier, actor: GroupActor, target: MemberRole, appAdminOnOwner: boolean): GroupVerdict {
  if (t === 'nobody') return DENIED;
  if (actor === 'AppAdmin') return target !== 'Owner' || appAdminOnOwner ? OK : DENIED;
  if (target === 'Owner') return DENIED;
  if (actor === 'Owner') return OK;
  if (actor === 'Admin') return (t === 'admins' || t === 'anyMember') && target === 'Member' ? OK : DENIED;
  return DENIED;
}
