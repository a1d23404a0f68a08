// REST C2C commands on the in-process node: sendmsg (admin default sender, SyncOtherMachine, bad
// inputs), admin_getroammsg paging with LastMsgKey, get_c2c_unread_msg_num and admin_set_msg_read
// agreeing with what devices see.
import { afterEach, describe, expect, it } from 'vitest';
import { Err } from '../../../src/client/index.js';
import { startC2cNode, text, type C2cNode } from './c2c-fixture.js';

let s: C2cNode | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

describe('C2C REST', () => {
  it('sendmsg stores, answers MsgTime/MsgKey and pushes to the recipient (and the sender with SyncOtherMachine 1)', async () => {
    s = await startC2cNode();
    await s.accounts('alice', 'bob');
    const a = await s.device('alice', 'a1', 0);
    const b = await s.device('bob', 'b1', 1);
    const r = await s.n.rest('openim/sendmsg', { SyncOtherMachine: 1, From_Account: 'alice', To_Account: 'bob', MsgRandom: 11, MsgBody: text('from rest') });
    expect(r).toMatchObject({ ErrorCode: 0, ActionStatus: 'OK' });
    expect(r.MsgKey).toBe(`1_11_${String(r.MsgTime)}`);
    expect((await b.waitFor(1))[0]).toMatchObject({ seq: 1, from: 'alice', key: r.MsgKey });
    expect((await a.waitFor(1))[0]).toMatchObject({ seq: 1, key: r.MsgKey });
    const quiet = await s.n.rest('openim/sendmsg', { SyncOtherMachine: 2, From_Account: 'alice', To_Account: 'bob', MsgRandom: 12, MsgBody: text('no sync') });
    expect(quiet.ErrorCode).toBe(0);
    await b.waitFor(2);
    expect(a.got).toHaveLength(1);
    const admin = await s.n.rest('openim/sendmsg', { To_Account: 'bob', MsgRandom: 13, MsgBody: text('notice') });
    expect(admin.ErrorCode).toBe(0);
    expect((await b.waitFor(3))[2]).toMatchObject({ from: 'administrator', seq: 1 });
  });

  it('sendmsg refuses bad input with Tencent\'s codes', async () => {
    s = await startC2cNode();
    await s.accounts('alice', 'bob');
    const base = { From_Account: 'alice', To_Account: 'bob', MsgRandom: 1, MsgBody: text('x') };
    const code = async (b: Record<string, unknown>) => (await s!.n.rest('openim/sendmsg', b)).ErrorCode;
    expect(await code({ ...base, MsgBody: text('y'.repeat(12_300)) })).toBe(Err.MSG_TOO_LONG);
    expect(await code({ ...base, MsgBody: undefined })).toBe(Err.MSG_BODY_INVALID);
    expect(await code({ ...base, MsgBody: {} })).toBe(Err.MSG_BODY_NOT_ARRAY);
    expect(await code({ ...base, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 5 } }] })).toBe(Err.MSG_ELEMENT_INVALID);
    expect(await code({ ...base, MsgRandom: 'x' })).toBe(Err.MSG_RANDOM_INVALID);
    expect(await code({ ...base, SyncOtherMachine: 3 })).toBe(Err.MSG_SYNC_OTHER_MACHINE_INVALID);
    expect(await code({ ...base, MsgLifeTime: 604_801 })).toBe(Err.MSG_LIFETIME_RANGE);
    expect(await code({ ...base, To_Account: 'ghost' })).toBe(Err.MSG_TO_ACCOUNT_NOT_FOUND);
    expect(await code({ ...base, To_Account: undefined })).toBe(Err.MSG_TO_ACCOUNT_INVALID);
    expect(await code({ ...base, From_Account: 'ghost' })).toBe(Err.MSG_ACCOUNT_NOT_FOUND);
    expect(await s.n.store.messages.maxSeq(s.n.app.sdkAppId, 'c2c:alice:bob')).toBe(0);
  });

  it('admin_getroammsg pages newest first with LastMsgKey and marks what the peer read', async () => {
    s = await startC2cNode();
    await s.accounts('alice', 'bob');
    for (let i = 0; i < 7; i++) await s.n.rest('openim/sendmsg', { From_Account: 'alice', To_Account: 'bob', MsgRandom: i, MsgBody: text(`r${i}`) });
    expect((await s.n.rest('openim/admin_set_msg_read', { Report_Account: 'bob', Peer_Account: 'alice' })).ErrorCode).toBe(0);
    const seen: number[] = [];
    let last: string | undefined;
    for (let i = 0; i < 5; i++) {
      const r = await s.n.rest('openim/admin_getroammsg', { Operator_Account: 'alice', Peer_Account: 'bob', MaxCnt: 3, MinTime: 0, MaxTime: 4_000_000_000, ...(last ? { LastMsgKey: last } : {}) });
      expect(r.ErrorCode).toBe(0);
      const list = r.MsgList as Array<{ MsgKey: string; From_Account: string; MsgFlagBits: number; IsPeerRead: number; MsgBody: unknown }>;
      expect(r.MsgCnt).toBe(list.length);
      for (const m of list) {
        seen.push(Number(m.MsgKey.split('_')[0]));
        expect(m).toMatchObject({ From_Account: 'alice', MsgFlagBits: 0, IsPeerRead: 1 });
      }
      if (r.Complete === 1) break;
      last = String(r.LastMsgKey);
    }
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1]);
    const legacy = await s.n.rest('openim/admin_getroammsg', { From_Account: 'bob', To_Account: 'alice', MaxCnt: 10, MinTime: 0, MaxTime: 4_000_000_000 });
    expect(legacy).toMatchObject({ Complete: 1, MsgCnt: 7 });
    expect((await s.n.rest('openim/admin_getroammsg', { Operator_Account: 'alice', Peer_Account: 'bob', MaxCnt: 3, MinTime: 0, MaxTime: 0 })).MsgCnt).toBe(0);
    expect((await s.n.rest('openim/admin_getroammsg', { Operator_Account: 'alice', Peer_Account: 'bob', LastMsgKey: 'nope' })).ErrorCode).toBe(Err.MSG_KEY_INVALID);
  });

  it('get_c2c_unread_msg_num and admin_set_msg_read agree with the devices', async () => {
    s = await startC2cNode();
    await s.accounts('alice', 'bob', 'carol');
    for (let i = 0; i < 3; i++) await s.n.rest('openim/sendmsg', { From_Account: 'alice', To_Account: 'bob', MsgRandom: i, MsgBody: text(`a${i}`) });
    await s.n.rest('openim/sendmsg', { From_Account: 'carol', To_Account: 'bob', MsgRandom: 9, MsgBody: text('c') });
    const r = await s.n.rest('openim/get_c2c_unread_msg_num', { To_Account: 'bob', Peer_Account: ['alice', 'carol', 'nobody'] });
    expect(r).toMatchObject({ ErrorCode: 0, AllC2CUnreadMsgNum: 4 });
    expect(r.C2CUnreadMsgNumList).toEqual([
      { Peer_Account: 'alice', C2CUnreadMsgNum: 3 },
      { Peer_Account: 'carol', C2CUnreadMsgNum: 1 },
      { Peer_Account: 'nobody', C2CUnreadMsgNum: 0 },
    ]);
    expect((await s.n.rest('openim/admin_set_msg_read', { Report_Account: 'bob', Peer_Account: 'alice' })).ErrorCode).toBe(0);
    expect((await s.n.rest('openim/get_c2c_unread_msg_num', { To_Account: 'bob' })).AllC2CUnreadMsgNum).toBe(1);
    const b = await s.device('bob');
    const rows = (await b.client.c2c.conversations()).conversations.map((c) => [c.peer, c.unread]);
    expect(rows.sort()).toEqual([
      ['alice', 0],
      ['carol', 1],
    ]);
    expect((await s.n.rest('openim/admin_set_msg_read', { Peer_Account: 'alice' })).ErrorCode).toBe(Err.INVALID_PARAMS);
    expect((await s.n.rest('openim/get_c2c_unread_msg_num', { To_Account: 'bob', Peer_Account: [] })).ErrorCode).toBe(Err.INVALID_BATCH_COUNT);
  });

  it('batchsendmsg delivers to each recipient in its own conversation and lists the refused ones', async () => {
    s = await startC2cNode();
    await s.accounts('alice', 'bob', 'carol');
    const b = await s.device('bob', 'b1', 1);
    const r = await s.n.rest('openim/batchsendmsg', { From_Account: 'alice', To_Account: ['bob', 'carol', 'ghost', 'bob'], MsgRandom: 77, MsgBody: text('to all') });
    expect(r).toMatchObject({ ErrorCode: 0, ErrorList: [{ To_Account: 'ghost', ErrorCode: Err.MSG_TO_ACCOUNT_NOT_FOUND }] });
    expect(r.MsgKey).toMatch(/^1_77_\d+$/);
    expect((await b.waitFor(1))[0]).toMatchObject({ seq: 1, from: 'alice', body: text('to all') });
    for (const peer of ['bob', 'carol']) expect(await s.n.store.messages.maxSeq(s.n.app.sdkAppId, `c2c:alice:${peer}`)).toBe(1);
    const many = Array.from({ length: 501 }, (_, i) => `u${i}`);
    expect((await s.n.rest('openim/batchsendmsg', { From_Account: 'alice', To_Account: many, MsgRandom: 1, MsgBody: text('x') })).ErrorCode).toBe(Err.MSG_BATCH_TOO_MANY);
    expect((await s.n.rest('openim/batchsendmsg', { From_Account: 'alice', To_Account: ['bob'], MsgRandom: 1, MsgBody: [] })).ErrorCode).toBe(Err.MSG_BODY_INVALID);
    expect((await s.n.rest('openim/batchsendmsg', { From_Account: 'alice', To_Account: 'bob', MsgRandom: 1, MsgBody: text('x') })).ErrorCode).toBe(Err.MSG_TO_ACCOUNT_INVALID);
    expect(await s.n.store.messages.maxSeq(s.n.app.sdkAppId, 'c2c:alice:bob')).toBe(1);
  });

  it('importmsg keeps MsgTimeStamp, dedups on (MsgSeq, MsgRandom, MsgTimeStamp) in either direction, and counts unread only in realtime mode', async () => {
    s = await startC2cNode();
    await s.accounts('alice', 'bob');
    const b = await s.device('bob', 'b1', 1);
    const old = { SyncFromOldSystem: 2, From_Account: 'alice', To_Account: 'bob', MsgSeq: 1, MsgRandom: 10, MsgTimeStamp: 1_600_000_000, MsgBody: text('old') };
    expect((await s.n.rest('openim/importmsg', old)).ErrorCode).toBe(0);
    // Same triple, other direction and other content: a duplicate, not stored again.
    expect((await s.n.rest('openim/importmsg', { ...old, From_Account: 'bob', To_Account: 'alice', MsgBody: text('other') })).ErrorCode).toBe(0);
    const [m] = await s.n.store.messages.getBySeqs(s.n.app.sdkAppId, 'c2c:alice:bob', [1]);
    expect(m).toMatchObject({ time: 1_600_000_000, body: text('old'), from: 'alice' });
    expect(await s.n.store.messages.maxSeq(s.n.app.sdkAppId, 'c2c:alice:bob')).toBe(1);
    const unread = async () => (await b.client.c2c.conversations()).conversations[0]?.unread;
    expect(await unread()).toBe(0);
    expect((await s.n.rest('openim/importmsg', { ...old, SyncFromOldSystem: 5, MsgRandom: 11, MsgBody: text('live') })).ErrorCode).toBe(0);
    expect((await b.waitFor(1))[0]).toMatchObject({ seq: 2, body: text('live') });
    expect(await unread()).toBe(1);
    expect(b.got).toHaveLength(1);
    expect((await s.n.rest('openim/importmsg', { ...old, SyncFromOldSystem: 3 })).ErrorCode).toBe(Err.INVALID_PARAMS);
    expect((await s.n.rest('openim/importmsg', { ...old, MsgTimeStamp: undefined })).ErrorCode).toBe(Err.MSG_TIMESTAMP_INVALID);
    expect((await s.n.rest('openim/importmsg', { ...old, From_Account: 'ghost' })).ErrorCode).toBe(Err.MSG_ACCOUNT_NOT_FOUND);
  });
});
