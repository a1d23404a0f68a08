// The offline-push ops through real sockets on the in-process node: a device registers its token
// under its own LOGIN deviceId, a token moves to the user who registered it last, removal, the
// receive options of C2C conversations, bad inputs answered 6017 naming the field, and a
// malformed OfflinePushInfo refused with 90001 by the socket and REST sends.
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Err, ImClient, type WebSocketCtor } from '../../../src/client/index.js';
import { encodeRequestFrame } from '../../../src/protocol/codec.js';
import { Op } from '../../../src/protocol/ops.js';
import { code, startC2cNode, text, type C2cNode } from '../conversations/c2c-fixture.js';

const IOS = 'fe'.repeat(32);
const TOPIC = 'com.example.im';
let s: C2cNode;
let app: number;

beforeEach(async () => {
  s = await startC2cNode();
  app = s.n.app.sdkAppId;
  await s.accounts('alice', 'bob');
});
afterEach(() => s.stop());

const devices = async (user: string) => (await s.n.store.pushRegistry.list(app, [user])).get(user) ?? [];

describe('push token ops', () => {
  it('registers the token for the logged-in user and device, replaces it, and removes it', async () => {
    const before = Date.now();
    const b = await s.device('bob', 'bob-iphone');
    await b.client.push.setToken({ platform: 'apns', token: IOS, topic: TOPIC, sandbox: true });
    const [d] = await devices('bob');
    expect(d).toMatchObject({ deviceId: 'bob-iphone', platform: 'apns', token: IOS, topic: TOPIC, sandbox: true });
    expect(d!.updatedAt).toBeGreaterThanOrEqual(before);
    await b.client.push.setToken({ platform: 'apns', token: 'ab'.repeat(32), topic: TOPIC });
    expect((await devices('bob')).map((x) => [x.deviceId, x.token, x.sandbox])).toEqual([['bob-iphone', 'ab'.repeat(32), undefined]]);
    expect(await b.client.push.removeToken()).toBe(true);
    expect(await b.client.push.removeToken()).toBe(false);
    expect(await devices('bob')).toEqual([]);
  });

  it('moves a token to the user who registered it last (one phone, one token)', async () => {
    const a = await s.device('alice', 'phone');
    await a.client.push.setToken({ platform: 'fcm', token: 'shared-fcm-token' });
    const b = await s.device('bob', 'phone');
    await b.client.push.setToken({ platform: 'fcm', token: 'shared-fcm-token' });
    expect(await devices('alice')).toEqual([]);
    expect((await devices('bob')).map((x) => x.deviceId)).toEqual(['phone']);
  });

  it('refuses bad registrations with 6017 naming the problem', async () => {
    const b = await s.device('bob');
    const set = (d: unknown) => code(b.client.push.setToken(d as never));
    expect(await set({ platform: 'mpns', token: 'x' })).toBe(Err.INVALID_PARAMETERS);
    expect(await set({ platform: 'apns', token: 'not hex!', topic: TOPIC })).toBe(Err.INVALID_PARAMETERS);
    expect(await set({ platform: 'apns', token: IOS })).toBe(Err.INVALID_PARAMETERS);
    expect(await set({ platform: 'fcm', token: 'has space' })).toBe(Err.INVALID_PARAMETERS);
    expect(await set({ platform: 'fcm', token: '' })).toBe(Err.INVALID_PARAMETERS);
    expect(await set({ platform: 'fcm', token: 'x'.repeat(4097) })).toBe(Err.INVALID_PARAMETERS);
    expect(await set({ platform: 'fcm', token: 'ok', topic: TOPIC })).toBe(Err.INVALID_PARAMETERS);
    await expect(b.client.push.setToken({ platform: 'apns', token: 'zz', topic: TOPIC })).rejects.toThrow(/APNs device token/);
    await expect(b.client.push.setToken({ platform: 'apns', token: IOS } as never)).rejects.toThrow(/topic \(the app bundle id\) is required/);
    expect(await devices('bob')).toEqual([]);
  });

  it('answers 6014 before login', async () => {
    const c = new ImClient({ WebSocket: WebSocket as unknown as WebSocketCtor });
    await c.connect(s.n.wsUrl());
    try {
      expect(await code(c.push.setToken({ platform: 'fcm', token: 't' }))).toBe(Err.NOT_LOGGED_IN);
    } finally {
      c.close();
    }
  });
});

describe('conversation receive options', () => {
  it('sets and reads the option of each peer conversation for the caller only', async () => {
    const b = await s.device('bob');
    await b.client.push.setRecvOpt('alice', 1);
    expect(await b.client.push.recvOpts(['alice', 'carol', 'alice'])).toEqual([
      { peer: 'alice', opt: 1 },
      { peer: 'carol', opt: 0 },
      { peer: 'alice', opt: 1 },
    ]);
    expect(await s.n.store.pushRegistry.getRecvOpts(app, ['alice', 'bob'], 'c2c:alice:bob')).toEqual(new Map([['bob', 1]]));
    const a = await s.device('alice');
    expect(await a.client.push.recvOpts(['bob'])).toEqual([{ peer: 'bob', opt: 0 }]);
    await b.client.push.setRecvOpt('alice', 0);
    expect(await b.client.push.recvOpts(['alice'])).toEqual([{ peer: 'alice', opt: 0 }]);
  });

  it('refuses an opt other than 0/1 and bad peer lists with 6017', async () => {
    const b = await s.device('bob');
    expect(await code(b.client.push.setRecvOpt('alice', 2 as 1))).toBe(Err.INVALID_PARAMETERS);
    expect(await code(b.client.push.setRecvOpt('', 1))).toBe(Err.INVALID_PARAMETERS);
    expect(await code(b.client.push.recvOpts([]))).toBe(Err.INVALID_PARAMETERS);
    expect(await code(b.client.push.recvOpts(Array.from({ length: 101 }, (_, i) => `u${i}`)))).toBe(Err.INVALID_PARAMETERS);
    // The op codes are fixed on the wire.
    expect(encodeRequestFrame(Op.CONV_RECV_OPT_SET, 1)).toEqual(encodeRequestFrame(24, 1));
  });
});

describe('OfflinePushInfo on sends', () => {
  it('a malformed OfflinePushInfo is 90001 on the socket and over REST; a good one is accepted', async () => {
    const a = await s.device('alice');
    expect(await code(a.client.c2c.send('bob', { MsgBody: text('x'), MsgRandom: 1, OfflinePushInfo: { PushFlag: 'no' } }))).toBe(90001);
    const r = await s.n.rest('openim/sendmsg', { From_Account: 'alice', To_Account: 'bob', MsgRandom: 2, MsgBody: text('x'), OfflinePushInfo: { Desc: 1 } });
    expect(r).toMatchObject({ ErrorCode: 90001 });
    expect(String(r.ErrorInfo)).toMatch(/OfflinePushInfo.Desc must be a string/);
    const ok = await a.client.c2c.send('bob', { MsgBody: text('y'), MsgRandom: 3, OfflinePushInfo: { Title: 'Alice', Desc: 'hi' } });
    expect(ok.seq).toBeGreaterThan(0);
  });
});
