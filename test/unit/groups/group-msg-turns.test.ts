// The group message turns other than sends, on a hand-built GroupContext: recall (limits, roles,
// AVChatRoom 10033, placeholders), edit, delete by sender, read positions and set_unread, receipts
// from read positions, system notifications, tips per type, live-room rate by priority, and
// history visibility before joining.
import { describe, expect, it } from 'vitest';
import { handleMessageTurn, sendGroupBatch, storeTip } from '../../../src/groups/group-send.js';
import type { GroupSendResult } from '../../../src/groups/group-messages.js';
import { historyPage } from '../../../src/groups/group-msg-history.js';
import { groupUnreadCount } from '../../../src/groups/group-msg-unread.js';
import { receiptCount, receiptMembers } from '../../../src/groups/group-msg-receipts.js';
import { AVCHATROOM_MSG_RATE, DROP_REASON_RATE } from '../../../src/groups/group-msg-rate.js';
import { Err } from '../../../src/protocol/error-codes.js';
import { Op } from '../../../src/protocol/ops.js';
import type { GroupMsgFrame } from '../../../src/protocol/group-frames.js';
import type { ServerFrame } from '../../../src/protocol/frames.js';
import { ADMIN, APP, addMembers, codeOf, groupFixture, send, text, user, type Fixture } from './group-msg-fixture.js';

async function withMessages(f: Fixture, gid: string, senders: string[]): Promise<void> {
  const ctx = f.ctx(gid);
  for (const [i, s] of senders.entries()) await handleMessageTurn(ctx, send(gid, user(s), { Random: 1000 + i, NeedReadReceipt: 1 }));
}

const dataOf = (frame: ServerFrame): unknown => (frame as { d?: unknown }).d;
const base = (gid: string) => ({ sdkAppId: APP, groupId: gid });

describe('group recall', () => {
  it('lets senders recall within the limit, owners and admins recall members, the App admin anything', async () => {
    const f = groupFixture();
    await f.createGroup('g1', 'Public', { own: 'Owner', adm: 'Admin', bob: 'Member', carol: 'Member' });
    await withMessages(f, 'g1', ['bob', 'carol', 'adm', 'own', 'bob']);
    const ctx = f.ctx('g1');
    const recall = (by: string | null, seqs: number[]) => handleMessageTurn(ctx, { t: 'recall', ...base('g1'), by: by ? user(by) : ADMIN, seqs }) as Promise<{ results: { seq: number; code: number }[] }>;
    expect((await recall('bob', [1, 2, 99])).results).toEqual([
      { seq: 1, code: 0 },
      { seq: 2, code: Err.GROUP_PERMISSION_DENIED },
      { seq: 99, code: Err.GROUP_RECALL_NOT_FOUND },
    ]);
    expect((await recall('bob', [1])).results[0]!.code).toBe(Err.GROUP_RECALL_NOT_ALLOWED);
    expect((await recall('adm', [2, 4])).results.map((r) => r.code)).toEqual([0, Err.GROUP_PERMISSION_DENIED]);
    expect((await recall('own', [3])).results[0]!.code).toBe(0);
    f.clock.advance(121_000);
    expect((await recall('bob', [5])).results[0]!.code).toBe(Err.GROUP_RECALL_TIME_LIMIT);
    expect((await recall(null, [4, 5])).results.map((r) => r.code)).toEqual([0, 0]);
    expect(await codeOf(recall('zed', [5]))).toBe(Err.GROUP_PERMISSION_DENIED);
    const page = await f.store.messages.range(APP, 'g:g1', { limit: 10, order: 'asc' });
    expect(page.messages.map((m) => [m.seq, m.flags.recalled, m.body.length])).toEqual([
      [1, true, 0],
      [2, true, 0],
      [3, true, 0],
      [4, true, 0],
      [5, true, 0],
    ]);
    const frames = f.deliveries.filter((d) => d.frame.op === Op.GROUP_RECALLED).map((d) => dataOf(d.frame));
    expect(frames[0]).toEqual({ groupId: 'g1', seqs: [1], by: 'bob' });
    expect(f.webhooks.of('Group.CallbackAfterRecallMsg')[0]!.body).toMatchObject({ GroupId: 'g1', Operator_Account: 'bob', MsgSeqList: [{ MsgSeq: 1 }] });
  });

  it('follows the app recall limit, refuses AVChatRoom (10033) and bad seq lists', async () => {
    const f = groupFixture();
    f.settings.recallLimitSec = 10;
    await f.createGroup('g1', 'Work', { own: 'Owner', bob: 'Member' });
    await f.createGroup('av', 'AVChatRoom', { own: 'Owner' });
    await withMessages(f, 'g1', ['bob']);
    f.clock.advance(11_000);
    const ctx = f.ctx('g1');
    expect(((await handleMessageTurn(ctx, { t: 'recall', ...base('g1'), by: user('bob'), seqs: [1] })) as { results: { code: number }[] }).results[0]!.code).toBe(Err.GROUP_RECALL_TIME_LIMIT);
    expect(await codeOf(handleMessageTurn(f.ctx('av'), { t: 'recall', ...base('av'), by: user('own'), seqs: [1] }))).toBe(Err.GROUP_TYPE_NO_RECALL);
    expect(await codeOf(handleMessageTurn(ctx, { t: 'recall', ...base('g1'), by: ADMIN, seqs: [] }))).toBe(Err.GROUP_INVALID_PARAMS);
    expect(await codeOf(handleMessageTurn(ctx, { t: 'recall', ...base('g1'), by: ADMIN, seqs: [0] }))).toBe(Err.GROUP_INVALID_PARAMS);
  });
});

describe('group edits and deletes', () => {
  it('edits own messages (App admin any), refuses others, recalled ones and oversize results', async () => {
    const f = groupFixture();
    await f.createGroup('g1', 'Public', { own: 'Owner', bob: 'Member' });
    await withMessages(f, 'g1', ['bob', 'own']);
    const ctx = f.ctx('g1');
    const r = (await handleMessageTurn(ctx, { t: 'modifyMsg', ...base('g1'), by: user('bob'), seq: 1, body: text('edited') as never })) as { msg: { edited: boolean } };
    expect(r.msg).toMatchObject({ edited: true, body: text('edited') });
    expect(await codeOf(handleMessageTurn(ctx, { t: 'modifyMsg', ...base('g1'), by: user('bob'), seq: 2, cloudCustomData: 'x' }))).toBe(Err.GROUP_RECALL_NOT_FOUND);
    await handleMessageTurn(ctx, { t: 'modifyMsg', ...base('g1'), by: ADMIN, seq: 2, cloudCustomData: 'x' });
    expect((await f.store.messages.getBySeqs(APP, 'g:g1', [2]))[0]!.cloudCustomData).toBe('x');
    expect(await codeOf(handleMessageTurn(ctx, { t: 'modifyMsg', ...base('g1'), by: ADMIN, seq: 2, cloudCustomData: 'y'.repeat(13_000) }))).toBe(Err.MSG_TOO_LONG);
    await handleMessageTurn(ctx, { t: 'recall', ...base('g1'), by: ADMIN, seqs: [2] });
    expect(await codeOf(handleMessageTurn(ctx, { t: 'modifyMsg', ...base('g1'), by: ADMIN, seq: 2, cloudCustomData: 'z' }))).toBe(Err.GROUP_RECALL_NOT_ALLOWED);
    expect(f.deliveries.filter((d) => d.frame.op === Op.GROUP_MODIFIED)).toHaveLength(2);
  });

  it("deletes a sender's messages (App admin only) and hides them from history", async () => {
    const f = groupFixture();
    await f.createGroup('g1', 'Public', { own: 'Owner', bob: 'Member' });
    await withMessages(f, 'g1', ['bob', 'own', 'bob']);
    const ctx = f.ctx('g1');
    expect(await codeOf(handleMessageTurn(ctx, { t: 'deleteBySender', ...base('g1'), by: user('own'), sender: 'bob' }))).toBe(Err.GROUP_PERMISSION_DENIED);
    expect(await handleMessageTurn(ctx, { t: 'deleteBySender', ...base('g1'), by: ADMIN, sender: 'bob' })).toEqual({ seqs: [1, 3] });
    const page = await historyPage(f.store, APP, { type: 'Public' }, 'g:g1', { limit: 20 });
    expect(page.messages.map((m) => m.seq)).toEqual([2]);
    expect(dataOf(f.deliveries.find((d) => d.frame.op === Op.GROUP_MSG_DELETED)!.frame)).toEqual({ groupId: 'g1', seqs: [1, 3] });
  });
});

describe('group read positions and receipts', () => {
  it('raises read positions, sets unread counts and tells the reader’s devices', async () => {
    const f = groupFixture();
    await f.createGroup('g1', 'Public', { own: 'Owner', bob: 'Member' });
    await withMessages(f, 'g1', ['own', 'own', 'own']);
    const ctx = f.ctx('g1');
    expect(await handleMessageTurn(ctx, { t: 'read', ...base('g1'), by: user('bob'), seq: 2 })).toEqual({ readSeq: 2, unread: 1 });
    expect(await handleMessageTurn(ctx, { t: 'read', ...base('g1'), by: user('bob'), seq: 1 })).toEqual({ readSeq: 2, unread: 1 });
    expect(await handleMessageTurn(ctx, { t: 'read', ...base('g1'), by: user('bob') })).toEqual({ readSeq: 3, unread: 0 });
    expect(await handleMessageTurn(ctx, { t: 'read', ...base('g1'), by: ADMIN, member: 'bob', unread: 2 })).toEqual({ readSeq: 1, unread: 2 });
    expect((await f.member('g1', 'bob'))!.readSeq).toBe(1);
    expect(await codeOf(handleMessageTurn(ctx, { t: 'read', ...base('g1'), by: user('zed') }))).toBe(Err.GROUP_PERMISSION_DENIED);
    expect(await codeOf(handleMessageTurn(ctx, { t: 'read', ...base('g1'), by: user('bob'), member: 'own' }))).toBe(Err.GROUP_PERMISSION_DENIED);
    expect(await codeOf(handleMessageTurn(ctx, { t: 'read', ...base('g1'), by: ADMIN, member: 'bob', unread: -1 }))).toBe(Err.GROUP_INVALID_PARAMS);
    const pushes = f.deliveries.filter((d) => d.frame.op === Op.GROUP_READ_CHANGED);
    expect(pushes.map((p) => [p.to, dataOf(p.frame)])).toEqual([
      [['bob'], { groupId: 'g1', readSeq: 2, unread: 1 }],
      [['bob'], { groupId: 'g1', readSeq: 3, unread: 0 }],
      [['bob'], { groupId: 'g1', readSeq: 1, unread: 2 }],
    ]);
  });

  it('counts unread messages without NoUnread sends, tips, recalled ones and history imports', async () => {
    const f = groupFixture();
    await f.createGroup('g1', 'Work', { own: 'Owner', bob: 'Member' });
    const ctx = f.ctx('g1');
    await handleMessageTurn(ctx, send('g1', user('own'), { Random: 1 }));
    await handleMessageTurn(ctx, send('g1', user('own'), { Random: 2 }));
    await handleMessageTurn(ctx, send('g1', user('own'), { Random: 3, SendMsgControl: ['NoUnread'] }));
    await storeTip(ctx, { kind: 'join', operator: 'own', users: ['x'] });
    await handleMessageTurn(ctx, send('g1', user('own'), { Random: 5 }));
    await handleMessageTurn(ctx, send('g1', ADMIN, { Random: 6, From_Account: 'own' }, { imported: { timeSec: 1_000_000, mode: 'history' } }));
    await handleMessageTurn(ctx, { t: 'recall', ...base('g1'), by: ADMIN, seqs: [5] });
    expect(await handleMessageTurn(ctx, { t: 'read', ...base('g1'), by: user('bob'), seq: 1 })).toEqual({ readSeq: 1, unread: 1 });
    expect(await groupUnreadCount(f.store, APP, { groupId: 'g1', type: 'Work' }, 0, 6)).toBe(2);
    // set_unread_msg_num counts the same way: 1 unread = just below seq 2; more than there are = all.
    expect(await handleMessageTurn(ctx, { t: 'read', ...base('g1'), by: ADMIN, member: 'bob', unread: 1 })).toEqual({ readSeq: 1, unread: 1 });
    expect(await handleMessageTurn(ctx, { t: 'read', ...base('g1'), by: ADMIN, member: 'bob', unread: 9 })).toEqual({ readSeq: 0, unread: 2 });
    expect(await groupUnreadCount(f.store, APP, { groupId: 'g1', type: 'Meeting' }, 0, 6)).toBe(0);
    expect(await groupUnreadCount(f.store, APP, { groupId: 'g1', type: 'Work' }, 0, 5000)).toBe(5000);
  });

  it('counts receipts from read positions, members who joined later left out, senders told', async () => {
    const f = groupFixture();
    await f.createGroup('g1', 'Work', { own: 'Owner', a: 'Member', b: 'Member' });
    await withMessages(f, 'g1', ['own', 'own']);
    await addMembers(f, 'g1', { late: 'Member' }, 2);
    const ctx = f.ctx('g1');
    expect(await handleMessageTurn(ctx, { t: 'receipt', ...base('g1'), by: user('a'), seqs: [2] })).toEqual({ seqs: [2] });
    expect(await handleMessageTurn(ctx, { t: 'receipt', ...base('g1'), by: user('a'), seqs: [1] })).toEqual({ seqs: [] });
    expect(await handleMessageTurn(ctx, { t: 'receipt', ...base('g1'), by: user('b'), seqs: [1] })).toEqual({ seqs: [1] });
    const g = (await f.store.groups.getGroup(APP, 'g1'))!;
    const members = await receiptMembers(f.store, APP, g);
    const [m1, m2] = await f.store.messages.getBySeqs(APP, 'g:g1', [1, 2]);
    expect(receiptCount(members, m1!)).toEqual({ read: 2, unread: 0 });
    expect(receiptCount(members, m2!)).toEqual({ read: 1, unread: 1 });
    const told = f.deliveries.filter((d) => d.frame.op === Op.GROUP_RECEIPTS).map((d) => [d.to, dataOf(d.frame)]);
    expect(told).toEqual([
      [['own'], { groupId: 'g1', reader: 'a', seqs: [2] }],
      [['own'], { groupId: 'g1', reader: 'b', seqs: [1] }],
    ]);
    await f.createGroup('av', 'AVChatRoom', { own: 'Owner' });
    expect(await codeOf(handleMessageTurn(f.ctx('av'), { t: 'receipt', ...base('av'), by: user('own'), seqs: [1] }))).toBe(Err.GROUP_PERMISSION_DENIED);
    expect(await codeOf(handleMessageTurn(ctx, { t: 'receipt', ...base('g1'), by: user('zed'), seqs: [1] }))).toBe(Err.GROUP_PERMISSION_DENIED);
  });
});

describe('system notifications and tips', () => {
  it('sends system notifications online only, from the App admin only', async () => {
    const f = groupFixture();
    await f.createGroup('g1', 'Public', { own: 'Owner', bob: 'Member' });
    const ctx = f.ctx('g1');
    expect(await codeOf(handleMessageTurn(ctx, { t: 'notify', ...base('g1'), by: user('own'), content: 'x' }))).toBe(Err.GROUP_PERMISSION_DENIED);
    await handleMessageTurn(ctx, { t: 'notify', ...base('g1'), by: ADMIN, content: 'hello' });
    await handleMessageTurn(ctx, { t: 'notify', ...base('g1'), by: ADMIN, content: 'just bob', toMembers: ['bob', 'zed'] });
    expect(f.deliveries.map((d) => [d.to, d.frame])).toEqual([
      ['members', { op: Op.GROUP_SYSTEM, d: { groupId: 'g1', content: 'hello' } }],
      [['bob'], { op: Op.GROUP_SYSTEM, d: { groupId: 'g1', content: 'just bob' } }],
    ]);
    expect(await f.store.messages.maxSeq(APP, 'g:g1')).toBe(0);
  });

  it('stores and sends tips per type: Work stored, Meeting neither, AVChatRoom sent only', async () => {
    const f = groupFixture();
    await f.createGroup('w', 'Work', { own: 'Owner' });
    await f.createGroup('m', 'Meeting', { own: 'Owner' });
    await f.createGroup('av', 'AVChatRoom', { own: 'Owner' });
    const tip = { kind: 'join', operator: 'own', users: ['bob'] };
    const ctx = f.ctx('w');
    await handleMessageTurn(ctx, send('w', user('own'), { Random: 1 }));
    expect((await storeTip(ctx, tip, { alsoTo: ['bob'] })).seq).toBe(2);
    expect((await handleMessageTurn(ctx, send('w', user('own'), { Random: 2 })) as GroupSendResult).seq).toBe(3);
    expect((await storeTip(f.ctx('m'), tip)).seq).toBe(0);
    expect((await storeTip(f.ctx('av'), tip)).seq).toBe(0);
    const [stored] = await f.store.messages.getBySeqs(APP, 'g:w', [2]);
    expect(stored).toMatchObject({ from: '', body: [], extra: { tip } });
    const tipFrames = f.deliveries.filter((d) => d.frame.op === Op.GROUP_MSG && (d.frame as GroupMsgFrame).d.msgs[0]!.tip);
    expect(tipFrames.map((d) => [(d.frame as GroupMsgFrame).d.groupId, d.to])).toEqual([
      ['w', 'members'],
      ['w', ['bob']],
      ['av', 'members'],
    ]);
  });
});

describe('AVChatRoom sends', () => {
  it('stores nothing, admits 40/s dropping Low before Normal before High, one frame per batch', async () => {
    const f = groupFixture();
    await f.createGroup('av', 'AVChatRoom', { own: 'Owner' });
    await addMembers(f, 'av', { ...Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`u${i}`, 'Member' as const])) }, 0);
    const ctx = f.ctx('av');
    const prio = ['Low', 'Normal', 'High'];
    // 60 sends: 20 of each priority, interleaved.
    const sends = Array.from({ length: 60 }, (_, i) => send('av', user(`u${i % 5}`), { Random: i + 1, MsgPriority: prio[i % 3] }));
    const out = await sendGroupBatch(ctx, sends);
    const res = out.map((o) => ('ok' in o ? (o.ok as GroupSendResult) : undefined));
    const dropped = (p: string) => res.filter((r, i) => prio[i % 3] === p && r?.dropReason === DROP_REASON_RATE).length;
    // High fills up to 40, Normal up to 32, Low up to 20 of a second: the burst's 20 High come
    // first, then 12 Normal; every Low finds the window past its share.
    expect([dropped('High'), dropped('Normal'), dropped('Low')]).toEqual([0, 8, 20]);
    expect(res.every((r) => r?.seq === 0)).toBe(true);
    expect(await f.store.messages.maxSeq(APP, 'g:av')).toBe(0);
    const frames = f.deliveries.filter((d) => d.frame.op === Op.GROUP_MSG);
    expect(frames).toHaveLength(1);
    expect((frames[0]!.frame as GroupMsgFrame).d.msgs).toHaveLength(32);
    // The same second keeps its last 8 slots for High.
    const more = await sendGroupBatch(ctx, Array.from({ length: 10 }, (_, i) => send('av', user('u1'), { Random: 100 + i, MsgPriority: i < 9 ? 'High' : 'Normal' })));
    const drops = more.map((o) => ('ok' in o && (o.ok as GroupSendResult).dropReason) || '');
    expect(drops).toEqual([...Array(8).fill(''), DROP_REASON_RATE, DROP_REASON_RATE]);
    expect(AVCHATROOM_MSG_RATE).toBe(40);
    f.clock.advance(1_000);
    const next = await sendGroupBatch(ctx, [send('av', user('u1'), { Random: 201, MsgPriority: 'Low' })]);
    expect('ok' in next[0]! && (next[0].ok as GroupSendResult).dropReason).toBeFalsy();
    await expect(f.metrics.registry.getSingleMetricAsString('im_group_msg_drops_total')).resolves.toContain('priority="low"} 20');
    expect(f.pushes).toEqual([]);
  });
});

describe('group history', () => {
  it('pages newest first and hides history before joining where the type does', async () => {
    const f = groupFixture();
    await f.createGroup('pub', 'Public', { own: 'Owner' });
    await f.createGroup('meet', 'Meeting', { own: 'Owner' });
    await withMessages(f, 'pub', ['own', 'own', 'own', 'own', 'own']);
    await withMessages(f, 'meet', ['own', 'own', 'own']);
    const viewer = { joinSeq: 3 };
    const p1 = await historyPage(f.store, APP, { type: 'Public' }, 'g:pub', { limit: 2 });
    expect([p1.messages.map((m) => m.seq), p1.finished]).toEqual([[5, 4], false]);
    const p2 = await historyPage(f.store, APP, { type: 'Public' }, 'g:pub', { limit: 2, fromSeq: p1.nextSeq });
    expect([p2.messages.map((m) => m.seq), p2.finished]).toEqual([[3, 2], false]);
    const p3 = await historyPage(f.store, APP, { type: 'Public' }, 'g:pub', { limit: 2, fromSeq: p2.nextSeq });
    expect([p3.messages.map((m) => m.seq), p3.finished]).toEqual([[1], true]);
    const joined = await historyPage(f.store, APP, { type: 'Public' }, 'g:pub', { limit: 10, viewer });
    expect([joined.messages.map((m) => m.seq), joined.finished]).toEqual([[5, 4], true]);
    const meet = await historyPage(f.store, APP, { type: 'Meeting' }, 'g:meet', { limit: 10, viewer });
    expect(meet.messages.map((m) => m.seq)).toEqual([3, 2, 1]);
    await handleMessageTurn(f.ctx('pub'), { t: 'recall', ...base('pub'), by: ADMIN, seqs: [4] });
    expect((await historyPage(f.store, APP, { type: 'Public' }, 'g:pub', { limit: 3 })).messages.map((m) => m.seq)).toEqual([5, 3, 2]);
    expect((await historyPage(f.store, APP, { type: 'Public' }, 'g:pub', { limit: 3, withRecalled: true })).messages.map((m) => m.seq)).toEqual([5, 4, 3]);
    expect((await historyPage(f.store, APP, { type: 'AVChatRoom' }, 'g:pub', { limit: 3 })).messages).toEqual([]);
  });
});
