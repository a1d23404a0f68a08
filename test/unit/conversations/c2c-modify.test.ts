// Editing C2C messages: a device edits its own message (not the peer's), the new version is
// stored with the same seq and key and flagged edited, every device of both users gets
// C2C_MODIFIED, and REST modify_c2c_msg edits any message; bad edits keep Tencent's codes.
import { afterEach, describe, expect, it } from 'vitest';
import { Err, type C2cMessageInfo } from '../../../src/client/index.js';
import { eventually } from '../../support/im-user.js';
import { code, startC2cNode, text, type C2cNode } from './c2c-fixture.js';

let s: C2cNode | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

describe('C2C modify', () => {
  it('edits a device\'s own message and tells every device of both users', async () => {
    s = await startC2cNode();
    await s.accounts('alice', 'bob');
    const a1 = await s.device('alice', 'a1', 0);
    const a2 = await s.device('alice', 'a2', 1);
    const b1 = await s.device('bob', 'b1', 1);
    const seen = new Map<string, C2cMessageInfo[]>();
    for (const [name, d] of Object.entries({ a1, a2, b1 })) {
      seen.set(name, []);
      d.client.on('c2cModified', (m) => seen.get(name)!.push(m));
    }
    const sent = await a1.client.c2c.send('bob', { MsgBody: text('tpyo'), MsgRandom: 1, CloudCustomData: 'v1' });
    const r = await a1.client.c2c.modify('bob', sent.key, { MsgBody: text('typo') });
    expect(r.msg).toMatchObject({ seq: 1, key: sent.key, body: text('typo'), cloudCustomData: 'v1', edited: true });
    for (const name of ['a1', 'a2', 'b1']) {
      const got = await eventually(`${name} sees the edit`, 5_000, async () => (seen.get(name)!.length > 0 ? seen.get(name) : undefined));
      expect(got[0]).toMatchObject({ seq: 1, key: sent.key, body: text('typo'), edited: true });
    }
    expect((await b1.client.c2c.sync('alice', 0)).messages[0]).toMatchObject({ body: text('typo'), edited: true });
    expect((await a1.client.c2c.modify('bob', sent.key, { CloudCustomData: '' })).msg.cloudCustomData).toBeUndefined();
    expect(await code(b1.client.c2c.modify('alice', sent.key, { MsgBody: text('not mine') }))).toBe(Err.C2C_RECALL_NOT_FOUND);
    expect(await code(a1.client.c2c.modify('bob', sent.key, {}))).toBe(Err.INVALID_PARAMS);
    expect(await code(a1.client.c2c.modify('bob', sent.key, { MsgBody: text('x'.repeat(12 * 1024)) }))).toBe(Err.MSG_TOO_LONG);
    expect(await code(a1.client.c2c.modify('bob', sent.key, { MsgBody: [{ MsgType: 'TIMBogus', MsgContent: {} }] }))).toBe(Err.MSG_ELEMENT_INVALID);
    await a1.client.c2c.recall('bob', sent.key);
    expect(await code(a1.client.c2c.modify('bob', sent.key, { MsgBody: text('again') }))).toBe(Err.C2C_ALREADY_RECALLED);
  });

  it('REST modify_c2c_msg overwrites the given fields of any message', async () => {
    s = await startC2cNode();
    await s.accounts('alice', 'bob');
    const sent = await s.n.rest('openim/sendmsg', { From_Account: 'alice', To_Account: 'bob', MsgRandom: 3, MsgBody: text('old'), CloudCustomData: 'keep' });
    const body = { From_Account: 'alice', To_Account: 'bob', MsgKey: sent.MsgKey, MsgBody: text('new') };
    expect((await s.n.rest('openim/modify_c2c_msg', body)).ErrorCode).toBe(0);
    const [m] = await s.n.store.messages.getBySeqs(s.n.app.sdkAppId, 'c2c:alice:bob', [1]);
    expect(m).toMatchObject({ body: text('new'), cloudCustomData: 'keep', flags: { edited: true, recalled: false } });
    expect((await s.n.rest('openim/modify_c2c_msg', { ...body, MsgKey: 'x' })).ErrorCode).toBe(Err.MSG_KEY_INVALID);
    expect((await s.n.rest('openim/modify_c2c_msg', { ...body, MsgBody: 'text' })).ErrorCode).toBe(Err.MSG_BODY_NOT_ARRAY);
    expect((await s.n.rest('openim/modify_c2c_msg', { ...body, MsgKey: '2_3_4' })).ErrorCode).toBe(Err.C2C_RECALL_NOT_FOUND);
  });
});
