// The closed vocabularies of groups (spec §6): group types, member roles, join and invite options,
// message flags. Internal names are the current Tencent names; the legacy REST spellings (Private,
// ChatRoom, BChatRoom) are mapped here once, at the boundary helpers parseGroupType/wireGroupType.
// Runtime-neutral (no node:*), imported by the store, the rules and later the client SDK.

export const GROUP_TYPES = ['Work', 'Public', 'Meeting', 'AVChatRoom', 'Community'] as const;
export type GroupType = (typeof GROUP_TYPES)[number];

export const MEMBER_ROLES = ['Owner', 'Admin', 'Member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Who acts: a member's role, the App admin (above every group, need not be a member), or a non-member. */
export type GroupActor = MemberRole | 'AppAdmin' | 'NonMember';
export const GROUP_ACTORS: readonly GroupActor[] = [...MEMBER_ROLES, 'AppAdmin', 'NonMember'];

export const APPLY_JOIN_OPTIONS = ['FreeAccess', 'NeedPermission', 'DisableApply'] as const;
export type ApplyJoinOption = (typeof APPLY_JOIN_OPTIONS)[number];

export const INVITE_JOIN_OPTIONS = ['FreeAccess', 'NeedPermission', 'DisableInvite'] as const;
export type InviteJoinOption = (typeof INVITE_JOIN_OPTIONS)[number];

export const MSG_FLAGS = ['AcceptAndNotify', 'AcceptNotNotify', 'Discard'] as const;
export type MsgFlag = (typeof MSG_FLAGS)[number];

/** REST `Type` spellings accepted on input (spec §2.1 Groups): legacy and current names. */
const TYPE_BY_WIRE_NAME: Readonly<Record<string, GroupType>> = {
  Private: 'Work',
  Work: 'Work',
  Public: 'Public',
  ChatRoom: 'Meeting',
  Meeting: 'Meeting',
  AVChatRoom: 'AVChatRoom',
  // The legacy broadcast chat room is an AVChatRoom variant.
  BChatRoom: 'AVChatRoom',
  Community: 'Community',
};

/** The spelling get_group_info returns (legacy names, spec §6 "get_group_info returns them"). */
const WIRE_NAME_BY_TYPE: Readonly<Record<GroupType, string>> = {
  Work: 'Private',
  Public: 'Public',
  Meeting: 'ChatRoom',
  AVChatRoom: 'AVChatRoom',
  Community: 'Community',
};

export function parseGroupType(wire: unknown): GroupType | undefined {
  return typeof wire === 'string' && Object.hasOwn(TYPE_BY_WIRE_NAME, wire) ? TYPE_BY_WIRE_NAME[wire] : undefined;
}

export const wireGroupType = (type: GroupType): string => WIRE_NAME_BY_TYPE[type];

export const isGroupType = (v: unknown): v is GroupType => (GROUP_TYPES as readonly unknown[]).includes(v);
export const isMemberRole = (v: unknown): v is MemberRole => (MEMBER_ROLES as readonly unknown[]).includes(v);
export const isApplyJoinOption = (v: unknown): v is ApplyJoinOption => (APPLY_JOIN_OPTIONS as readonly unknown[]).includes(v);
export const isInviteJoinOption = (v: unknown): v is InviteJoinOption => (INVITE_JOIN_OPTIONS as readonly unknown[]).includes(v);
export const isMsgFlag = (v: unknown): v is MsgFlag => (MSG_FLAGS as readonly unknown[]).includes(v);
