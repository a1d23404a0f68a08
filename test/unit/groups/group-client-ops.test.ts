// The group client ops over real sockets on the in-process node (two edges): create, join and
// approval, sends received across edges in seq order, sync after being offline, history
// visibility for a later joiner by type, read and unread, recall, and refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Err } from '../../../src/protocol/error-codes.js';
import { Op } from '../../../src/protocol/ops.js';
import { code, plain, refusal, startGroupSocketNode, text, textOf, type GroupSocketNode } from './group-socket-fixture.js';

let node: GroupSocketNode;

beforeAll(async () => {
  node = await startGroupSocketNode();
  await node.accounts('alice', 'bob', 'carol', 'dave', 'erin', 'frank');
});
afterAll(() => node.stop());

let rnd = 1000;
const send = (groupId: string, t: string, more: Record<string, unknown> = {}) => ({ MsgBody: text(t), Random: rnd++, ...more, groupId });

describe('membership over the socket', () => {
  it('creates a group with members; info, joined list and member pages show it', async () => {
    const alice = await node.device('alice', 0);
    const { groupId } = await alice.client.groups.create('Work', 'team', { members: ['bob', 'carol'], introduction: 'hi' });
    expect(groupId.startsWith('@TGS#')).toBe(true);
    const info = await alice.client.groups.info([groupId, 'no-such-group']);
    expect(info.groups[0]).toMatchObject({ groupId, code: 0, group: { type: 'Work', name: 'team', introduction: 'hi', ownerId: 'alice', memberCount: 3 }, self: { role: 'Owner' } });
    expect(info.groups[1]).toEqual({ groupId: 'no-such-group', code: Err.GROUP_NOT_FOUND });
    const bob = await node.device('bob', 1);
    const joined = await bob.client.groups.joined();
    expect(joined.groups.map((g) => g.groupId)).toContain(groupId);
    const page1 = await bob.client.groups.members(groupId, { limit: 2 });
    expect(page1.memberCount).toBe(3);
    expect(page1.members).toHaveLength(2);
    const rest = page1.next ? (await bob.client.groups.members(groupId, { after: page1.next })).members : [];
    expect([...page1.members, ...rest].map((m) => m.userId).sort()).toEqual(['alice', 'bob', 'carol']);
    alice.close();
    bob.close();
  });

  it('a custom id, then an application that needs approval: pending, approved, then a member', async () => {
    const alice = await node.device('alice', 0);
    const dave = await node.device('dave', 1);
    const groupId = 'pub-approve';
    await alice.client.groups.create('Public', 'club', { groupId, applyJoinOption: 'NeedPermission' });
    expect(await dave.client.groups.join(groupId, 'let me in')).toEqual({ outcome: 'pending' });
    expect(await code(dave.client.groups.sync(groupId, 0))).toBe(Err.GROUP_PERMISSION_DENIED);
    expect(await dave.client.groups.decide(groupId, ['dave'], true).then(() => 0, () => 1)).toBe(1); // a non-member cannot decide
    expect(await alice.client.groups.decide(groupId, ['dave'], true)).toEqual({ decided: ['dave'] });
    const info = await dave.client.groups.info([groupId]);
    expect(info.groups[0]?.self?.role).toBe('Member');
    // The new member's other sockets are subscribed: a message reaches dave on edge 1.
    await alice.client.groups.send(groupId, send(groupId, 'welcome'));
    const got = await dave.waitMsgs(groupId, 1, { plain: true });
    expect(got.map(textOf)).toContain('welcome');
    expect(await code(alice.client.groups.create('Public', 'again', { groupId }))).toBe(Err.GROUP_ID_IN_USE_BY_OWNER);
    alice.close();
    dave.close();
  });

  it('quit, kick, roles, transfer and dismiss go through the actor with its codes', async () => {
    const alice = await node.device('alice', 0);
    const bob = await node.device('bob', 1);
    const { groupId } = await alice.client.groups.create('Public', 'roles', { members: ['bob', 'carol', 'erin'] });
    expect(await code(bob.client.groups.kick(groupId, ['carol']))).toBe(Err.GROUP_PERMISSION_DENIED);
    await alice.client.groups.setMember(groupId, 'bob', { role: 'Admin' });
    expect(await bob.client.groups.kick(groupId, ['carol'])).toEqual({ removed: ['carol'] });
    expect(await code(alice.client.groups.quit(groupId))).toBe(Err.GROUP_OWNER_CANNOT_QUIT);
    await bob.client.groups.setMember(groupId, 'erin', { muteTimeSec: 600 });
    const erin = await node.device('erin', 0);
    expect(await code(erin.client.groups.send(groupId, send(groupId, 'muted')))).toBe(Err.GROUP_SENDER_MUTED);
    await erin.client.groups.quit(groupId);
    await alice.client.groups.transfer(groupId, 'bob');
    expect((await alice.client.groups.info([groupId])).groups[0]?.group?.ownerId).toBe('bob');
    expect(await code(alice.client.groups.modify(groupId, { name: 'renamed' }))).toBe(Err.GROUP_PERMISSION_DENIED);
    await bob.client.groups.modify(groupId, { name: 'renamed' });
    expect((await alice.client.groups.info([groupId])).groups[0]?.group?.name).toBe('renamed');
    expect(await code(alice.client.groups.dismiss(groupId))).toBe(Err.GROUP_PERMISSION_DENIED);
    await bob.client.groups.dismiss(groupId);
    expect((await bob.client.groups.info([groupId])).groups[0]?.code).toBe(Err.GROUP_NOT_FOUND);
    for (const d of [alice, bob, erin]) d.close();
  });
});

describe('messages over the socket', () => {
  it('sends on edge 0 reach members on edge 1 in seq order, gap-free', async () => {
    const alice = await node.device('alice', 0);
    const bob = await node.device('bob', 1);
    const alice2 = await node.device('alice', 1, 'alice-tablet');
    const { groupId } = await alice.client.groups.create('Work', 'stream', { members: ['bob'] });
    const seqs: number[] = [];
    for (let i = 0; i < 10; i++) seqs.push((await alice.client.groups.send(groupId, send(groupId, `m${i}`))).seq);
    const got = plain(await bob.waitMsgs(groupId, 10, { plain: true }));
    expect(got.map(textOf)).toEqual([...Array(10).keys()].map((i) => `m${i}`));
    expect(got.map((m) => m.seq)).toEqual(seqs);
    const all = bob.msgs(groupId).map((m) => m.seq);
    expect(all).toEqual([...all].sort((a, b) => a - b));
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1]! + 1);
    // The sender's other device gets them too; the sending socket only got its replies.
    expect(plain(await alice2.waitMsgs(groupId, 10, { plain: true })).map((m) => m.seq)).toEqual(seqs);
    expect(plain(alice.msgs(groupId))).toEqual([]);
    alice.close();
    alice2.close();
    bob.close();
  });

  it('a member who was offline catches up with sync, page after page', async () => {
    const alice = await node.device('alice', 0);
    const carol0 = await node.device('carol', 1);
    const { groupId } = await alice.client.groups.create('Public', 'offline', { members: ['carol'] });
    await alice.client.groups.send(groupId, send(groupId, 'before'));
    const seen = await carol0.waitMsgs(groupId, 1, { plain: true });
    const lastSeen = seen[seen.length - 1]!.seq;
    carol0.close();
    for (let i = 0; i < 25; i++) await alice.client.groups.send(groupId, send(groupId, `while-away-${i}`));
    const carol = await node.device('carol', 1, 'carol-back');
    const first = await carol.client.groups.sync(groupId, lastSeen, { limit: 10 });
    expect(first.messages).toHaveLength(10);
    expect(first.complete).toBe(false);
    const caught = await carol.client.groups.syncAll(groupId, lastSeen);
    expect(plain(caught).map(textOf)).toEqual([...Array(25).keys()].map((i) => `while-away-${i}`));
    expect(caught.map((m) => m.seq)).toEqual([...Array(caught.length).keys()].map((i) => lastSeen + 1 + i));
    const done = await carol.client.groups.sync(groupId, caught[caught.length - 1]!.seq);
    expect(done).toMatchObject({ messages: [], complete: true });
    alice.close();
    carol.close();
  });

  it('a later joiner sees earlier history in Meeting and Community, not in Work or Public', async () => {
    const alice = await node.device('alice', 0);
    const frank = await node.device('frank', 1);
    const expectations = { Work: false, Public: false, Meeting: true, Community: true } as const;
    for (const [type, sees] of Object.entries(expectations)) {
      const { groupId } = await alice.client.groups.create(type as keyof typeof expectations, `hist-${type}`, type === 'Work' ? {} : { applyJoinOption: 'FreeAccess' });
      await alice.client.groups.send(groupId, send(groupId, `${type}-old`));
      if (type === 'Work') await alice.client.groups.invite(groupId, ['frank']);
      else expect(await frank.client.groups.join(groupId)).toEqual({ outcome: 'joined' });
      await alice.client.groups.send(groupId, send(groupId, `${type}-new`));
      const synced = plain(await frank.client.groups.syncAll(groupId, 0)).map(textOf);
      const history = plain((await frank.client.groups.history(groupId)).messages).map(textOf);
      expect(synced, type).toEqual(sees ? [`${type}-old`, `${type}-new`] : [`${type}-new`]);
      expect(history, type).toEqual(sees ? [`${type}-new`, `${type}-old`] : [`${type}-new`]);
    }
    alice.close();
    frank.close();
  });

  it('Community topics have their own timeline', async () => {
    const alice = await node.device('alice', 0);
    const bob = await node.device('bob', 1);
    const { groupId } = await alice.client.groups.create('Community', 'topics', { members: ['bob'], supportTopic: true });
    const topicId = `${groupId}@TOPIC#_general`;
    const r = await node.n.rest('million_group_open_http_svc/create_topic', { GroupId: groupId, TopicId: topicId, TopicName: 'general' });
    expect(r.ErrorCode).toBe(0);
    const s1 = await alice.client.groups.send(groupId, { ...send(groupId, 't1'), topicId });
    const s2 = await alice.client.groups.send(groupId, { ...send(groupId, 't2'), topicId });
    expect(s2.seq).toBe(s1.seq + 1);
    const got = await bob.waitMsgs(groupId, 2, { topicId, plain: true });
    expect(got.map(textOf)).toEqual(['t1', 't2']);
    expect(plain(await bob.client.groups.syncAll(groupId, 0, { topicId })).map(textOf)).toEqual(['t1', 't2']);
    expect(await code(bob.client.groups.sync(groupId, 0, { topicId: `${groupId}@TOPIC#_nope` }))).toBe(Err.GROUP_NOT_FOUND);
    alice.close();
    bob.close();
  });

  it('read positions: unread counts in the joined list, markRead, and the other device is told', async () => {
    const alice = await node.device('alice', 0);
    const bob = await node.device('bob', 1);
    const bob2 = await node.device('bob', 0, 'bob-second');
    const { groupId } = await alice.client.groups.create('Work', 'unread', { members: ['bob'] });
    for (let i = 0; i < 4; i++) await alice.client.groups.send(groupId, send(groupId, `u${i}`));
    // Counted out, as in REST's UnreadMsgNum: a NoUnread send and a recalled message.
    await alice.client.groups.send(groupId, { ...send(groupId, 'quiet'), SendMsgControl: ['NoUnread'] });
    const gone = await alice.client.groups.send(groupId, send(groupId, 'gone'));
    await alice.client.groups.recall(groupId, [gone.seq]);
    const before = (await bob.client.groups.joined()).groups.find((g) => g.groupId === groupId)!;
    expect(before.unread).toBe(4);
    const rest = await node.n.rest('group_open_http_svc/get_joined_group_list', { Member_Account: 'bob', ResponseFilter: { SelfInfoFilter: ['UnreadMsgNum'] } });
    expect((rest.GroupIdList as Array<{ GroupId: string; SelfInfo: { UnreadMsgNum: number } }>).find((g) => g.GroupId === groupId)?.SelfInfo.UnreadMsgNum).toBe(4);
    expect((await bob.client.groups.info([groupId])).groups[0]?.self?.unread).toBe(4);
    const r = await bob.client.groups.markRead(groupId);
    expect(r).toEqual({ readSeq: before.maxSeq, unread: 0 });
    expect((await bob.client.groups.joined()).groups.find((g) => g.groupId === groupId)?.unread).toBe(0);
    expect((await bob.client.groups.info([groupId])).groups[0]?.self).toMatchObject({ readSeq: before.maxSeq, unread: 0 });
    await expect.poll(() => bob2.reads.some((x) => x.groupId === groupId && x.readSeq === before.maxSeq)).toBe(true);
    for (const d of [alice, bob, bob2]) d.close();
  });

  it('recall: members are told and history keeps a placeholder; others may not recall it', async () => {
    const alice = await node.device('alice', 0);
    const bob = await node.device('bob', 1);
    const { groupId } = await alice.client.groups.create('Work', 'recall', { members: ['bob'] });
    const { seq } = await alice.client.groups.send(groupId, send(groupId, 'oops'));
    expect((await bob.client.groups.recall(groupId, [seq])).results[0]?.code).toBe(Err.GROUP_PERMISSION_DENIED);
    expect(await alice.client.groups.recall(groupId, [seq])).toEqual({ results: [{ seq, code: 0 }] });
    await expect.poll(() => bob.recalled.some((x) => x.groupId === groupId && x.seqs.includes(seq))).toBe(true);
    const h = (await bob.client.groups.history(groupId)).messages.find((m) => m.seq === seq);
    expect(h).toMatchObject({ seq, recalled: true });
    expect(await code(alice.client.groups.modifyMessage(groupId, seq, { CloudCustomData: 'x' }))).toBe(Err.GROUP_RECALL_NOT_ALLOWED);
    alice.close();
    bob.close();
  });

  it('edit and receipts', async () => {
    const alice = await node.device('alice', 0);
    const bob = await node.device('bob', 1);
    const { groupId } = await alice.client.groups.create('Work', 'edit', { members: ['bob'] });
    const { seq } = await alice.client.groups.send(groupId, send(groupId, 'draft', { IsNeedReadReceipt: 1 }));
    const r = await alice.client.groups.modifyMessage(groupId, seq, { MsgBody: text('final') });
    expect(textOf(r.msg)).toBe('final');
    expect(r.msg.edited).toBe(true);
    expect(await bob.client.groups.sendReceipts(groupId, [seq])).toEqual({ seqs: [seq] });
    alice.close();
    bob.close();
  });
});

describe('live rooms', () => {
  it('a room viewer (no member row) reads an empty timeline; sends are not stored', async () => {
    const alice = await node.device('alice', 0);
    const bob = await node.device('bob', 1);
    const { groupId } = await alice.client.groups.create('AVChatRoom', 'room');
    expect(await bob.client.rooms.join(groupId)).toBe(true);
    expect((await alice.client.groups.send(groupId, send(groupId, 'live'))).seq).toBe(0);
    expect(plain(await bob.waitMsgs(groupId, 1, { plain: true })).map(textOf)).toEqual(['live']);
    expect(await bob.client.groups.sync(groupId, 0)).toEqual({ messages: [], afterSeq: 0, maxSeq: 0, complete: true });
    expect(await bob.client.groups.history(groupId)).toEqual({ messages: [], beforeSeq: 1, complete: true });
    alice.close();
    bob.close();
  });
});

describe('refusals', () => {
  it('non-members cannot read or send; unknown groups answer 10010', async () => {
    const alice = await node.device('alice', 0);
    const erin = await node.device('erin', 1);
    const { groupId } = await alice.client.groups.create('Work', 'private', {});
    expect(await code(erin.client.groups.sync(groupId, 0))).toBe(Err.GROUP_PERMISSION_DENIED);
    expect(await code(erin.client.groups.history(groupId))).toBe(Err.GROUP_PERMISSION_DENIED);
    expect(await code(erin.client.groups.members(groupId))).toBe(Err.GROUP_PERMISSION_DENIED);
    expect(await code(erin.client.groups.send(groupId, send(groupId, 'x')))).toBe(Err.GROUP_PERMISSION_DENIED);
    expect(await code(erin.client.groups.sync('nope-group', 0))).toBe(Err.GROUP_NOT_FOUND);
    expect(await code(alice.client.groups.send(groupId, { ...send(groupId, 'x'), MsgBody: 'not an array' }))).toBe(Err.MSG_BODY_NOT_ARRAY);
    alice.close();
    erin.close();
  });
});

describe('bad inputs: 6017 naming the field', () => {
  const G = 'some-group';
  const cases: Array<[string, number, unknown, string]> = [
    ['create without type', Op.GROUP_CREATE, { name: 'x' }, 'type'],
    ['create with an unknown type', Op.GROUP_CREATE, { type: 'Private', name: 'x' }, 'type'],
    ['create without name', Op.GROUP_CREATE, { type: 'Work' }, 'name'],
    ['create with members not a list', Op.GROUP_CREATE, { type: 'Work', name: 'x', members: 'bob' }, 'members'],
    ['create with a bad applyJoinOption', Op.GROUP_CREATE, { type: 'Public', name: 'x', applyJoinOption: 'Sometimes' }, 'applyJoinOption'],
    ['info without ids', Op.GROUP_INFO, { groupIds: [] }, 'groupIds'],
    ['join without groupId', Op.GROUP_JOIN, {}, 'groupId'],
    ['join with a numeric wording', Op.GROUP_JOIN, { groupId: G, wording: 5 }, 'wording'],
    ['quit with an empty groupId', Op.GROUP_QUIT, { groupId: '' }, 'groupId'],
    ['invite with a bad user', Op.GROUP_INVITE, { groupId: G, userIds: [''] }, 'userIds[0]'],
    ['kick without users', Op.GROUP_KICK, { groupId: G }, 'userIds'],
    ['decide without approve', Op.GROUP_DECIDE, { groupId: G, userIds: ['bob'] }, 'approve'],
    ['modify with muteAll not a boolean', Op.GROUP_MODIFY, { groupId: G, muteAll: 'yes' }, 'muteAll'],
    ['modify with custom values not strings', Op.GROUP_MODIFY, { groupId: G, custom: { k: 1 } }, 'custom.k'],
    ['member set with Owner role', Op.GROUP_MEMBER_SET, { groupId: G, userId: 'bob', role: 'Owner' }, 'role'],
    ['member set with a negative mute', Op.GROUP_MEMBER_SET, { groupId: G, userId: 'bob', muteTimeSec: -1 }, 'muteTimeSec'],
    ['dismiss with a number id', Op.GROUP_DISMISS, { groupId: 7 }, 'groupId'],
    ['transfer without newOwner', Op.GROUP_TRANSFER, { groupId: G }, 'newOwner'],
    ['send with a numeric topic', Op.GROUP_SEND, { groupId: G, topicId: 3, MsgBody: [], Random: 1 }, 'topicId'],
    ['sync without afterSeq', Op.GROUP_SYNC, { groupId: G }, 'afterSeq'],
    ['sync with a huge page', Op.GROUP_SYNC, { groupId: G, afterSeq: 0, limit: 1000 }, 'limit'],
    ['history with beforeSeq 0', Op.GROUP_HISTORY, { groupId: G, beforeSeq: 0 }, 'beforeSeq'],
    ['read with a fractional seq', Op.GROUP_READ, { groupId: G, seq: 1.5 }, 'seq'],
    ['recall without seqs', Op.GROUP_RECALL, { groupId: G, seqs: [] }, 'seqs'],
    ['recall with seq 0', Op.GROUP_RECALL, { groupId: G, seqs: [0] }, 'seqs[0]'],
    ['edit without a change', Op.GROUP_MODIFY_MSG, { groupId: G, seq: 1 }, 'MsgBody or CloudCustomData'],
    ['receipt with too many seqs', Op.GROUP_RECEIPT, { groupId: G, seqs: [...Array(101).keys()].map((i) => i + 1) }, 'seqs'],
    ['joined with an empty cursor', Op.GROUP_JOINED, { after: '' }, 'after'],
    ['members with limit 0', Op.GROUP_MEMBERS, { groupId: G, limit: 0 }, 'limit'],
    ['d not a map', Op.GROUP_SYNC, [1, 2], 'd must be a map'],
  ];
  it.each(cases)('%s', async (_what, op, d, field) => {
    const alice = await node.device('alice', 0, `alice-bad-${op}-${field}`);
    const r = await refusal(alice.client.request(op, d));
    expect(r.code).toBe(Err.INVALID_PARAMETERS);
    expect(r.message).toContain(field);
    alice.close();
  });

  it('ops before login answer 6014', async () => {
    const WebSocket = (await import('ws')).default;
    const { ImClient } = await import('../../../src/client/index.js');
    const c = new ImClient({ WebSocket: WebSocket as never });
    await c.connect(node.n.wsUrl(0));
    expect(await code(c.groups.joined())).toBe(Err.NOT_LOGGED_IN);
    c.close();
  });
});
