// "Delete for oneself": hidden messages vanish from that user's sync and history on every device
// while the peer still sees them; malformed keys and keys of no stored message are reported.
import { afterEach, describe, expect, it } from 'vitest';
import { Err, ImError } from '../../../src/client/index.js';
import { startC2cNode, text, type C2cNode } from './c2c-fixture.js';

let s: C2cNode | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

describe('C2C delete for oneself', () => {
  it('hides messages from the deleting user only', async () => {
    s = await startC2cNode();
    await s.accounts('alice', 'bob');
    const a1 = await s.device('alice', 'a1', 0);
    const a2 = await s.device('alice', 'a2', 1);
    const b = await s.device('bob');
    const acks = [];
    for (let i = 0; i < 5; i++) acks.push(await a1.client.c2c.send('bob', { MsgBody: text(`d${i}`), MsgRandom: i }));
    // A well-formed key of a stored seq but another message is invalid too.
    const wrong = `2_77_${acks[1]!.time}`;
    const r = await a1.client.c2c.deleteForMe('bob', [acks[1]!.key, acks[3]!.key, 'bad', '9_9_9', wrong]);
    expect(r.invalidKeys.sort()).toEqual([wrong, '9_9_9', 'bad'].sort());
    expect((await a2.client.c2c.syncAll('bob', 0)).map((m) => m.seq)).toEqual([1, 3, 5]);
    expect((await a2.client.c2c.history('bob')).messages.map((m) => m.seq)).toEqual([5, 3, 1]);
    expect((await b.client.c2c.syncAll('alice', 0)).map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    const e = await a1.client.c2c.deleteForMe('bob', []).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ImError);
    expect((e as ImError).code).toBe(Err.INVALID_PARAMETERS);
  });

  it('REST delete_c2c_msg_ramble hides for the operator and lists invalid keys', async () => {
    s = await startC2cNode();
    await s.accounts('alice', 'bob');
    const sent = await s.n.rest('openim/sendmsg', { From_Account: 'alice', To_Account: 'bob', MsgRandom: 1, MsgBody: text('x') });
    const r = await s.n.rest('openim/delete_c2c_msg_ramble', { Operator_Account: 'bob', Peer_Account: 'alice', MsgKeyList: [sent.MsgKey, '5_5_5'] });
    expect(r).toMatchObject({ ErrorCode: 0, InvalidMsgKeyList: ['5_5_5'] });
    const b = await s.device('bob');
    expect((await b.client.c2c.syncAll('alice', 0))).toEqual([]);
    const a = await s.device('alice');
    expect((await a.client.c2c.syncAll('bob', 0)).map((m) => m.key)).toEqual([sent.MsgKey]);
    expect((await s.n.rest('openim/delete_c2c_msg_ramble', { Operator_Account: 'bob', Peer_Account: 'alice', MsgKeyList: [] })).ErrorCode).toBe(Err.INVALID_BATCH_COUNT);
  });
});
