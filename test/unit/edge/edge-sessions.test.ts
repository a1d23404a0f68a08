// Sessions through real sockets: the login policy kicks older devices (KICKED 6208, then the
// close), across edges too; logout; detach on close; pushes from the bus reach the socket.
import { afterEach, describe, expect, it } from 'vitest';
import { encodeEdgeMsg } from '../../../src/edge/edge-messages.js';
import { subjects } from '../../../src/bus/subjects.js';
import { sessionAddr } from '../../../src/sessions/session-messages.js';
import { CloseCode, Err, KickReason, Op, encodeServerFrame, type KickedFrame, type LoginResult } from '../../../src/protocol/index.js';
import type { LoginPolicy } from '../../../src/sessions/login-policy.js';
import { startInprocNode, type InprocNode } from '../../support/inproc-node.js';
import { TestSocket, waitFor } from '../../support/ws-client.js';

let node: InprocNode | undefined;
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await node?.stop();
  node = undefined;
});

async function start(policy: LoginPolicy, edges = 1, presenceTtlMs?: number): Promise<InprocNode> {
  node = await startInprocNode({ loginPolicy: policy, edges, ...(presenceTtlMs ? { presenceTtlMs } : {}) });
  return node;
}

async function loginAs(n: InprocNode, userId: string, platform: string, deviceId: string, edge = 0): Promise<{ s: TestSocket; connId: string }> {
  const s = await TestSocket.open(n.wsUrl(edge));
  sockets.push(s);
  const r = await s.request(Op.LOGIN, { sdkAppId: n.app.sdkAppId, userId, userSig: n.sig(userId), platform, deviceId });
  expect(r.c).toBe(Err.OK);
  return { s, connId: (r.d as LoginResult).connId };
}

const routesOf = async (n: InprocNode, userId: string) => (await n.presence.routesOf(n.app.sdkAppId, [userId])).get(userId)?.map((r) => r.connId).sort() ?? [];
const stateCalls = (n: InprocNode, userId: string) =>
  n.webhooks.calls.filter((c) => c.command === 'State.StateChange' && (c.body.Info as { To_Account: string }).To_Account === userId).map((c) => c.body);

describe('login policy through sockets', () => {
  it('single: a second device kicks the first, which gets KICKED 6208 and then the close', async () => {
    const n = await start('single');
    const first = await loginAs(n, 'alice', 'iPhone', 'phone-1');
    const second = await loginAs(n, 'alice', 'PC', 'pc-1');
    const kicked = (await first.s.next((f) => f.op === Op.KICKED)) as KickedFrame;
    expect([kicked.c, kicked.m]).toEqual([Err.KICKED_BY_OTHER_DEVICE, KickReason.ANOTHER_DEVICE]);
    expect((await first.s.waitClosed()).code).toBe(CloseCode.KICKED);
    expect(second.s.isOpen).toBe(true);
    expect((await second.s.request(Op.HEARTBEAT)).c).toBe(Err.OK);
    expect(await waitFor(async () => ((await routesOf(n, 'alice')).length === 1 ? routesOf(n, 'alice') : undefined))).toEqual([second.connId]);
    const login = await waitFor(() => stateCalls(n, 'alice').find((b) => (b.KickedDevice as unknown[]).length === 1));
    expect(login).toMatchObject({ Info: { Action: 'Login', Reason: 'Register' }, KickedDevice: [{ Platform: 'IOS' }] });
    const kicks = (await n.workerMetrics.kicks.get()).values.find((v) => v.labels.reason === 'login-policy');
    expect(kicks?.value).toBe(1);
  });

  it('single: the kick reaches a device on another edge', async () => {
    const n = await start('single', 2);
    const first = await loginAs(n, 'bob', 'Android', 'a1', 0);
    await loginAs(n, 'bob', 'Web', 'w1', 1);
    expect(((await first.s.next((f) => f.op === Op.KICKED)) as KickedFrame).c).toBe(Err.KICKED_BY_OTHER_DEVICE);
    expect((await first.s.waitClosed()).code).toBe(CloseCode.KICKED);
  });

  it('multi: the same platform and deviceId replaces the old connection, other devices stay', async () => {
    const n = await start('multi');
    const web = await loginAs(n, 'carol', 'Web', 'tab');
    const phone = await loginAs(n, 'carol', 'iPhone', 'p1');
    const phone2 = await loginAs(n, 'carol', 'iPhone', 'p1');
    expect((await phone.s.waitClosed()).code).toBe(CloseCode.KICKED);
    expect(web.s.isOpen && phone2.s.isOpen).toBe(true);
    expect(await waitFor(async () => ((await routesOf(n, 'carol')).length === 2 ? routesOf(n, 'carol') : undefined))).toEqual(
      [web.connId, phone2.connId].sort(),
    );
  });
});

describe('logout, close and pushes', () => {
  it('LOGOUT replies ok, closes with 1000, detaches and fires Logout', async () => {
    const n = await start('multi');
    const { s, connId } = await loginAs(n, 'dave', 'Mac', 'm1');
    expect(await routesOf(n, 'dave')).toEqual([connId]);
    const gauge = async (state: string) => (await n.metrics[0]!.wsConnections.get()).values.find((v) => v.labels.state === state)?.value;
    expect([await gauge('open'), await gauge('logged-in')]).toEqual([1, 1]);
    expect((await s.request(Op.LOGOUT)).c).toBe(Err.OK);
    expect((await s.waitClosed()).code).toBe(CloseCode.NORMAL);
    expect(await waitFor(async () => ((await gauge('open')) === 0 ? gauge('logged-in') : undefined))).toBe(0);
    await waitFor(async () => ((await routesOf(n, 'dave')).length === 0 ? true : undefined));
    const ev = await waitFor(() => stateCalls(n, 'dave').find((b) => (b.Info as { Action: string }).Action === 'Logout'));
    expect(ev).toMatchObject({ Info: { Action: 'Logout', Reason: 'Unregister', To_Account: 'dave' } });
  });

  it('a client-side close detaches the device and fires Disconnect/LinkClose', async () => {
    const n = await start('multi');
    const { s } = await loginAs(n, 'erin', 'Android', 'a1');
    s.close();
    await waitFor(async () => ((await routesOf(n, 'erin')).length === 0 ? true : undefined));
    const ev = await waitFor(() => stateCalls(n, 'erin').find((b) => (b.Info as { Action: string }).Action === 'Disconnect'));
    expect(ev).toMatchObject({ Info: { Reason: 'LinkClose' } });
    const devices = await n.actors.ask<unknown[]>(sessionAddr(n.app.sdkAppId, 'erin'), { t: 'devices' });
    expect(devices).toEqual([]);
  });

  it('an EdgeMsg push on the edge subject is written to the logged-in socket only', async () => {
    const n = await start('multi');
    const { s, connId } = await loginAs(n, 'frank', 'Web', 'w');
    const anon = await TestSocket.open(n.wsUrl());
    sockets.push(anon);
    const frame = encodeServerFrame({ op: Op.KICKED, c: 1, m: 'pushed' });
    n.bus.publish(subjects.edge(n.edges[0]!.edgeId), encodeEdgeMsg({ t: 'push', connIds: [connId, 'nobody'], frame }));
    expect(await s.next((f) => f.op === Op.KICKED)).toEqual({ op: Op.KICKED, c: 1, m: 'pushed' });
    expect((await anon.request(Op.HEARTBEAT)).c).toBe(Err.OK);
    await expect(anon.next((f) => f.op === Op.KICKED, 200)).rejects.toThrow(/timed out/);
  });

  it('the edge heartbeats presence, so its routes outlive the presence TTL', async () => {
    const n = await start('multi', 1, 300);
    const { connId } = await loginAs(n, 'hank', 'PC', 'p');
    await new Promise((r) => setTimeout(r, 1_200)); // four TTLs
    expect(await routesOf(n, 'hank')).toEqual([connId]);
  });

  it('admin kickAll removes every device with reason admin', async () => {
    const n = await start('multi');
    const a = await loginAs(n, 'gina', 'Web', 'w1');
    const b = await loginAs(n, 'gina', 'iPad', 'i1');
    const count = await n.actors.ask<number>(sessionAddr(n.app.sdkAppId, 'gina'), { t: 'kickAll', reason: 'admin' });
    expect(count).toBe(2);
    for (const x of [a, b]) {
      expect(((await x.s.next((f) => f.op === Op.KICKED)) as KickedFrame).m).toBe(KickReason.ADMIN);
      expect((await x.s.waitClosed()).code).toBe(CloseCode.KICKED);
    }
    expect(await routesOf(n, 'gina')).toEqual([]);
  });
});
