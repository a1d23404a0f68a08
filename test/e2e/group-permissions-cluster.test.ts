// The permission table of spec §6 (test/support/group-permission-table.ts) on a real cluster:
// 2 edges + 2 workers over real NATS, Redis and Cassandra. Every (type, role, action) cell is
// played by a logged-in device of that role through the group client ops (the App admin's cells
// by the admin's own device; its REST forms are replayed in-process), the topic cells through REST
// create_topic with From_Account. Each cell gets a fresh group made over REST: owner o, admins a/a2
// where the type has admins, members m/m2 (an AVChatRoom's join over the socket), a pending
// application by p. Devices sit on both edges, so requests cross edges to whichever worker owns
// the group. Left out, as in the in-process replay: editMember and recallOthers O>O (acting on
// oneself is allowed). One cell reads differently over a socket: a live-room member's join from a
// device is another device entering the room, answered joined, not 10013 (the actor's own
// answer, 10013, is replayed in-process).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImError, type ImClient } from '../../src/client/index.js';
import { topicIdOf } from '../../src/groups/group-ids.js';
import type { GroupActor, GroupType } from '../../src/groups/group-kinds.js';
import { rulesOf } from '../../src/groups/group-type-rules.js';
import { startTestCluster, type TestCluster } from '../support/cluster.js';
import { adminTarget, importAccounts, loginClient } from '../support/cluster-clients.js';
import { permissionCells, type PermissionCell } from '../support/group-permission-table.js';
import { rest, type RestTarget } from '../support/rest-client.js';
import { outcomeCode } from '../support/outcome.js';

const SELF_CELLS = new Set(['editMember', 'recallOthers']);
const cells = permissionCells().filter((x) => !(SELF_CELLS.has(x.action) && x.actor === 'Owner' && x.target === 'Owner'));
const USERS = ['o', 'a', 'a2', 'm', 'm2', 'n', 't', 'p'];
const WIRE_TYPE: Record<GroupType, string> = { Work: 'Private', Public: 'Public', Meeting: 'ChatRoom', AVChatRoom: 'AVChatRoom', Community: 'Community' };

let c: TestCluster;
let api: RestTarget;
const dev = new Map<string, ImClient>();
let serial = 0;

const userOf = (a: GroupActor): string => ({ Owner: 'o', Admin: 'a', Member: 'm', AppAdmin: c.admin, NonMember: 'n' })[a];
const client = (u: string): ImClient => dev.get(u)!;
const body = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }];

const outcome = outcomeCode;

beforeAll(async () => {
  c = await startTestCluster({ env: { IM_REST_RATE_PER_SEC: '5000' } });
  api = adminTarget(c);
  await importAccounts(c, USERS);
  for (const [i, u] of [...USERS, c.admin].entries()) dev.set(u, await loginClient(c, [], u, i % 2 === 0 ? 1 : 2, `${u}-perm`));
}, 120_000);

afterAll(async () => {
  for (const x of dev.values()) x.close();
  await c?.stop();
});

const newId = (type: GroupType): string => (type === 'Community' ? '@TGS#_perm' : 'perm-') + String(++serial);

/** A fresh group of `type` with every role filled and a pending (or attempted) application by p. */
async function fixture(type: GroupType): Promise<string> {
  const groupId = newId(type);
  const admins = rulesOf(type).roles.includes('Admin');
  const members = type === 'AVChatRoom' ? [] : [...(admins ? ['a', 'a2'].map((u) => ({ Member_Account: u, Role: 'Admin' })) : []), { Member_Account: 'm' }, { Member_Account: 'm2' }];
  const r = await rest(api, 'group_open_http_svc', 'create_group', {
    GroupId: groupId,
    Type: WIRE_TYPE[type],
    Name: 'perm',
    Owner_Account: 'o',
    MemberList: members,
    ...(type === 'Community' ? { SupportTopic: 1 } : {}),
  });
  if (r.ErrorCode !== 0) throw new Error(`create_group ${type} failed: ${JSON.stringify(r)}`);
  if (type === 'AVChatRoom') for (const u of ['m', 'm2']) expect(await outcome(client(u).groups.join(groupId))).toBe(0);
  await outcome(client('p').groups.join(groupId));
  return groupId;
}

function targetOf(x: PermissionCell): string {
  if (x.target === 'Owner') return 'o';
  if (x.target === 'Admin') return x.actor === 'Admin' ? 'a2' : 'a';
  return x.actor === 'Member' ? 'm2' : 'm';
}

/** The cell as the acting device's request; its outcome code. */
async function play(x: PermissionCell, groupId: string): Promise<number> {
  const g = client(userOf(x.actor)).groups;
  switch (x.action) {
    case 'apply':
      return outcome(g.join(groupId));
    case 'invite':
      return outcome(g.invite(groupId, ['t']));
    case 'quit':
      return outcome(g.quit(groupId));
    case 'editProfile':
      return outcome(g.modify(groupId, { name: 'renamed' }));
    case 'muteAll':
      return outcome(g.modify(groupId, { muteAll: true }));
    case 'transferOwner':
      return outcome(g.transfer(groupId, 'm2'));
    case 'dismiss':
      return outcome(g.dismiss(groupId));
    case 'approveApply':
      return outcome(g.decide(groupId, ['p'], true));
    case 'createWithMembers':
      return outcome(g.create(x.type, 'new', { groupId: newId(x.type), members: ['t'] }));
    case 'kick':
      return outcome(g.kick(groupId, [targetOf(x)]));
    case 'mute':
      return outcome(g.setMember(groupId, targetOf(x), { muteTimeSec: 60 }));
    case 'editMember':
      return outcome(g.setMember(groupId, targetOf(x), { nameCard: 'card' }));
    case 'setAdmin':
      return outcome(g.setMember(groupId, targetOf(x), { role: x.target === 'Admin' ? 'Member' : 'Admin' }));
    case 'sendMessage':
      return outcome(g.send(groupId, { MsgBody: body, Random: ++serial }));
    case 'recallOthers': {
      const sent = await client(targetOf(x)).groups.send(groupId, { MsgBody: body, Random: ++serial });
      const r = await g.recall(groupId, [sent.seq || 1]).catch((e: unknown) => e);
      if (r instanceof ImError) return r.code;
      return (r as { results: Array<{ code: number }> }).results[0]!.code;
    }
    case 'manageTopics': {
      const from = x.actor === 'AppAdmin' ? {} : { From_Account: userOf(x.actor) };
      const r = await rest(api, 'million_group_open_http_svc', 'create_topic', { GroupId: groupId, ...from, TopicId: topicIdOf(groupId, 'r'), TopicName: 'topic' });
      return r.ErrorCode as number;
    }
    default:
      throw new Error(`no replay for ${x.action}`);
  }
}

const label = (x: PermissionCell): string => `${x.type} ${x.action} ${x.actor}${x.target ? `>${x.target}` : ''} → ${x.expected}`;

describe('the permission table on the cluster', () => {
  it('has a cell for every action of every type', () => {
    expect(cells.length).toBeGreaterThan(250);
    expect(new Set(cells.map((x) => x.type)).size).toBe(5);
  });

  it.each(cells.map((x) => [label(x), x] as const))('%s', async (_name, x) => {
    const groupId = await fixture(x.type);
    const deviceJoinsRoom = x.type === 'AVChatRoom' && x.action === 'apply' && x.expected === 10013;
    expect(await play(x, groupId)).toBe(deviceJoinsRoom ? 0 : x.expected);
  });
});
