// The conversation list as every device and REST see it: pin (TopFlag), delete until the next
// message (history kept), recentcontact/get_list paging by StartIndex, recentcontact/delete.
import { afterEach, describe, expect, it } from 'vitest';
import { Err } from '../../../src/client/index.js';
import { eventually } from '../../support/im-user.js';
import { startC2cNode, text, type C2cNode } from './c2c-fixture.js';

let s: C2cNode | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

describe('C2C conversation list', () => {
  it('pins and deletes conversations for every device of the owner', async () => {
    s = await startC2cNode();
    await s.accounts('alice', 'bob', 'carol');
    const a1 = await s.device('alice', 'a1', 0);
    const a2 = await s.device('alice', 'a2', 1);
    const changes: unknown[] = [];
    a2.client.on('conversationChanged', (c) => changes.push(c));
    a1.client.on('conversationChanged', (c) => changes.push({ wrongDevice: c }));
    await a1.client.c2c.send('bob', { MsgBody: text('b'), MsgRandom: 1 });
    await a1.client.c2c.send('carol', { MsgBody: text('c'), MsgRandom: 2 });
    await a1.client.c2c.pin('bob');
    const list = async () => (await a2.client.c2c.conversations()).conversations.map((c) => `${c.peer}${c.pinned ? '*' : ''}`).sort();
    expect(await list()).toEqual(['bob*', 'carol']);
    await eventually('a2 hears of the pin', 5_000, async () => (changes.length > 0 ? true : undefined));
    expect(changes).toEqual([{ convId: 'c2c:alice:bob', peer: 'bob', pinned: true }]);
    await a2.client.c2c.pin('bob', false);
    await a2.client.c2c.deleteConversation('carol');
    expect(await list()).toEqual(['bob']);
    expect((await a1.client.c2c.syncAll('carol', 0)).length).toBe(1);
    const c = await s.device('carol');
    await c.client.c2c.send('alice', { MsgBody: text('back'), MsgRandom: 3 });
    expect(await list()).toEqual(['bob', 'carol']);
  });

  it('REST recentcontact/get_list pages with StartIndex and recentcontact/delete removes a C2C row', async () => {
    s = await startC2cNode();
    const peers = Array.from({ length: 5 }, (_, i) => `p${i}`);
    await s.accounts('alice', ...peers);
    for (const [i, p] of peers.entries()) await s.n.rest('openim/sendmsg', { From_Account: p, To_Account: 'alice', MsgRandom: i, MsgBody: text(p) });
    const first = await s.n.rest('recentcontact/get_list', { From_Account: 'alice', TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 7 });
    expect(first).toMatchObject({ ErrorCode: 0, CompleteFlag: 1, StartIndex: 0 });
    const items = first.SessionItem as Array<{ Type: number; To_Account: string; TopFlag: number; MsgTime: number }>;
    expect(items.map((x) => x.To_Account).sort()).toEqual(peers);
    expect(items.every((x) => x.Type === 1 && x.TopFlag === 0 && x.MsgTime > 0)).toBe(true);
    const deeper = await s.n.rest('recentcontact/get_list', { From_Account: 'alice', StartIndex: 3 });
    expect((deeper.SessionItem as unknown[]).length).toBe(2);
    expect((await s.n.rest('recentcontact/delete', { From_Account: 'alice', Type: 1, To_Account: 'p0' })).ErrorCode).toBe(0);
    const after = await s.n.rest('recentcontact/get_list', { From_Account: 'alice' });
    expect((after.SessionItem as Array<{ To_Account: string }>).map((x) => x.To_Account).sort()).toEqual(peers.slice(1));
    expect((await s.n.rest('recentcontact/delete', { From_Account: 'alice', Type: 2, ToGroupid: 'g' })).ErrorCode).toBe(Err.INVALID_PARAMS);
  });
});
