// The client SDK against a real edge (the `ws` package as WebSocket on Node 20): login results and
// errors, kicks, drain, logout, heartbeats, and local refusals.
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { ImClient, ImError, CloseCode, Err, KickReason, type WebSocketCtor } from '../../../src/client/index.js';
import type { LoginPolicy } from '../../../src/sessions/login-policy.js';
import { signUserSig } from '../../../src/auth/usersig.js';
import { startInprocNode, type InprocNode } from '../../support/inproc-node.js';
import { waitFor } from '../../support/ws-client.js';

const WS = WebSocket as unknown as WebSocketCtor;
let node: InprocNode | undefined;
const clients: ImClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await node?.stop();
  node = undefined;
});

async function start(policy: LoginPolicy = 'multi', limits = {}): Promise<InprocNode> {
  node = await startInprocNode({ loginPolicy: policy, limits });
  return node;
}
function client(opts = {}): ImClient {
  const c = new ImClient({ WebSocket: WS, ...opts });
  clients.push(c);
  return c;
}
const params = (n: InprocNode, userId: string, extra = {}) => ({ sdkAppId: n.app.sdkAppId, userId, userSig: n.sig(userId), platform: 'Web' as const, deviceId: `d-${userId}`, ...extra });
const rejected = async (p: Promise<unknown>): Promise<ImError> => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ImError);
    return e as ImError;
  }
  throw new Error('expected a rejection');
};

describe('ImClient', () => {
  it('connects and logs in with an official UserSig', async () => {
    const n = await start();
    const c = client();
    await c.connect(n.wsUrl());
    expect(c.state).toBe('open');
    const r = await c.login(params(n, 'alice'));
    expect(r.connId).toBeTruthy();
    expect(c.loggedIn).toEqual(r);
    expect((await c.heartbeat()).serverTimeMs).toBeGreaterThan(0);
  });

  it('rejects a refused login with the server code and can retry on the same socket', async () => {
    const n = await start();
    const c = client();
    await c.connect(n.wsUrl());
    const expired = signUserSig(n.app.sdkAppId, n.app.secretKey, 'bob', 1, Math.floor(Date.now() / 1000) - 60);
    const e = await rejected(c.login({ ...params(n, 'bob'), userSig: expired }));
    expect(e.code).toBe(Err.SIG_EXPIRED);
    expect(c.loggedIn).toBeUndefined();
    expect((await c.login(params(n, 'bob'))).connId).toBeTruthy();
    expect((await rejected(c.login(params(n, 'bob')))).code).toBe(Err.ALREADY_LOGGED_IN);
  });

  it('answers requests before login with NOT_LOGGED_IN and unknown ops with UNKNOWN_OP', async () => {
    const n = await start();
    const c = client();
    await c.connect(n.wsUrl());
    expect((await rejected(c.logout())).code).toBe(Err.NOT_LOGGED_IN);
    expect((await rejected(c.request(9, { x: 1 }))).code).toBe(Err.UNKNOWN_OP);
  });

  it('refuses an oversized request locally, without losing the connection', async () => {
    const n = await start();
    const c = client({ maxFrameBytes: 1024 });
    await c.connect(n.wsUrl());
    expect((await rejected(c.request(3, 'x'.repeat(2000)))).code).toBe(Err.FRAME_TOO_LARGE);
    expect((await c.heartbeat()).serverTimeMs).toBeGreaterThan(0);
  });

  it('emits kicked (6208) and then close (4001) when another device takes over', async () => {
    const n = await start('single');
    const first = client();
    await first.connect(n.wsUrl());
    await first.login(params(n, 'carol', { platform: 'Android', deviceId: 'a' }));
    const events: string[] = [];
    first.on('kicked', (k) => events.push(`kicked ${k.code} ${k.reason}`));
    first.on('push', (f) => events.push(`push ${f.op}`));
    const closed = new Promise<{ code: number }>((r) => first.on('close', r));
    const second = client();
    await second.connect(n.wsUrl());
    await second.login(params(n, 'carol', { platform: 'PC', deviceId: 'p' }));
    expect((await closed).code).toBe(CloseCode.KICKED);
    expect(events).toEqual([`kicked ${Err.KICKED_BY_OTHER_DEVICE} ${KickReason.ANOTHER_DEVICE}`, 'push 200']);
    expect(first.state).toBe('closed');
    expect((await rejected(first.heartbeat())).code).toBe(Err.NET_DISCONNECTED);
  });

  it('emits drain and then the SERVER_DRAINING close', async () => {
    const n = await start('multi', { drainMs: 2_000 });
    const c = client();
    await c.connect(n.wsUrl());
    await c.login(params(n, 'dave'));
    const drain = new Promise<{ retryWithinMs: number }>((r) => c.on('drain', r));
    const closed = new Promise<{ code: number }>((r) => c.on('close', r));
    await n.edges[0]!.drain();
    expect((await drain).retryWithinMs).toBe(2_000);
    expect((await closed).code).toBe(CloseCode.SERVER_DRAINING);
  });

  it('logout resolves and the server closes with 1000', async () => {
    const n = await start();
    const c = client();
    await c.connect(n.wsUrl());
    await c.login(params(n, 'erin'));
    const closed = new Promise<{ code: number }>((r) => c.on('close', r));
    await c.logout();
    expect((await closed).code).toBe(CloseCode.NORMAL);
  });

  it('sends heartbeats at the configured interval after login', async () => {
    const n = await start();
    const c = client({ heartbeatMs: 30 });
    await c.connect(n.wsUrl());
    await c.login(params(n, 'frank'));
    const beats = async () => (await n.metrics[0]!.wsFramesIn.get()).values.find((v) => v.labels.op === 'HEARTBEAT')?.value ?? 0;
    expect(await waitFor(async () => ((await beats()) >= 3 ? true : undefined))).toBe(true);
  });

  it('rejects connect to a dead address and a second connect', async () => {
    const n = await start();
    const dead = client();
    expect((await rejected(dead.connect('ws://127.0.0.1:1/ws'))).code).toBe(Err.NET_DISCONNECTED);
    const c = client();
    await c.connect(n.wsUrl());
    expect((await rejected(c.connect(n.wsUrl()))).code).toBe(Err.NET_ALREADY_CONNECTED);
  });
});
