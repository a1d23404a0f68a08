// The permission table of spec §6 (test/support/group-permission-table.ts) replayed end to end on
// the in-process node: every (type, role, action) cell as a request to the group actor acting as
// that role, and every App-admin cell (and the From_Account topic cells) again through REST. Each
// cell gets a fresh group: owner o, admins a/a2 where the type has admins, members m/m2, the
// App admin `administrator`, the non-member n. sendMessage and recallOthers go through the message
// turns (a target's message is sent first, then recalled by the actor). Left out: editMember and
// recallOthers O>O (the owner's target would be themselves, and editing one's own card or recalling
// one's own message is allowed: tested below and by the message side).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupActor, GroupType, MemberRole } from '../../../src/groups/group-kinds.js';
import { topicIdOf } from '../../../src/groups/group-ids.js';
import type { GroupBy } from '../../../src/groups/group-messages.js';
import { parseSendOptions, uniformCodes } from '../../../src/messaging/send-options.js';
import { Err } from '../../../src/protocol/error-codes.js';
import { rulesOf } from '../../../src/groups/group-type-rules.js';
import { permissionCells, type PermissionCell } from '../../support/group-permission-table.js';
import { ADMIN, as, startGroupNode, type GroupNode, type GroupReq } from './group-fixture.js';

const SELF_CELLS = new Set(['editMember', 'recallOthers']);
const replayed = permissionCells().filter((c) => !(SELF_CELLS.has(c.action) && c.actor === 'Owner' && c.target === 'Owner'));
const USER: Record<GroupActor, string> = { Owner: 'o', Admin: 'a', Member: 'm', AppAdmin: 'administrator', NonMember: 'n' };

let s: GroupNode;
let serial = 0;
beforeAll(async () => {
  s = await startGroupNode();
  await s.accounts('o', 'a', 'a2', 'm', 'm2', 'n', 't', 'p');
});
afterAll(() => s.stop());

const newId = (type: GroupType): string => (type === 'Community' ? '@TGS#_perm' : 'perm-') + String(++serial);

/** A fresh group of `type` with every role filled, and a pending or attempted application by p. */
async function fixture(type: GroupType): Promise<string> {
  const groupId = newId(type);
  const admins = rulesOf(type).roles.includes('Admin');
  const members = type === 'AVChatRoom' ? [] : [...(admins ? [{ userId: 'a', role: 'Admin' as const }, { userId: 'a2', role: 'Admin' as const }] : []), { userId: 'm' }, { userId: 'm2' }];
  const created = await s.ask({ t: 'create', groupId, by: ADMIN, type, profile: { name: 'perm' }, ownerId: 'o', members, supportTopic: type === 'Community' });
  expect(created).toEqual({ groupId });
  if (type === 'AVChatRoom') for (const u of ['m', 'm2']) expect(await s.code({ t: 'apply', groupId, by: as(u) })).toBe(0);
  await s.code({ t: 'apply', groupId, by: as('p') });
  return groupId;
}

function target(c: PermissionCell): string {
  if (c.target === 'Owner') return 'o';
  if (c.target === 'Admin') return c.actor === 'Admin' ? 'a2' : 'a';
  return c.actor === 'Member' ? 'm2' : 'm';
}


function request(c: PermissionCell, groupId: string, by: GroupBy): GroupReq {
  const base = { groupId, by };
  switch (c.action) {
    case 'apply':
      return { t: 'apply', ...base };
    case 'invite':
      return { t: 'addMembers', ...base, members: [{ userId: 't' }] };
    case 'quit':
      return { t: 'quit', ...base };
    case 'editProfile':
      return { t: 'modify', ...base, profile: { name: 'renamed' } };
    case 'muteAll':
      return { t: 'modify', ...base, profile: { muteAll: true } };
    case 'transferOwner':
      return { t: 'transfer', ...base, newOwner: 'm2' };
    case 'dismiss':
      return { t: 'dismiss', ...base };
    case 'approveApply':
      return { t: 'decide', ...base, userIds: ['p'], approve: true };
    case 'manageTopics':
      return { t: 'topicCreate', ...base, topicId: topicIdOf(groupId, 'x'), name: 'topic' };
    case 'createWithMembers':
      return { t: 'create', groupId: newId(c.type), by, type: c.type, profile: { name: 'new' }, members: [{ userId: 't' }] };
    case 'kick':
      return { t: 'kick', ...base, userIds: [target(c)] };
    case 'mute':
      return { t: 'mute', ...base, userIds: [target(c)], muteTimeSec: 60 };
    case 'editMember':
      return { t: 'modifyMember', ...base, userId: target(c), nameCard: 'card' };
    case 'setAdmin':
      return { t: 'modifyMember', ...base, userId: target(c), role: c.target === 'Admin' ? 'Member' : 'Admin' };
    case 'sendMessage':
      return sendAs(groupId, by);
    default:
      throw new Error(`no replay for ${c.action}`);
  }
}

/** The REST form of a cell acted by the App admin (or, for topics, by From_Account); undefined = none. */
function restRequest(c: PermissionCell, groupId: string): [string, Record<string, unknown>, string?] | undefined {
  const G = { GroupId: groupId };
  const t = target(c);
  if (c.action === 'manageTopics') {
    const from = c.actor === 'AppAdmin' ? {} : { From_Account: USER[c.actor] };
    return ['create_topic', { ...G, ...from, TopicId: topicIdOf(groupId, 'r'), TopicName: 'topic' }, 'million_group_open_http_svc'];
  }
  if (c.actor !== 'AppAdmin') return undefined;
  switch (c.action) {
    case 'invite':
      return ['add_group_member', { ...G, MemberList: [{ Member_Account: 't' }] }];
    case 'editProfile':
      return ['modify_group_base_info', { ...G, Name: 'renamed' }];
    case 'muteAll':
      return ['modify_group_base_info', { ...G, ShutUpAllMember: 'On' }];
    case 'transferOwner':
      return ['change_group_owner', { ...G, NewOwner_Account: 'm2' }];
    case 'dismiss':
      return ['destroy_group', G];
    case 'kick':
      return ['delete_group_member', { ...G, MemberToDel_Account: [t] }];
    case 'mute':
      return ['forbid_send_msg', { ...G, Members_Account: [t], MuteTime: 60 }];
    case 'editMember':
      return ['modify_group_member_info', { ...G, Member_Account: t, NameCard: 'card' }];
    case 'setAdmin':
      return ['modify_group_member_info', { ...G, Member_Account: t, Role: c.target === 'Admin' ? 'Member' : 'Admin' }];
    case 'createWithMembers':
      return ['create_group', { Type: c.type === 'Work' ? 'Private' : c.type === 'Meeting' ? 'ChatRoom' : c.type, Name: 'new', GroupId: newId(c.type), MemberList: [{ Member_Account: 't' }] }];
    default:
      return undefined;
  }
}

function sendAs(groupId: string, by: GroupBy): GroupReq {
  const options = parseSendOptions({ Random: ++serial }, { kind: 'group', codes: uniformCodes(Err.GROUP_INVALID_PARAMS) });
  return { t: 'send', groupId, by, from: by.admin === true ? '' : by.userId, body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }], options };
}

/** recallOthers: the target sends, then the actor recalls that seq; the per-seq code counts. */
async function recallCode(c: PermissionCell, groupId: string): Promise<number> {
  const sent = (await s.ask<{ seq: number }>(sendAs(groupId, as(target(c))))) as { seq: number };
  const r = await s.ask<{ results: Array<{ code: number }> }>({ t: 'recall', groupId, by: as(USER[c.actor]), seqs: [sent.seq || 1] });
  return 'code' in r ? r.code : r.results[0]!.code;
}

const label = (c: PermissionCell): string => `${c.type} ${c.action} ${c.actor}${c.target ? `>${c.target}` : ''} → ${c.expected}`;

describe('permission table replayed through the group actor', () => {
  it.each(replayed.map((c) => [label(c), c] as const))('%s', async (_name, c) => {
    const groupId = await fixture(c.type);
    if (c.action === 'recallOthers') expect(await recallCode(c, groupId)).toBe(c.expected);
    else expect(await s.code(request(c, groupId, as(USER[c.actor])))).toBe(c.expected);
  });
});

const restCells = replayed.filter((c) => restRequest(c, 'x') !== undefined);

describe('permission table replayed through REST', () => {
  it('covers every App-admin cell that has a REST command, and the topic cells', () => {
    expect(restCells.filter((c) => c.actor === 'AppAdmin').length).toBeGreaterThan(40);
    expect(restCells.filter((c) => c.action === 'manageTopics')).toHaveLength(23);
  });

  it.each(restCells.map((c) => [label(c), c] as const))('%s', async (_name, c) => {
    const groupId = await fixture(c.type);
    const [cmd, body, service] = restRequest(c, groupId)!;
    expect((await s.rest(cmd, body, service)).ErrorCode).toBe(c.expected);
  });
});

describe('cells that need a word', () => {
  it('members edit their own card and message flag whatever their role (the table covers others)', async () => {
    for (const type of ['Work', 'Public', 'AVChatRoom'] as const) {
      const groupId = await fixture(type);
      for (const u of ['o', 'm']) expect(await s.code({ t: 'modifyMember', groupId, by: as(u), userId: u, nameCard: 'me', msgFlag: 'AcceptNotNotify' })).toBe(0);
      const r = await s.rest('get_specified_group_member_info', { GroupId: groupId, Member_List_Account: ['o', 'm'] });
      expect((r.MemberList as Array<{ NameCard: string; MsgFlag: string }>).map((x) => [x.NameCard, x.MsgFlag])).toEqual([
        ['me', 'AcceptNotNotify'],
        ['me', 'AcceptNotNotify'],
      ]);
    }
  });

  it('the App admin as a user id acts like the REST admin ({ admin: true })', async () => {
    const groupId = await fixture('Public');
    expect(await s.code({ t: 'modify', groupId, by: ADMIN, profile: { introduction: 'x' } })).toBe(0);
    expect(await s.code({ t: 'kick', groupId, by: ADMIN, userIds: ['o'] })).toBe(10007);
  });
});

export type { MemberRole };
