// The standard profile tags (spec §2.1 item 19): each Tencent tag name with its value type, its
// rule and the value a user has before setting it. Wire names live here once; the domain refers
// to them through ProfileTag. Gotcha: Nick and Image are also the account's Nick/FaceUrl from
// account_import, so reads fall back to the account record (profile-read.ts).

export const ProfileTag = {
  NICK: 'Tag_Profile_IM_Nick',
  GENDER: 'Tag_Profile_IM_Gender',
  BIRTHDAY: 'Tag_Profile_IM_BirthDay',
  LOCATION: 'Tag_Profile_IM_Location',
  SELF_SIGNATURE: 'Tag_Profile_IM_SelfSignature',
  ALLOW_TYPE: 'Tag_Profile_IM_AllowType',
  LANGUAGE: 'Tag_Profile_IM_Language',
  IMAGE: 'Tag_Profile_IM_Image',
  MSG_SETTINGS: 'Tag_Profile_IM_MsgSettings',
  ADMIN_FORBID_TYPE: 'Tag_Profile_IM_AdminForbidType',
  LEVEL: 'Tag_Profile_IM_Level',
  ROLE: 'Tag_Profile_IM_Role',
} as const;

export type StandardTag = (typeof ProfileTag)[keyof typeof ProfileTag];

export const AllowType = {
  NEED_CONFIRM: 'AllowType_Type_NeedConfirm',
  ALLOW_ANY: 'AllowType_Type_AllowAny',
  DENY_ANY: 'AllowType_Type_DenyAny',
} as const;
export type AllowTypeValue = (typeof AllowType)[keyof typeof AllowType];

export const AdminForbid = {
  NONE: 'AdminForbid_Type_None',
  SEND_OUT: 'AdminForbid_Type_SendOut',
} as const;

export const GENDERS = ['Gender_Type_Unknown', 'Gender_Type_Female', 'Gender_Type_Male'] as const;

/** Profile values are strings or unsigned integers on the wire. */
export type ProfileValue = string | number;

/** Every profile value (standard or custom) is at most this many UTF-8 bytes (40601). */
export const MAX_PROFILE_VALUE_BYTES = 500;
export const MAX_UINT32 = 0xffff_ffff;

export type TagRule =
  | { type: 'string'; maxBytes: number }
  | { type: 'uint32' }
  | { type: 'enum'; values: readonly string[] };

export interface StandardTagSpec {
  rule: TagRule;
  /** What a user who never set the tag has. */
  initial: ProfileValue;
  /** Only the app admin may set it (REST); a client write is 40008. */
  adminOnly: boolean;
}

const str = (maxBytes = MAX_PROFILE_VALUE_BYTES): TagRule => ({ type: 'string', maxBytes });
const uint: TagRule = { type: 'uint32' };

export const STANDARD_TAGS: Readonly<Record<StandardTag, StandardTagSpec>> = {
  [ProfileTag.NICK]: { rule: str(), initial: '', adminOnly: false },
  [ProfileTag.GENDER]: { rule: { type: 'enum', values: GENDERS }, initial: 'Gender_Type_Unknown', adminOnly: false },
  [ProfileTag.BIRTHDAY]: { rule: uint, initial: 0, adminOnly: false },
  [ProfileTag.LOCATION]: { rule: str(), initial: '', adminOnly: false },
  [ProfileTag.SELF_SIGNATURE]: { rule: str(), initial: '', adminOnly: false },
  [ProfileTag.ALLOW_TYPE]: { rule: { type: 'enum', values: Object.values(AllowType) }, initial: AllowType.NEED_CONFIRM, adminOnly: false },
  [ProfileTag.LANGUAGE]: { rule: uint, initial: 0, adminOnly: false },
  [ProfileTag.IMAGE]: { rule: str(), initial: '', adminOnly: false },
  [ProfileTag.MSG_SETTINGS]: { rule: uint, initial: 0, adminOnly: false },
  // The admin's "may not send friend requests" switch (30009): a user cannot lift it.
  [ProfileTag.ADMIN_FORBID_TYPE]: { rule: { type: 'enum', values: Object.values(AdminForbid) }, initial: AdminForbid.NONE, adminOnly: true },
  [ProfileTag.LEVEL]: { rule: uint, initial: 0, adminOnly: false },
  [ProfileTag.ROLE]: { rule: uint, initial: 0, adminOnly: false },
};

export const STANDARD_TAG_NAMES = Object.keys(STANDARD_TAGS) as StandardTag[];

export const isStandardTag = (tag: string): tag is StandardTag => Object.hasOwn(STANDARD_TAGS, tag);
