// Per-message read receipts: only the peer's messages that asked for one (IsNeedReadReceipt) are
// marked, once; the sender's devices get C2C_RECEIPTS and see peerRead in sync; REST
// c2c_msg_read_receipt does the same.
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../support/im-user.js';
import { startC2cNode, text, type C2cNode } from './c2c-fixture.js';

let s: C2cNode | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

describe('C2C read receipts', () => {
  it('marks only requested receipts, once, and tells the sender', async () => {
    s = await startC2cNode();
    await s.accounts('alice', 'bob');
    const a = await s.device('alice', 'a1', 0);
    const b = await s.device('bob', 'b1', 1);
    const got: string[][] = [];
    a.client.on('c2cReceipts', (r) => got.push(r.keys));
    const asked = await a.client.c2c.send('bob', { MsgBody: text('ack me'), MsgRandom: 1, IsNeedReadReceipt: 1 });
    const plain = await a.client.c2c.send('bob', { MsgBody: text('plain'), MsgRandom: 2 });
    const mine = await b.client.c2c.send('alice', { MsgBody: text('own'), MsgRandom: 3, IsNeedReadReceipt: 1 });
    expect((await b.waitFor(2))[0]).toMatchObject({ needReadReceipt: true });
    expect(await b.client.c2c.sendReceipts('alice', [asked.key, plain.key, mine.key, 'junk'])).toEqual({ keys: [asked.key] });
    expect(await b.client.c2c.sendReceipts('alice', [asked.key])).toEqual({ keys: [] });
    expect(await eventually('receipt push', 5_000, async () => (got.length > 0 ? got : undefined))).toEqual([[asked.key]]);
    const synced = await a.client.c2c.syncAll('bob', 0);
    expect(synced.map((m) => [m.seq, m.peerRead ?? false])).toEqual([
      [1, true],
      [2, false],
      [3, false],
    ]);
    const more = await a.client.c2c.send('bob', { MsgBody: text('rest'), MsgRandom: 4, IsNeedReadReceipt: 1 });
    expect((await s.n.rest('openim/c2c_msg_read_receipt', { Operator_Account: 'bob', Peer_Account: 'alice', C2CMsgInfo: [{ From_Account: 'alice', To_Account: 'bob', MsgKey: more.key }] })).ErrorCode).toBe(0);
    expect(await eventually('second receipt', 5_000, async () => (got.length > 1 ? got : undefined))).toEqual([[asked.key], [more.key]]);
  });
});
