// C2C webhooks on the in-process node (MemoryWebhooks records and answers): the before-send
// callback can allow, refuse (20006 or the app's 120001-130000 code), drop silently or replace the
// body; ForbidCallbackControl and batchsendmsg skip callbacks; sends, recalls and read reports
// fire their after-callbacks with the spec's fields.
import { afterEach, describe, expect, it } from 'vitest';
import { Err } from '../../../src/client/index.js';
import { OK_ANSWER } from '../../../src/webhooks/memory.js';
import { eventually } from '../../support/im-user.js';
import { code, startC2cNode, text, type C2cNode } from './c2c-fixture.js';

let s: C2cNode | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

const BEFORE = 'C2C.CallbackBeforeSendMsg';
const calls = (cmd: string) => s!.n.webhooks.calls.filter((c) => c.command === cmd);
const waitCalls = (cmd: string, n: number) => eventually(`${n} ${cmd}`, 5_000, async () => (calls(cmd).length >= n ? calls(cmd) : undefined));

describe('C2C callbacks', () => {
  it('lets the app allow, refuse, drop or rewrite a send', async () => {
    s = await startC2cNode();
    await s.accounts('alice', 'bob');
    const a = await s.device('alice');
    const b = await s.device('bob', 'b1', 1);
    s.n.webhooks.setHandler((call) => {
      if (call.command !== BEFORE) return OK_ANSWER;
      const t = ((call.body.MsgBody as Array<{ MsgContent: { Text: string } }>)[0]!).MsgContent.Text;
      if (t === 'refuse') return { ...OK_ANSWER, ErrorCode: 1, ErrorInfo: 'no' };
      if (t === 'custom') return { ...OK_ANSWER, ErrorCode: 120500, ErrorInfo: 'custom no' };
      if (t === 'drop') return { ...OK_ANSWER, ErrorCode: 2 };
      if (t === 'rewrite') return { ...OK_ANSWER, MsgBody: text('rewritten'), CloudCustomData: 'added' };
      return OK_ANSWER;
    });
    const ok = await a.client.c2c.send('bob', { MsgBody: text('hello'), MsgRandom: 1, MsgSeq: 4 });
    const [before] = calls(BEFORE);
    expect(before!.body).toMatchObject({ From_Account: 'alice', To_Account: 'bob', MsgSeq: 4, MsgRandom: 1, MsgKey: ok.key, MsgTime: ok.time, OnlineOnlyFlag: 0, MsgBody: text('hello'), CloudCustomData: '' });
    expect(before!.query.OptPlatform).toBe('Android');
    const [after] = await waitCalls('C2C.CallbackAfterSendMsg', 1);
    expect(after!.body).toMatchObject({ MsgKey: ok.key, SendMsgResult: 0, UnreadMsgNum: 1 });
    expect(await code(a.client.c2c.send('bob', { MsgBody: text('refuse'), MsgRandom: 2 }))).toBe(Err.C2C_CALLBACK_REFUSED);
    expect(await code(a.client.c2c.send('bob', { MsgBody: text('custom'), MsgRandom: 3 }))).toBe(120500);
    expect((await a.client.c2c.send('bob', { MsgBody: text('drop'), MsgRandom: 4 })).seq).toBe(0);
    const rw = await a.client.c2c.send('bob', { MsgBody: text('rewrite'), MsgRandom: 5 });
    expect(rw.seq).toBe(2);
    const got = await b.waitFor(2);
    expect(got[1]).toMatchObject({ seq: 2, body: text('rewritten'), cloudCustomData: 'added' });
    expect(await s.n.store.messages.maxSeq(s.n.app.sdkAppId, 'c2c:alice:bob')).toBe(2);
    // Refused and dropped sends fire no after-callback.
    expect((await waitCalls('C2C.CallbackAfterSendMsg', 2)).length).toBe(2);
  });

  it('skips callbacks when told to, and fires withdraw and read-report callbacks', async () => {
    s = await startC2cNode();
    await s.accounts('alice', 'bob', 'carol');
    const a = await s.device('alice');
    await a.client.c2c.send('bob', { MsgBody: text('quiet'), MsgRandom: 1, ForbidCallbackControl: ['ForbidBeforeSendMsgCallback', 'ForbidAfterSendMsgCallback'] });
    await s.n.rest('openim/batchsendmsg', { From_Account: 'alice', To_Account: ['bob', 'carol'], MsgRandom: 2, MsgBody: text('batch') });
    const sent = await s.n.rest('openim/sendmsg', { From_Account: 'alice', To_Account: 'bob', MsgRandom: 3, MsgBody: text('rest') });
    const before = calls(BEFORE);
    expect(before.map((c) => (c.body.MsgBody as Array<{ MsgContent: { Text: string } }>)[0]!.MsgContent.Text)).toEqual(['rest']);
    expect(before[0]!.query.OptPlatform).toBe('RESTAPI');
    await s.n.rest('openim/admin_msgwithdraw', { From_Account: 'alice', To_Account: 'bob', MsgKey: sent.MsgKey });
    const [w] = await waitCalls('C2C.CallbackAfterMsgWithDraw', 1);
    expect(w!.body).toMatchObject({ From_Account: 'alice', To_Account: 'bob', MsgKey: sent.MsgKey });
    const b = await s.device('bob');
    await b.client.c2c.markRead('alice');
    const [r] = await waitCalls('C2C.CallbackAfterMsgReport', 1);
    expect(r!.body).toMatchObject({ Report_Account: 'bob', Peer_Account: 'alice', UnreadMsgNum: 0 });
    expect(typeof r!.body.LastReadTime).toBe('number');
    expect(calls('C2C.CallbackAfterSendMsg').length).toBe(1);
  });
});
