// C2C send through real sockets on a two-edge node: the ack's fields, delivery to the peer's two
// devices and the sender's other device (not the sending one), a retried send answered with the
// first result, gap-free seqs, offline sync in order, history pages, unread counts and read
// reports, and bad inputs answered with Tencent's codes.
import { afterEach, describe, expect, it } from 'vitest';
import { Err } from '../../../src/client/index.js';
import { eventually } from '../../support/im-user.js';
import { code, startC2cNode, text, type C2cNode } from './c2c-fixture.js';

let s: C2cNode | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

describe('C2C send', () => {
  it('acks after storing and pushes to the peer devices and the sender\'s other device only', async () => {
    s = await startC2cNode();
    await s.accounts('alice', 'bob');
    const a1 = await s.device('alice', 'a1', 0);
    const a2 = await s.device('alice', 'a2', 1);
    const b1 = await s.device('bob', 'b1', 1);
    const b2 = await s.device('bob', 'b2', 0);
    const ack = await a1.client.c2c.send('bob', { MsgBody: text('hi'), MsgRandom: 7, CloudCustomData: 'cd' });
    expect(ack.seq).toBe(1);
    expect(ack.key).toBe(`1_7_${ack.time}`);
    expect(Math.abs(ack.time - Date.now() / 1000)).toBeLessThan(60);
    const stored = await s.n.store.messages.getBySeqs(s.n.app.sdkAppId, 'c2c:alice:bob', [1]);
    expect(stored[0]).toMatchObject({ key: ack.key, from: 'alice', to: 'bob', cloudCustomData: 'cd' });
    for (const d of [b1, b2, a2]) {
      const [m] = await d.waitFor(1);
      expect(m).toMatchObject({ seq: 1, key: ack.key, from: 'alice', to: 'bob', time: ack.time, random: 7, body: text('hi'), cloudCustomData: 'cd' });
    }
    const second = await b1.client.c2c.send('alice', { MsgBody: text('yo'), MsgRandom: 8 });
    expect(second.seq).toBe(2);
    expect((await a1.waitFor(1))[0]).toMatchObject({ seq: 2, from: 'bob' });
    expect((await b2.waitFor(2))[1]).toMatchObject({ seq: 2, from: 'bob' });
    expect(b1.got.map((m) => m.seq)).toEqual([1]);
  });

  it('answers a retried send with the first result and stores it once', async () => {
    s = await startC2cNode();
    await s.accounts('alice', 'bob');
    const a = await s.device('alice');
    const fields = { MsgBody: text('once'), MsgRandom: 99, MsgSeq: 5 };
    const first = await a.client.c2c.send('bob', fields);
    const again = await a.client.c2c.send('bob', fields);
    expect(again).toEqual(first);
    const other = await a.client.c2c.send('bob', { ...fields, MsgRandom: 100 });
    expect(other.seq).toBe(2);
    expect(await s.n.store.messages.maxSeq(s.n.app.sdkAppId, 'c2c:alice:bob')).toBe(2);
  });

  it('lets an offline device sync every message in order with no gap, and page history backwards', async () => {
    s = await startC2cNode();
    await s.accounts('alice', 'bob');
    const a = await s.device('alice');
    const acks = [];
    for (let i = 0; i < 45; i++) acks.push(await a.client.c2c.send('bob', { MsgBody: text(`m${i}`), MsgRandom: i }));
    expect(acks.map((x) => x.seq)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    const b = await s.device('bob', 'b-late', 1);
    const caught = await b.client.c2c.syncAll('alice', 0);
    expect(caught.map((m) => m.seq)).toEqual(acks.map((x) => x.seq));
    expect(caught.map((m) => (m.body[0] as { MsgContent: { Text: string } }).MsgContent.Text)).toEqual(acks.map((_, i) => `m${i}`));
    const tail = await b.client.c2c.sync('alice', 40);
    expect(tail.messages.map((m) => m.seq)).toEqual([41, 42, 43, 44, 45]);
    expect(tail.complete).toBe(true);
    const h1 = await b.client.c2c.history('alice', undefined, 20);
    expect(h1.messages.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 45 - i));
    const h2 = await b.client.c2c.history('alice', h1.beforeSeq, 20);
    expect(h2.messages[0]!.seq).toBe(25);
    const h3 = await b.client.c2c.history('alice', h2.beforeSeq, 20);
    expect(h3.messages.map((m) => m.seq)).toEqual([5, 4, 3, 2, 1]);
    expect(h3.complete).toBe(true);
  });

  it('keeps unread counts equal on every device and clears them with a read report', async () => {
    s = await startC2cNode();
    await s.accounts('alice', 'bob', 'carol');
    const a = await s.device('alice');
    const c = await s.device('carol');
    for (let i = 0; i < 3; i++) await a.client.c2c.send('bob', { MsgBody: text(`a${i}`), MsgRandom: i });
    await c.client.c2c.send('bob', { MsgBody: text('c'), MsgRandom: 1 });
    await a.client.c2c.send('bob', { MsgBody: text('quiet'), MsgRandom: 50, SendMsgControl: ['NoUnread'] });
    const b1 = await s.device('bob', 'b1', 0);
    const b2 = await s.device('bob', 'b2', 1);
    const unread = async (d: typeof b1) => Object.fromEntries((await d.client.c2c.conversations()).conversations.map((x) => [x.peer, x.unread]));
    expect(await unread(b1)).toEqual({ alice: 3, carol: 1 });
    expect(await unread(b2)).toEqual({ alice: 3, carol: 1 });
    const list = (await b1.client.c2c.conversations()).conversations;
    expect(list[0]).toMatchObject({ peer: 'alice', lastSeq: 4 });
    // The sender's own messages never count.
    expect((await a.client.c2c.conversations()).conversations).toEqual([expect.objectContaining({ peer: 'bob', unread: 0, lastSeq: 4 })]);
    expect(await b2.client.c2c.markRead('alice', 2)).toEqual({ readSeq: 2, unread: 1 });
    expect(await unread(b1)).toEqual({ alice: 1, carol: 1 });
    expect(await b1.client.c2c.markRead('alice')).toEqual({ readSeq: 4, unread: 0 });
    expect(await unread(b2)).toEqual({ alice: 0, carol: 1 });
    const paged = await b1.client.c2c.conversations({ limit: 1 });
    expect(paged.conversations).toHaveLength(1);
    const rest = await b1.client.c2c.conversations({ limit: 1, after: paged.next! });
    expect(rest.conversations.map((x) => x.peer)).not.toContain(paged.conversations[0]!.peer);
  });

  it('refuses bad sends with Tencent\'s codes and keeps serving', async () => {
    s = await startC2cNode();
    await s.accounts('alice', 'bob');
    const a = await s.device('alice');
    expect(await code(a.client.c2c.send('bob', { MsgBody: text('x'.repeat(12 * 1024)), MsgRandom: 1 }))).toBe(Err.MSG_TOO_LONG);
    expect(await code(a.client.c2c.send('bob', { MsgBody: [], MsgRandom: 1 }))).toBe(Err.MSG_BODY_INVALID);
    expect(await code(a.client.c2c.send('bob', { MsgBody: 'hi', MsgRandom: 1 }))).toBe(Err.MSG_BODY_NOT_ARRAY);
    expect(await code(a.client.c2c.send('bob', { MsgBody: [{ MsgType: 'TIMNopeElem', MsgContent: {} }], MsgRandom: 1 }))).toBe(Err.MSG_ELEMENT_INVALID);
    expect(await code(a.client.c2c.send('bob', { MsgBody: text('x'), MsgRandom: -1 }))).toBe(Err.MSG_RANDOM_INVALID);
    expect(await code(a.client.c2c.send('nobody', { MsgBody: text('x'), MsgRandom: 1 }))).toBe(Err.MSG_TO_ACCOUNT_NOT_FOUND);
    expect(await code(a.client.request(10, { MsgBody: text('x'), MsgRandom: 1 }))).toBe(Err.INVALID_PARAMETERS);
    expect(await code(a.client.request(11, { peer: 'bob' }))).toBe(Err.INVALID_PARAMETERS);
    expect(await s.n.store.messages.maxSeq(s.n.app.sdkAppId, 'c2c:alice:bob')).toBe(0);
    expect((await a.client.c2c.send('bob', { MsgBody: text('fine'), MsgRandom: 1 })).seq).toBe(1);
  });

  it('tells the reader\'s other devices and the peer\'s devices when a read position rises', async () => {
    s = await startC2cNode();
    await s.accounts('alice', 'bob');
    const a = await s.device('alice', 'a1', 0);
    const b1 = await s.device('bob', 'b1', 1);
    const b2 = await s.device('bob', 'b2', 0);
    const reads = new Map<string, unknown[]>([['a', []], ['b1', []], ['b2', []]]);
    a.client.on('c2cRead', (r) => reads.get('a')!.push(r));
    b1.client.on('c2cRead', (r) => reads.get('b1')!.push(r));
    b2.client.on('c2cRead', (r) => reads.get('b2')!.push(r));
    for (let i = 0; i < 3; i++) await a.client.c2c.send('bob', { MsgBody: text(`r${i}`), MsgRandom: i });
    // Beyond the newest message is clamped to it.
    expect(await b1.client.c2c.markRead('alice', 99)).toEqual({ readSeq: 3, unread: 0 });
    const notice = { reader: 'bob', peer: 'alice', readSeq: 3 };
    for (const who of ['a', 'b2']) {
      expect(await eventually(`${who} read notice`, 5_000, async () => (reads.get(who)!.length > 0 ? reads.get(who) : undefined))).toEqual([notice]);
    }
    // Nothing new: no further notice; the REST report is pushed too.
    expect(await b2.client.c2c.markRead('alice', 2)).toEqual({ readSeq: 3, unread: 0 });
    await a.client.c2c.send('bob', { MsgBody: text('r3'), MsgRandom: 3 });
    expect((await s.n.rest('openim/admin_set_msg_read', { Report_Account: 'bob', Peer_Account: 'alice' })).ErrorCode).toBe(0);
    expect(await eventually('b1 REST read notice', 5_000, async () => (reads.get('b1')!.length > 0 ? reads.get('b1') : undefined))).toEqual([{ ...notice, readSeq: 4 }]);
    expect(await eventually('a second notice', 5_000, async () => (reads.get('a')!.length > 1 ? reads.get('a') : undefined))).toEqual([notice, { ...notice, readSeq: 4 }]);
  });

  it('passes typing notices to the peer\'s online devices without storing anything', async () => {
    s = await startC2cNode();
    await s.accounts('alice', 'bob');
    const a = await s.device('alice', 'a1', 0);
    const b1 = await s.device('bob', 'b1', 1);
    const b2 = await s.device('bob', 'b2', 0);
    const seen: string[] = [];
    b1.client.on('c2cTyping', (t) => seen.push(`b1 ${t.from}`));
    b2.client.on('c2cTyping', (t) => seen.push(`b2 ${t.from}`));
    await a.client.c2c.typing('bob');
    await eventually('typing notices', 5_000, async () => (seen.length >= 2 ? true : undefined));
    expect(seen.sort()).toEqual(['b1 alice', 'b2 alice']);
    expect(await s.n.store.messages.maxSeq(s.n.app.sdkAppId, 'c2c:alice:bob')).toBe(0);
    expect((await b1.client.c2c.conversations()).conversations).toEqual([]);
  });
});
