// Group sends through sendGroupBatch on a hand-built GroupContext (memory store, fake clock):
// gap-free seqs per timeline across activations and a failed append, dedup by Random within 5
// minutes, per-send refusals inside a batch, mute and permission codes, @-mentions, targeted
// messages, callbacks, records and offline pushes.
import { describe, expect, it } from 'vitest';
import type { BatchOutcome } from '../../../src/actors/actor.js';
import { sendGroupBatch, handleMessageTurn } from '../../../src/groups/group-send.js';
import type { GroupSendResult } from '../../../src/groups/group-messages.js';
import { Err } from '../../../src/protocol/error-codes.js';
import { Op } from '../../../src/protocol/ops.js';
import type { GroupMsgFrame } from '../../../src/protocol/group-frames.js';
import { ADMIN, APP, codeOf, groupFixture, send, text, user } from './group-msg-fixture.js';

const ok = (o: BatchOutcome | undefined): GroupSendResult => {
  if (!o || !('ok' in o)) throw new Error(`expected ok, got ${JSON.stringify(o && 'err' in o ? o.err.code : o)}`);
  return o.ok as GroupSendResult;
};
const err = (o: BatchOutcome | undefined): number => (o && 'err' in o ? o.err.code : 0);
const msgFrames = (ds: { frame: { op: number } }[]) => ds.filter((d) => d.frame.op === Op.GROUP_MSG).map((d) => d.frame as GroupMsgFrame);

describe('group sends', () => {
  it('gives consecutive seqs per batch, resumes after a new activation and reuses seqs of a failed append', async () => {
    const f = groupFixture();
    await f.createGroup('g1', 'Public', { alice: 'Owner', bob: 'Member' });
    const out = await sendGroupBatch(f.ctx('g1'), [send('g1', user('alice'), { Random: 1 }), send('g1', user('bob'), { Random: 2 }), send('g1', ADMIN, { Random: 3, From_Account: 'carol' })]);
    expect(out.map((o) => ok(o).seq)).toEqual([1, 2, 3]);
    expect(msgFrames(f.deliveries)).toHaveLength(1);
    expect(msgFrames(f.deliveries)[0]!.d.msgs.map((m) => m.from)).toEqual(['alice', 'bob', 'carol']);

    const ctx2 = f.ctx('g1');
    expect(ok((await sendGroupBatch(ctx2, [send('g1', user('bob'), { Random: 4 })]))[0]).seq).toBe(4);

    const real = f.store.messages.appendMany.bind(f.store.messages);
    let fail = true;
    f.store.messages.appendMany = async (...a) => {
      if (fail) {
        fail = false;
        throw new Error('disk full');
      }
      return real(...a);
    };
    await expect(sendGroupBatch(ctx2, [send('g1', user('bob'), { Random: 5 })])).rejects.toThrow('disk full');
    expect(ok((await sendGroupBatch(ctx2, [send('g1', user('bob'), { Random: 5 })]))[0]).seq).toBe(5);
    const page = await f.store.messages.range(APP, 'g:g1', { limit: 100, order: 'asc' });
    expect(page.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(page.messages[2]!.from).toBe('carol');
  });

  it('restores the dedup marks of a batch stored just before a crash, so a retry is not stored twice', async () => {
    const f = groupFixture();
    await f.createGroup('g1', 'Public', { alice: 'Owner' });
    const real = f.store.dedup.remember.bind(f.store.dedup);
    f.store.dedup.remember = async () => {
      throw new Error('crash after the append');
    };
    await expect(sendGroupBatch(f.ctx('g1'), [send('g1', user('alice'), { Random: 42 })])).rejects.toThrow('crash');
    f.store.dedup.remember = real;
    // A new activation re-remembers the newest messages' marks before handing out seqs.
    const retry = await sendGroupBatch(f.ctx('g1'), [send('g1', user('alice'), { Random: 42 }), send('g1', user('alice'), { Random: 43 })]);
    expect(retry.map((o) => ok(o).seq)).toEqual([1, 2]);
    expect(await f.store.messages.maxSeq(APP, 'g:g1')).toBe(2);
  });

  it('refuses a topic on a group without topics and sends to another group (10004)', async () => {
    const f = groupFixture();
    await f.createGroup('g1', 'Public', { alice: 'Owner' });
    const out = await sendGroupBatch(f.ctx('g1'), [send('g1', user('alice'), { Random: 1 }, { topicId: 'g1@TOPIC#_t' }), send('g2', user('alice'), { Random: 2 }), send('g1', user('alice'), { Random: 3 }, { from: 'bob' })]);
    expect(out.map(err)).toEqual([Err.GROUP_INVALID_PARAMS, Err.GROUP_INVALID_PARAMS, Err.GROUP_INVALID_PARAMS]);
  });

  it('discards the same Random within 5 minutes, per group or topic, also inside one batch', async () => {
    const f = groupFixture();
    await f.createGroup('g1', 'Public', { alice: 'Owner' });
    const ctx = f.ctx('g1');
    const [a, b] = await sendGroupBatch(ctx, [send('g1', user('alice'), { Random: 7 }), send('g1', user('alice'), { Random: 7, MsgBody: text('other') })]);
    expect(ok(a)).toEqual(ok(b));
    f.clock.advance(299_000);
    expect(ok((await sendGroupBatch(ctx, [send('g1', user('alice'), { Random: 7 })]))[0]).seq).toBe(1);
    // A new activation still sees the mark.
    expect(ok((await sendGroupBatch(f.ctx('g1'), [send('g1', user('alice'), { Random: 7 })]))[0]).seq).toBe(1);
    f.clock.advance(2_000);
    expect(ok((await sendGroupBatch(ctx, [send('g1', user('alice'), { Random: 7 })]))[0]).seq).toBe(2);
    expect(await f.store.messages.maxSeq(APP, 'g:g1')).toBe(2);
  });

  it('refuses sends one by one: non-members 10007, muted 10017, whole-group mute spares owner and admins', async () => {
    const f = groupFixture();
    await f.createGroup('g1', 'Public', { alice: 'Owner', adm: 'Admin', bob: 'Member', mute: 'Member' });
    await f.store.groupMembers.updateMembers(APP, 'g1', [{ userId: 'mute', muteUntil: f.clock.nowMs() + 60_000 }]);
    const ctx = f.ctx('g1');
    const out = await sendGroupBatch(ctx, [
      send('g1', user('zed'), { Random: 1 }),
      send('g1', user('bob'), { Random: 2 }),
      send('g1', user('mute'), { Random: 3 }),
      send('g1', ADMIN, { Random: 4, From_Account: 'zed' }),
    ]);
    expect([err(out[0]), ok(out[1]).seq, err(out[2]), ok(out[3]).seq]).toEqual([Err.GROUP_PERMISSION_DENIED, 1, Err.GROUP_SENDER_MUTED, 2]);
    f.clock.advance(61_000);
    expect(ok((await sendGroupBatch(ctx, [send('g1', user('mute'), { Random: 5 })]))[0]).seq).toBe(3);

    await f.store.groups.updateGroup(APP, 'g1', { muteAll: true });
    const ctx2 = f.ctx('g1');
    const all = await sendGroupBatch(ctx2, [send('g1', user('bob'), { Random: 6 }), send('g1', user('adm'), { Random: 7 }), send('g1', user('alice'), { Random: 8 })]);
    expect([err(all[0]), ok(all[1]).seq, ok(all[2]).seq]).toEqual([Err.GROUP_SENDER_MUTED, 4, 5]);
    await expect(f.metrics.registry.getSingleMetricAsString('im_group_msg_sends_total')).resolves.toContain('outcome="refused"');
  });

  it('applies the global group mute (setnospeaking) to device sends only', async () => {
    const f = groupFixture();
    await f.createGroup('g1', 'Work', { alice: 'Owner', bob: 'Member' });
    await f.store.noSpeaking.set(APP, 'bob', { groupUntil: Math.floor(f.clock.nowMs() / 1000) + 100 });
    const ctx = f.ctx('g1');
    const out = await sendGroupBatch(ctx, [send('g1', user('bob'), { Random: 1 }), send('g1', ADMIN, { Random: 2, From_Account: 'bob' })]);
    expect([err(out[0]), ok(out[1]).seq]).toEqual([Err.GROUP_SENDER_MUTED, 1]);
  });

  it('keeps @-mentions and priority, pushes offline to members who want it, mentioned ones despite AcceptNotNotify', async () => {
    const f = groupFixture();
    await f.createGroup('g1', 'Work', { alice: 'Owner', bob: 'Member', carol: 'Member', dan: 'Member' });
    await f.store.groupMembers.updateMembers(APP, 'g1', [
      { userId: 'carol', msgFlag: 'AcceptNotNotify' },
      { userId: 'dan', msgFlag: 'Discard' },
    ]);
    const ctx = f.ctx('g1');
    await sendGroupBatch(ctx, [send('g1', user('alice'), { Random: 1, MsgPriority: 'High', GroupAtInfo: [{ GroupAtAllFlag: 0, GroupAt_Account: 'carol' }] }), send('g1', user('alice'), { Random: 2 })]);
    const [frame] = msgFrames(f.deliveries);
    expect(frame!.d.msgs[0]).toMatchObject({ seq: 1, priority: 'high', atUsers: ['carol'] });
    expect(frame!.d.msgs[1]!.atUsers).toBeUndefined();
    expect(f.pushes.map((p) => p.recipients)).toEqual([['bob', 'carol'], ['bob']]);
    expect(f.pushes[0]).toMatchObject({ convId: 'g:g1', from: 'alice' });
    const [stored] = await f.store.messages.getBySeqs(APP, 'g:g1', [1]);
    expect(stored!.extra).toMatchObject({ priority: 'high', atUsers: ['carol'] });
    // A sender's own message counts as read.
    expect((await f.member('g1', 'alice'))!.readSeq).toBe(2);
    expect((await f.store.groups.getGroup(APP, 'g1'))!.lastMsgTime).toBe(Math.floor(f.clock.nowMs() / 1000));
  });

  it('never echoes a device its own message: one frame per run of one device, one frame per live-room batch', async () => {
    const f = groupFixture();
    await f.createGroup('g1', 'Public', { alice: 'Owner', bob: 'Member' });
    await f.createGroup('av', 'AVChatRoom', { alice: 'Owner', bob: 'Member' });
    const batch = (g: string) => [
      send(g, user('alice'), { Random: 1 }, { connId: 'c1' }),
      send(g, user('alice'), { Random: 2 }, { connId: 'c1' }),
      send(g, user('bob'), { Random: 3 }, { connId: 'c2' }),
      send(g, ADMIN, { Random: 4, From_Account: 'bob' }),
    ];
    await sendGroupBatch(f.ctx('g1'), batch('g1'));
    expect(f.deliveries.map((d) => [(d.frame as GroupMsgFrame).d.msgs.map((m) => m.seq), d.skipConnId])).toEqual([
      [[1, 2], 'c1'],
      [[3], 'c2'],
      [[4], undefined],
    ]);
    f.deliveries.length = 0;
    await sendGroupBatch(f.ctx('av'), batch('av'));
    expect(f.deliveries.map((d) => [(d.frame as GroupMsgFrame).d.msgs.map((m) => m.random), d.skipConnId])).toEqual([[[1, 2, 3, 4], undefined]]);
  });

  it('refuses sends beyond 40 per second in groups other than live rooms (10023); imports are not counted', async () => {
    const f = groupFixture();
    await f.createGroup('g1', 'Work', { alice: 'Owner' });
    const ctx = f.ctx('g1');
    const out = await sendGroupBatch(ctx, Array.from({ length: 45 }, (_, i) => send('g1', user('alice'), { Random: i + 1 })));
    expect(out.filter((o) => err(o) === Err.GROUP_SEND_RATE_LIMIT)).toHaveLength(5);
    expect(out.slice(0, 40).every((o) => ok(o).seq > 0)).toBe(true);
    const t = Math.floor(f.clock.nowMs() / 1000) - 10;
    expect(ok((await sendGroupBatch(ctx, [send('g1', ADMIN, { Random: 100, From_Account: 'alice' }, { imported: { timeSec: t, mode: 'history' } })]))[0]).seq).toBe(41);
    f.clock.advance(1_000);
    expect(ok((await sendGroupBatch(ctx, [send('g1', user('alice'), { Random: 101 })]))[0]).seq).toBe(42);
    await expect(f.metrics.registry.getSingleMetricAsString('im_group_limit_hits_total')).resolves.toContain('limit="send_rate"} 5');
  });

  it('delivers targeted and online-only messages without storing them', async () => {
    const f = groupFixture();
    await f.createGroup('g1', 'Public', { alice: 'Owner', bob: 'Member', carol: 'Member' });
    const ctx = f.ctx('g1');
    const out = await sendGroupBatch(ctx, [
      send('g1', user('alice'), { Random: 1 }, { toMembers: ['bob', 'nobody'], connId: 'c1' }),
      send('g1', user('alice'), { Random: 2, OnlineOnlyFlag: 1 }),
      send('g1', user('alice'), { Random: 3 }, { toMembers: ['nobody'] }),
    ]);
    expect([ok(out[0]).seq, ok(out[1]).seq, err(out[2])]).toEqual([0, 0, Err.GROUP_INVALID_PARAMS]);
    expect(await f.store.messages.maxSeq(APP, 'g:g1')).toBe(0);
    const targeted = f.deliveries.find((d) => d.to !== 'members')!;
    expect(targeted.to).toEqual(['bob', 'alice']);
    expect(targeted.skipConnId).toBe('c1');
    expect((targeted.frame as GroupMsgFrame).d.msgs[0]).toMatchObject({ toMembers: ['bob'], seq: 0 });
    const broadcast = msgFrames(f.deliveries.filter((d) => d.to === 'members'));
    expect(broadcast[0]!.d.msgs[0]).toMatchObject({ onlineOnly: true, seq: 0 });
    expect(f.pushes.map((p) => p.recipients)).toEqual([['bob']]);
  });

  it('runs the before-callback (refuse, app code, drop, rewrite) and the after-callback', async () => {
    const f = groupFixture();
    await f.createGroup('g1', 'Public', { alice: 'Owner' });
    f.webhooks.answer = (body) => {
      const t = (body.MsgBody as { MsgContent: { Text: string } }[])[0]!.MsgContent.Text;
      const ans = (b: Record<string, unknown>) => ({ kind: 'answered' as const, body: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ...b } });
      if (t === 'refuse') return ans({ ErrorCode: 1 });
      if (t === 'custom') return ans({ ErrorCode: 10150, ErrorInfo: 'nope' });
      if (t === 'drop') return ans({ ErrorCode: 2 });
      if (t === 'rewrite') return ans({ MsgBody: text('rewritten'), CloudCustomData: 'cc' });
      return ans({});
    };
    const s = (t: string, r: number) => send('g1', user('alice'), { Random: r, MsgBody: text(t) });
    const out = await sendGroupBatch(f.ctx('g1'), [s('refuse', 1), s('custom', 2), s('drop', 3), s('rewrite', 4), send('g1', user('alice'), { Random: 5, ForbidCallbackControl: ['ForbidBeforeSendMsgCallback'], MsgBody: text('refuse') })]);
    expect([err(out[0]), err(out[1]), ok(out[2]).seq, ok(out[3]).seq, ok(out[4]).seq]).toEqual([Err.GROUP_CALLBACK_REFUSED, 10150, 0, 1, 2]);
    const [m1] = await f.store.messages.getBySeqs(APP, 'g:g1', [1]);
    expect(m1).toMatchObject({ body: text('rewritten'), cloudCustomData: 'cc' });
    const before = f.webhooks.of('Group.CallbackBeforeSendMsg');
    expect(before[0]!.body).toMatchObject({ GroupId: 'g1', Type: 'Public', From_Account: 'alice', Random: 1, OnlineOnlyFlag: 0 });
    const after = f.webhooks.of('Group.CallbackAfterSendMsg');
    expect(after.map((c) => c.body.MsgSeq)).toEqual([1, 2]);
    expect(after[0]!.body.MsgBody).toEqual(text('rewritten'));
  });

  it('sends to Community topics on their own timelines and checks the topic', async () => {
    const f = groupFixture();
    const gid = '@TGS#_c1';
    await f.createGroup(gid, 'Community', { alice: 'Owner' });
    const topic = `${gid}@TOPIC#_t1`;
    await f.store.groupTopics.createTopic(APP, gid, { topicId: topic, name: 't', faceUrl: '', introduction: '', notification: '', muteAll: false, customString: '', createdAt: 0, lastMsgTime: 0 });
    const ctx = f.ctx(gid);
    const out = await sendGroupBatch(ctx, [
      send(gid, user('alice'), { Random: 1 }, { topicId: topic }),
      send(gid, user('alice'), { Random: 1 }),
      send(gid, user('alice'), { Random: 2 }, { topicId: topic }),
      send(gid, user('alice'), { Random: 3 }, { topicId: `${gid}@TOPIC#_none` }),
      send(gid, user('alice'), { Random: 4 }, { topicId: 'other@TOPIC#_x' }),
    ]);
    expect([ok(out[0]).seq, ok(out[1]).seq, ok(out[2]).seq, err(out[3]), err(out[4])]).toEqual([1, 1, 2, Err.GROUP_NOT_FOUND, Err.GROUP_INVALID_PARAMS]);
    expect(await f.store.messages.maxSeq(APP, `g:${gid}:${topic}`)).toBe(2);
    expect(msgFrames(f.deliveries).map((fr) => fr.d.topicId ?? '')).toEqual([topic, '']);
    expect(f.pushes).toEqual([]);
    expect((await f.store.groupTopics.getTopics(APP, gid, [topic])).get(topic)!.lastMsgTime).toBeGreaterThan(0);
  });

  it('imports history with the old time, not delivered, deduplicated forever', async () => {
    const f = groupFixture();
    await f.createGroup('g1', 'Public', { alice: 'Owner' });
    const ctx = f.ctx('g1');
    const t = Math.floor(f.clock.nowMs() / 1000) - 86_400;
    const imp = (r: number, time = t) => send('g1', ADMIN, { Random: r, From_Account: 'alice' }, { imported: { timeSec: time, mode: 'history' } });
    const out = await sendGroupBatch(ctx, [imp(1), imp(2), imp(3, t + 10 ** 9)]);
    expect([ok(out[0]), ok(out[1]).seq, err(out[2])]).toEqual([{ seq: 1, time: t }, 2, Err.GROUP_INVALID_PARAMS]);
    f.clock.advance(3_600_000);
    expect(ok((await sendGroupBatch(ctx, [imp(1)]))[0]).seq).toBe(1);
    expect(f.deliveries).toEqual([]);
    expect(await codeOf(handleMessageTurn(ctx, send('g1', user('alice'), { Random: 9 }, { imported: { timeSec: t, mode: 'history' } })))).toBe(Err.GROUP_PERMISSION_DENIED);
  });

  it('answers every send with 10010 when the group does not exist', async () => {
    const f = groupFixture();
    const out = await sendGroupBatch(f.ctx('nope'), [send('nope', user('a'), {}), send('nope', user('b'), {})]);
    expect(out.map(err)).toEqual([Err.GROUP_NOT_FOUND, Err.GROUP_NOT_FOUND]);
  });
});
