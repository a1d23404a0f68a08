// Recall of C2C messages: by the sender's device within 2 minutes (20016 after, on a fake clock),
// by the admin over REST without a limit; the message stays in history as a recalled placeholder
// with its seq and key, both users' devices get C2C_RECALLED, and the refusals carry 20022 (not
// found or not the caller's), 20023 (already recalled) and 90054 (malformed key).
import { afterEach, describe, expect, it } from 'vitest';
import type { ActorContext } from '../../../src/actors/actor.js';
import { MemoryBus } from '../../../src/bus/memory.js';
import { Err, type C2cRecallInfo } from '../../../src/client/index.js';
import { c2cKind } from '../../../src/conversations/c2c-actor.js';
import { c2cAddr, type C2cMsg, type SendResult } from '../../../src/conversations/c2c-messages.js';
import { RECALL_LIMIT_SEC } from '../../../src/conversations/c2c-recall.js';
import { silentLogger } from '../../../src/lib/log.js';
import { parseSendOptions } from '../../../src/messaging/send-options.js';
import { MemoryPresence } from '../../../src/presence/memory.js';
import { createMemoryStore } from '../../../src/store/memory/index.js';
import { FakeClock } from '../../support/fake-clock.js';
import { eventually } from '../../support/im-user.js';
import { code, startC2cNode, text, type C2cNode } from './c2c-fixture.js';

let s: C2cNode | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

describe('C2C recall', () => {
  it('leaves a placeholder, notifies every device of both users and refuses repeats and strangers', async () => {
    s = await startC2cNode();
    await s.accounts('alice', 'bob');
    const a1 = await s.device('alice', 'a1', 0);
    const a2 = await s.device('alice', 'a2', 1);
    const b1 = await s.device('bob', 'b1', 1);
    const b2 = await s.device('bob', 'b2', 0);
    const notices = new Map<string, C2cRecallInfo[]>();
    for (const [name, d] of Object.entries({ a1, a2, b1, b2 })) {
      notices.set(name, []);
      d.client.on('c2cRecalled', (n) => notices.get(name)!.push(n));
    }
    const m1 = await a1.client.c2c.send('bob', { MsgBody: text('oops'), MsgRandom: 1 });
    await a1.client.c2c.send('bob', { MsgBody: text('fine'), MsgRandom: 2 });
    expect(await code(b1.client.c2c.recall('alice', m1.key))).toBe(Err.C2C_RECALL_NOT_FOUND);
    expect(await a2.client.c2c.recall('bob', m1.key)).toEqual({ seq: 1 });
    for (const name of ['a1', 'a2', 'b1', 'b2']) {
      const got = await eventually(`${name} notice`, 5_000, async () => (notices.get(name)!.length > 0 ? notices.get(name) : undefined));
      expect(got).toEqual([{ from: 'alice', to: 'bob', seq: 1, key: m1.key }]);
    }
    const h = await b2.client.c2c.history('alice');
    expect(h.messages.map((m) => [m.seq, m.recalled ?? false, m.body.length])).toEqual([
      [2, false, 1],
      [1, true, 0],
    ]);
    expect(h.messages[1]!.key).toBe(m1.key);
    expect(await code(a1.client.c2c.recall('bob', m1.key))).toBe(Err.C2C_ALREADY_RECALLED);
    expect(await code(a1.client.c2c.recall('bob', 'nope'))).toBe(Err.MSG_KEY_INVALID);
    expect(await code(a1.client.c2c.recall('bob', '9_1_1'))).toBe(Err.C2C_RECALL_NOT_FOUND);
  });

  it('REST admin_msgwithdraw recalls without a time limit and answers the same codes', async () => {
    s = await startC2cNode();
    await s.accounts('alice', 'bob');
    const sent = await s.n.rest('openim/sendmsg', { From_Account: 'alice', To_Account: 'bob', MsgRandom: 5, MsgBody: text('x') });
    const body = { From_Account: 'alice', To_Account: 'bob', MsgKey: sent.MsgKey };
    expect((await s.n.rest('openim/admin_msgwithdraw', body)).ErrorCode).toBe(0);
    expect((await s.n.rest('openim/admin_msgwithdraw', body)).ErrorCode).toBe(Err.C2C_ALREADY_RECALLED);
    expect((await s.n.rest('openim/admin_msgwithdraw', { ...body, MsgKey: '7_5_1' })).ErrorCode).toBe(Err.C2C_RECALL_NOT_FOUND);
    expect((await s.n.rest('openim/admin_msgwithdraw', { ...body, MsgKey: 12 })).ErrorCode).toBe(Err.MSG_KEY_INVALID);
    const roam = await s.n.rest('openim/admin_getroammsg', { Operator_Account: 'bob', Peer_Account: 'alice', MaxCnt: 5, MinTime: 0, MaxTime: 4_000_000_000 });
    expect(roam.MsgList).toEqual([expect.objectContaining({ MsgKey: sent.MsgKey, MsgFlagBits: 1, MsgBody: [] })]);
  });

  it('refuses a device recall after the limit but lets the admin recall', async () => {
    const store = createMemoryStore();
    const APP = 1400000888;
    for (const u of ['alice', 'bob']) await store.accounts.importAccount(APP, { userId: u, nick: '', faceUrl: '', importedAt: 1 });
    const clock = new FakeClock();
    const a = c2cAddr(APP, 'alice', 'bob');
    const actor = c2cKind({ store, presence: new MemoryPresence(clock), bus: new MemoryBus(), clock, log: silentLogger }).create(a.id, { self: a, clock, log: silentLogger } as unknown as ActorContext<C2cMsg>);
    const sent = (await actor.handle({ t: 'send', sdkAppId: APP, from: 'alice', to: 'bob', body: text('late'), options: parseSendOptions({ MsgRandom: 3 }, { kind: 'c2c' }) })) as SendResult;
    const recall = (by: 'user' | 'admin') => Promise.resolve(actor.handle({ t: 'recall', sdkAppId: APP, from: 'alice', to: 'bob', key: sent.key, by }));
    clock.advance(RECALL_LIMIT_SEC * 1000);
    const other = (await actor.handle({ t: 'send', sdkAppId: APP, from: 'alice', to: 'bob', body: text('in time'), options: parseSendOptions({ MsgRandom: 4 }, { kind: 'c2c' }) })) as SendResult;
    clock.advance(1000);
    expect(await code(recall('user'))).toBe(Err.C2C_RECALL_TIME_LIMIT);
    expect(await actor.handle({ t: 'recall', sdkAppId: APP, from: 'alice', to: 'bob', key: other.key, by: 'user' })).toEqual({ seq: 2 });
    expect(await recall('admin')).toEqual({ seq: 1 });
  });
});
