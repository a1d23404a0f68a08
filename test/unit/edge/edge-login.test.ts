// Login through a real uWS socket: official tls-sig-api-v2 signatures, every refused-signature
// code, the account kick mark, automatic import, and that the edge keeps serving afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Err, Op, type LoginResult } from '../../../src/protocol/index.js';
import { startInprocNode, testApp, type InprocNode } from '../../support/inproc-node.js';
import { TestSocket, waitFor } from '../../support/ws-client.js';
import { signUserSig } from '../../../src/auth/usersig.js';

let node: InprocNode;
const other = testApp(1300000001);
const open: TestSocket[] = [];
const connect = async () => {
  const s = await TestSocket.open(node.wsUrl());
  open.push(s);
  return s;
};
const loginParams = (userId: string, userSig: string, extra: Record<string, unknown> = {}) => ({
  sdkAppId: node.app.sdkAppId,
  userId,
  userSig,
  platform: 'Web',
  deviceId: `dev-${userId}`,
  ...extra,
});

beforeAll(async () => {
  node = await startInprocNode({ extraApps: [other] });
});
afterAll(async () => {
  for (const s of open) s.close();
  await node.stop();
});

/** After any failure, a brand-new connection still logs in. */
async function stillServes(): Promise<void> {
  const s = await connect();
  const r = await s.request(Op.LOGIN, loginParams(`probe-${Math.random().toString(36).slice(2, 8)}`, ''));
  expect(r.c).toBe(Err.SIG_EMPTY);
  const ok = await s.request(Op.HEARTBEAT);
  expect(ok.c).toBe(Err.OK);
  s.close();
}

describe('login', () => {
  it('accepts an official tls-sig-api-v2 UserSig and imports the account on first login', async () => {
    expect(await node.store.accounts.getAccount(node.app.sdkAppId, 'alice')).toBeUndefined();
    const s = await connect();
    const r = await s.request(Op.LOGIN, loginParams('alice', node.sig('alice')));
    expect([r.c, r.m]).toEqual([Err.OK, '']);
    const d = r.d as LoginResult;
    expect(d.connId).toMatch(/\S+/);
    expect(Math.abs(d.serverTimeMs - Date.now())).toBeLessThan(60_000);
    expect(d.heartbeatMs).toBe((node.limits.idleTimeoutSec * 1000) / 3);
    expect((await node.store.accounts.getAccount(node.app.sdkAppId, 'alice'))?.userId).toBe('alice');
    const routes = await node.presence.routesOf(node.app.sdkAppId, ['alice']);
    expect(routes.get('alice')?.map((r) => [r.connId, r.edgeId, r.platform])).toEqual([[d.connId, 'edge-0', 'Web']]);
    expect(node.metrics[0]!.logins.get).toBeDefined();
    expect((await node.metrics[0]!.logins.get()).values.find((v) => v.labels.result === 'ok')?.value).toBeGreaterThanOrEqual(1);
  });

  it('answers a second LOGIN on a logged-in socket with ALREADY_LOGGED_IN and stays logged in', async () => {
    const s = await connect();
    expect((await s.request(Op.LOGIN, loginParams('bob', node.sig('bob')))).c).toBe(Err.OK);
    expect((await s.request(Op.LOGIN, loginParams('bob', node.sig('bob')))).c).toBe(Err.ALREADY_LOGGED_IN);
    expect((await s.request(Op.HEARTBEAT)).c).toBe(Err.OK);
    expect(s.isOpen).toBe(true);
  });

  const badSigs: [string, () => Record<string, unknown>, number][] = [
    ['a sig signed with another key', () => loginParams('carol', signUserSig(node.app.sdkAppId, 'f'.repeat(64), 'carol', 3600, Math.floor(Date.now() / 1000))), Err.SIG_VERIFY],
    ['an expired sig', () => loginParams('carol', signUserSig(node.app.sdkAppId, node.app.secretKey, 'carol', 10, Math.floor(Date.now() / 1000) - 100)), Err.SIG_EXPIRED],
    ['a sig of another app', () => loginParams('carol', node.sig('carol', 3600, other)), Err.SIG_SDKAPPID_MISMATCH],
    ['an unknown SDKAppID', () => ({ ...loginParams('carol', signUserSig(1200000009, 'k', 'carol', 3600, Math.floor(Date.now() / 1000))), sdkAppId: 1200000009 }), Err.SDKAPPID_NOT_FOUND],
    ['a sig of another user', () => loginParams('carol', node.sig('dave')), Err.SIG_IDENTIFIER_MISMATCH],
    ['an empty sig', () => loginParams('carol', ''), Err.SIG_EMPTY],
    ['an undecodable sig', () => loginParams('carol', 'not-a-sig'), Err.SIG_PARSE],
  ];

  it.each(badSigs)('refuses %s with its code, keeps the socket usable and counts it', async (_name, params, code) => {
    const s = await connect();
    const r = await s.request(Op.LOGIN, params());
    expect(r.c).toBe(code);
    expect(r.m.length).toBeGreaterThan(0);
    expect(s.isOpen).toBe(true);
    // The same socket may try again, and succeed.
    const ok = await s.request(Op.LOGIN, loginParams('carol', node.sig('carol')));
    expect(ok.c).toBe(Err.OK);
    const counted = (await node.metrics[0]!.logins.get()).values.find((v) => v.labels.result === String(code));
    expect(counted?.value).toBeGreaterThanOrEqual(1);
    await stillServes();
  });

  it('refuses a sig issued before the account kick mark with 70052, accepts a newer one', async () => {
    const now = Math.floor(Date.now() / 1000);
    await node.store.accounts.importAccount(node.app.sdkAppId, { userId: 'erin', nick: '', faceUrl: '', importedAt: Date.now() });
    await node.store.accounts.setSigFloor(node.app.sdkAppId, 'erin', now);
    const s = await connect();
    const old = signUserSig(node.app.sdkAppId, node.app.secretKey, 'erin', 3600, now - 10);
    expect((await s.request(Op.LOGIN, loginParams('erin', old))).c).toBe(Err.SIG_INVALIDATED);
    const fresh = signUserSig(node.app.sdkAppId, node.app.secretKey, 'erin', 3600, now + 1);
    expect((await s.request(Op.LOGIN, loginParams('erin', fresh))).c).toBe(Err.OK);
    await stillServes();
  });

  it('fires State.StateChange Login with the client IP and platform', async () => {
    const s = await connect();
    expect((await s.request(Op.LOGIN, loginParams('frank', node.sig('frank'), { platform: 'iPhone' }))).c).toBe(Err.OK);
    const call = await waitFor(() => node.webhooks.calls.find((c) => (c.body.Info as { To_Account?: string } | undefined)?.To_Account === 'frank'));
    expect(call.command).toBe('State.StateChange');
    expect(call.body).toMatchObject({ Info: { Action: 'Login', To_Account: 'frank', Reason: 'Register' }, KickedDevice: [] });
    expect(call.query).toMatchObject({ ClientIP: '127.0.0.1', OptPlatform: 'IOS' });
  });
});

