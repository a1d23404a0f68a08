// The permission table of spec §6 written out cell by cell, independent of src/groups: for each
// action and group type, what each actor (O owner, A admin, M member, X App admin, N non-member)
// gets, on targets (actor>target) where the action acts on another member. Codes: ok = allowed,
// 7 = 10007 permission, 9 = 10009 owner may not quit, 13 = 10013 already a member, 33 = 10033 no
// recall for this type. Cells of roles a type does not have (Admin in Work/AVChatRoom) are absent:
// they answer 10004. Unit tests check the rules against it; end-to-end tests replay it over REST.
import type { GroupActor, GroupType, MemberRole } from '../../src/groups/group-kinds.js';
import type { GroupAction } from '../../src/groups/group-permissions.js';

export interface PermissionCell {
  type: GroupType;
  action: GroupAction;
  actor: GroupActor;
  target?: MemberRole;
  /** 0 = allowed, else the Tencent code. */
  expected: number;
}

type Row = Record<GroupType, string>;
const SMALL_ADMIN = 'O>O:7 O>A:ok O>M:ok A>O:7 A>A:7 A>M:ok M>O:7 M>A:7 M>M:7 X>O:7 X>A:ok X>M:ok N>O:7 N>A:7 N>M:7';
const EDIT_ADMIN = 'O>O:7 O>A:ok O>M:ok A>O:7 A>A:7 A>M:ok M>O:7 M>A:7 M>M:7 X>O:ok X>A:ok X>M:ok N>O:7 N>A:7 N>M:7';
const EDIT_OWNER_ONLY = 'O>O:7 O>M:ok M>O:7 M>M:7 X>O:ok X>M:ok N>O:7 N>M:7';
const NONE_2 = 'O>O:7 O>M:7 M>O:7 M>M:7 X>O:7 X>M:7 N>O:7 N>M:7';
const ALL_7_2 = 'O:7 M:7 X:7 N:7';
const ALL_7_3 = 'O:7 A:7 M:7 X:7 N:7';
const ADMINS = 'O:ok A:ok M:7 X:ok N:7';
const same3 = (s: string): Pick<Row, 'Public' | 'Meeting' | 'Community'> => ({ Public: s, Meeting: s, Community: s });

export const PERMISSION_ROWS: Readonly<Record<GroupAction, Row>> = {
  apply: { Work: 'O:13 M:13 X:7 N:7', ...same3('O:13 A:13 M:13 X:ok N:ok'), AVChatRoom: 'O:13 M:13 X:ok N:ok' },
  invite: { Work: 'O:ok M:ok X:ok N:7', ...same3('O:ok A:ok M:ok X:ok N:7'), AVChatRoom: ALL_7_2 },
  quit: { Work: 'O:ok M:ok X:7 N:7', ...same3('O:9 A:ok M:ok X:7 N:7'), AVChatRoom: 'O:9 M:ok X:7 N:7' },
  editProfile: { Work: 'O:ok M:ok X:ok N:7', ...same3(ADMINS), AVChatRoom: 'O:ok M:7 X:ok N:7' },
  muteAll: { Work: ALL_7_2, ...same3(ADMINS), AVChatRoom: 'O:ok M:7 X:ok N:7' },
  transferOwner: { Work: 'O:ok M:7 X:ok N:7', ...same3('O:ok A:7 M:7 X:ok N:7'), AVChatRoom: 'O:ok M:7 X:ok N:7' },
  dismiss: { Work: 'O:7 M:7 X:ok N:7', ...same3('O:ok A:7 M:7 X:ok N:7'), AVChatRoom: 'O:ok M:7 X:ok N:7' },
  approveApply: { Work: ALL_7_2, Public: ADMINS, Meeting: ALL_7_3, Community: ALL_7_3, AVChatRoom: ALL_7_2 },
  sendMessage: { Work: 'O:ok M:ok X:ok N:7', ...same3('O:ok A:ok M:ok X:ok N:7'), AVChatRoom: 'O:ok M:ok X:ok N:7' },
  manageTopics: { Work: ALL_7_2, Public: ALL_7_3, Meeting: ALL_7_3, Community: ADMINS, AVChatRoom: ALL_7_2 },
  createWithMembers: { Work: 'O:ok M:ok X:ok N:ok', ...same3('O:ok A:ok M:ok X:ok N:ok'), AVChatRoom: ALL_7_2 },
  kick: { Work: 'O>O:7 O>M:ok M>O:7 M>M:7 X>O:7 X>M:ok N>O:7 N>M:7', ...same3(SMALL_ADMIN), AVChatRoom: NONE_2 },
  mute: { Work: NONE_2, ...same3(SMALL_ADMIN), AVChatRoom: 'O>O:7 O>M:ok M>O:7 M>M:7 X>O:7 X>M:ok N>O:7 N>M:7' },
  editMember: { Work: EDIT_OWNER_ONLY, ...same3(EDIT_ADMIN), AVChatRoom: EDIT_OWNER_ONLY },
  recallOthers: {
    Work: EDIT_OWNER_ONLY,
    ...same3(EDIT_ADMIN),
    AVChatRoom: 'O>O:33 O>M:33 M>O:33 M>M:33 X>O:33 X>M:33 N>O:33 N>M:33',
  },
  setAdmin: { Work: NONE_2, ...same3('O>O:7 O>A:ok O>M:ok A>O:7 A>A:7 A>M:7 M>O:7 M>A:7 M>M:7 X>O:7 X>A:ok X>M:ok N>O:7 N>A:7 N>M:7'), AVChatRoom: NONE_2 },
};

const ACTOR: Readonly<Record<string, GroupActor>> = { O: 'Owner', A: 'Admin', M: 'Member', X: 'AppAdmin', N: 'NonMember' };
const TARGET: Readonly<Record<string, MemberRole>> = { O: 'Owner', A: 'Admin', M: 'Member' };
const CODE: Readonly<Record<string, number>> = { ok: 0, '7': 10007, '9': 10009, '13': 10013, '33': 10033 };

/** Every cell of PERMISSION_ROWS, parsed. */
export function permissionCells(): PermissionCell[] {
  const out: PermissionCell[] = [];
  for (const [action, row] of Object.entries(PERMISSION_ROWS) as [GroupAction, Row][]) {
    for (const [type, spec] of Object.entries(row) as [GroupType, string][]) {
      for (const cell of spec.split(' ')) {
        const [who, code] = cell.split(':') as [string, string];
        const [a, t] = who.split('>') as [string, string | undefined];
        const actor = ACTOR[a];
        const expected = CODE[code];
        if (!actor || expected === undefined || (t !== undefined && !TARGET[t])) throw new Error(`bad permission cell ${action}/${type}: ${cell}`);
        out.push(t === undefined ? { type, action, actor, expected } : { type, action, actor, target: TARGET[t]!, expected });
      }
    }
  }
  return out;
}
