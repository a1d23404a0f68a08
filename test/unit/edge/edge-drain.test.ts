// Graceful drain over real sockets: /readyz turns 503, every client gets DRAIN and then the
// SERVER_DRAINING close, in-flight requests finish first, and the edge's routes are dropped.
import { Agent, get } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { RestGateway, RestRequest } from '../../../src/rest/gateway.js';
import { CloseCode, Err, Op, type DrainFrame } from '../../../src/protocol/index.js';
import { startInprocNode, type InprocNode } from '../../support/inproc-node.js';
import { TestSocket, waitFor } from '../../support/ws-client.js';

let node: InprocNode | undefined;
afterEach(async () => {
  await node?.stop();
  node = undefined;
});

/** A REST gateway that holds each request until released: an in-flight request for the drain. */
function heldGateway() {
  const seen: RestRequest[] = [];
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const gateway: RestGateway = {
    async handle(req) {
      seen.push(req);
      await released;
      return { status: 200, body: JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' }) };
    },
  };
  return { gateway, seen, release };
}

const httpGet = (agent: Agent, url: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    get(url, { agent }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });

describe('drain', () => {
  it('sends DRAIN, waits for in-flight requests, closes with 4003 and drops the routes', async () => {
    const held = heldGateway();
    const n = (node = await startInprocNode({ rest: held.gateway, limits: { drainMs: 5_000 } }));
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    expect((await httpGet(agent, `${n.httpUrl()}/readyz`)).status).toBe(200);

    const user = await TestSocket.open(n.wsUrl());
    expect((await user.request(Op.LOGIN, { sdkAppId: n.app.sdkAppId, userId: 'u1', userSig: n.sig('u1'), platform: 'Web', deviceId: 'd' })).c).toBe(Err.OK);
    const anon = await TestSocket.open(n.wsUrl());
    expect((await n.presence.routesOf(n.app.sdkAppId, ['u1'])).get('u1')).toHaveLength(1);

    const restCall = fetch(`${n.httpUrl()}/v4/svc/cmd?x=1`, { method: 'POST', body: '{"a":1}' });
    await waitFor(() => (held.seen.length === 1 ? true : undefined));
    expect(held.seen[0]).toMatchObject({ method: 'POST', path: '/v4/svc/cmd', query: 'x=1', clientIp: '127.0.0.1' });
    expect(new TextDecoder().decode(held.seen[0]!.body)).toBe('{"a":1}');

    let drained = false;
    const draining = n.edges[0]!.drain().then(() => (drained = true));
    for (const s of [user, anon]) {
      const f = (await s.next((x) => x.op === Op.DRAIN)) as DrainFrame;
      expect(f.d.retryWithinMs).toBe(5_000);
    }
    // Still draining: the REST request holds it, and /readyz (on a kept-alive connection) says so.
    const readyz = await httpGet(agent, `${n.httpUrl()}/readyz`);
    expect([readyz.status, readyz.body]).toEqual([503, 'draining\n']);
    expect(drained).toBe(false);
    expect(user.isOpen && anon.isOpen).toBe(true);

    held.release();
    expect(await (await restCall).json()).toMatchObject({ ErrorCode: 0 });
    await draining;
    expect((await user.waitClosed()).code).toBe(CloseCode.SERVER_DRAINING);
    expect((await anon.waitClosed()).code).toBe(CloseCode.SERVER_DRAINING);
    expect((await n.presence.routesOf(n.app.sdkAppId, ['u1'])).get('u1')).toBeUndefined();
    await expect(TestSocket.open(n.wsUrl())).rejects.toThrow();
    agent.destroy();
  });

  it('closes anyway when in-flight requests outlast drainMs', async () => {
    const held = heldGateway();
    const n = (node = await startInprocNode({ rest: held.gateway, limits: { drainMs: 300 } }));
    const s = await TestSocket.open(n.wsUrl());
    const restCall = fetch(`${n.httpUrl()}/v4/a/b`, { method: 'POST', body: '{}' }).catch(() => undefined);
    await waitFor(() => (held.seen.length === 1 ? true : undefined));
    await n.edges[0]!.drain();
    expect((await s.waitClosed()).code).toBe(CloseCode.SERVER_DRAINING);
    held.release();
    await restCall;
  });

  it('refuses LOGIN while draining with SERVER_DRAINING', async () => {
    const held = heldGateway();
    const n = (node = await startInprocNode({ rest: held.gateway, limits: { drainMs: 5_000 } }));
    const s = await TestSocket.open(n.wsUrl());
    const restCall = fetch(`${n.httpUrl()}/v4/a/b`, { method: 'POST', body: '{}' });
    await waitFor(() => (held.seen.length === 1 ? true : undefined));
    const draining = n.edges[0]!.drain();
    await s.next((x) => x.op === Op.DRAIN);
    const r = await s.request(Op.LOGIN, { sdkAppId: n.app.sdkAppId, userId: 'late', userSig: n.sig('late'), platform: 'Web', deviceId: 'd' });
    expect(r.c).toBe(Err.SERVER_DRAINING);
    held.release();
    await restCall;
    await draining;
  });
});
