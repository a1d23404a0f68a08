// Per-type group properties, ONE table (spec §6 "Group system rules"). Every rule that depends on
// the group type reads it from here; group-permissions.ts turns it into allow/deny answers.
// Choices where the spec lists two readings (each a single cell to flip): Meeting kick follows the
// newer docs (owner/admin may kick); Work dismiss follows the documented older table (App admin
// only); Public/Meeting members may invite (SDK >= 7.1.3925).
import type { ApplyJoinOption, GroupType, InviteJoinOption, MemberRole } from './group-kinds.js';

/** Who may do something, from the top: 'admins' = owner and admins, 'owner' = owner only. */
export type RoleTier = 'anyMember' | 'admins' | 'owner' | 'nobody';

export interface GroupTypeRules {
  /** Roles a member can hold (App admin is above every group and never a role). */
  roles: readonly MemberRole[];
  /** ApplyJoinOption values a group of this type may hold, and the one it gets by default. */
  applyOptions: readonly ApplyJoinOption[];
  defaultApplyOption: ApplyJoinOption;
  /** Whether plain members may invite others (owner/admins always may where invites exist). */
  membersInvite: boolean;
  /** Whether anybody may add members by invitation / add_group_member (AVChatRoom: no). */
  invites: boolean;
  defaultInviteOption: InviteJoinOption;
  ownerMayQuit: boolean;
  /** Who edits the group profile (name, introduction, notification, face, options). */
  editProfile: RoleTier;
  /** Who kicks; an admin kicks plain members only, the owner anyone but themselves. */
  kick: RoleTier;
  /** Who mutes members or the whole group; same target rule as kick. 'nobody' = not supported. */
  mute: RoleTier;
  /** Who edits another member's card or custom fields and recalls others' messages; same target rule. */
  manageMembers: RoleTier;
  /** Whether the owner (besides the App admin) may dismiss. */
  ownerDismisses: boolean;
  /** Per-member unread counts. */
  unread: boolean;
  /** History before joining visible by default (console switch); AVChatRoom has no history. */
  historyBeforeJoin: boolean;
  /** Messages are stored (roaming/cloud history). */
  storesHistory: boolean;
  /** Member-change tips (join/quit/kick): sent at all, and stored in history. */
  tipsSent: boolean;
  tipsStored: boolean;
  /** Messages can be recalled (AVChatRoom: 10033). */
  recall: boolean;
  /** Initial members at creation (AVChatRoom: 10007). */
  initialMembers: boolean;
  /** Topics (Community). */
  topics: boolean;
  /** Member limit a new group gets, and the most it may be raised to; Infinity = unlimited. */
  defaultMaxMembers: number;
  maxMembers: number;
}

/** Tencent's top plan limit for Work/Public/Meeting (spec §6 "up to 6000"). */
export const MAX_MEMBERS_SMALL_GROUP = 6000;
/** Community: 100 000 by default, up to 1 000 000 on request. */
export const DEFAULT_MAX_MEMBERS_COMMUNITY = 100_000;
export const MAX_MEMBERS_COMMUNITY = 1_000_000;
/** The default member limit of Work/Public/Meeting groups (the plan's figure; raised per group). */
export const DEFAULT_MAX_MEMBERS_SMALL_GROUP = 2000;

const OWNER_ADMIN_MEMBER: readonly MemberRole[] = ['Owner', 'Admin', 'Member'];
const OWNER_MEMBER: readonly MemberRole[] = ['Owner', 'Member'];

/** The cells Public, Meeting and Community share: owner and admins run the group (override per type). */
const ADMINS_MANAGE = {
  roles: OWNER_ADMIN_MEMBER,
  ownerMayQuit: false,
  editProfile: 'admins',
  kick: 'admins',
  mute: 'admins',
  manageMembers: 'admins',
  ownerDismisses: true,
} as const satisfies Partial<GroupTypeRules>;

const SMALL_GROUP_LIMITS = {
  defaultMaxMembers: DEFAULT_MAX_MEMBERS_SMALL_GROUP,
  maxMembers: MAX_MEMBERS_SMALL_GROUP,
} as const satisfies Partial<GroupTypeRules>;

export const GROUP_TYPE_RULES: Readonly<Record<GroupType, GroupTypeRules>> = {
  Work: {
    roles: OWNER_MEMBER,
    applyOptions: ['DisableApply'],
    defaultApplyOption: 'DisableApply',
    membersInvite: true,
    invites: true,
    defaultInviteOption: 'FreeAccess',
    ownerMayQuit: true,
    editProfile: 'anyMember',
    kick: 'owner',
    mute: 'nobody',
    manageMembers: 'owner',
    ownerDismisses: false,
    unread: true,
    historyBeforeJoin: false,
    storesHistory: true,
    tipsSent: true,
    tipsStored: true,
    recall: true,
    initialMembers: true,
    topics: false,
    ...SMALL_GROUP_LIMITS,
  },
  Public: {
    applyOptions: ['FreeAccess', 'NeedPermission', 'DisableApply'],
    defaultApplyOption: 'NeedPermission',
    membersInvite: true,
    invites: true,
    defaultInviteOption: 'NeedPermission',
    ...ADMINS_MANAGE,
    unread: true,
    historyBeforeJoin: false,
    storesHistory: true,
    tipsSent: true,
    tipsStored: true,
    recall: true,
    initialMembers: true,
    topics: false,
    ...SMALL_GROUP_LIMITS,
  },
  Meeting: {
    applyOptions: ['FreeAccess', 'DisableApply'],
    defaultApplyOption: 'FreeAccess',
    membersInvite: true,
    invites: true,
    defaultInviteOption: 'FreeAccess',
    ...ADMINS_MANAGE,
    unread: false,
    historyBeforeJoin: true,
    storesHistory: true,
    tipsSent: false,
    tipsStored: false,
    recall: true,
    initialMembers: true,
    topics: false,
    ...SMALL_GROUP_LIMITS,
  },
  Community: {
    applyOptions: ['FreeAccess', 'DisableApply'],
    defaultApplyOption: 'FreeAccess',
    membersInvite: true,
    invites: true,
    defaultInviteOption: 'FreeAccess',
    ...ADMINS_MANAGE,
    unread: true,
    historyBeforeJoin: true,
    storesHistory: true,
    tipsSent: true,
    tipsStored: true,
    recall: true,
    initialMembers: true,
    topics: true,
    defaultMaxMembers: DEFAULT_MAX_MEMBERS_COMMUNITY,
    maxMembers: MAX_MEMBERS_COMMUNITY,
  },
  AVChatRoom: {
    roles: OWNER_MEMBER,
    applyOptions: ['FreeAccess'],
    defaultApplyOption: 'FreeAccess',
    membersInvite: false,
    invites: false,
    defaultInviteOption: 'DisableInvite',
    ownerMayQuit: false,
    editProfile: 'owner',
    kick: 'nobody',
    mute: 'owner',
    manageMembers: 'owner',
    ownerDismisses: true,
    unread: false,
    historyBeforeJoin: false,
    storesHistory: false,
    tipsSent: true,
    tipsStored: false,
    recall: false,
    initialMembers: false,
    topics: false,
    defaultMaxMembers: Infinity,
    maxMembers: Infinity,
  },
};

export const rulesOf = (type: GroupType): GroupTypeRules => GROUP_TYPE_RULES[type];
