// The foundation on a real cluster: 2 edges + 2 workers as separate processes over real NATS
// (JetStream KV leases), Redis (presence) and Cassandra (store), driven only through public
// interfaces: the WebSocket protocol via the client SDK, the v4 REST API, /metrics and /readyz.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../support/cluster.js';
import { eventually, loginUser } from '../support/im-user.js';
import { shardsOwned } from '../support/cluster-clients.js';
import { officialSig, rest, type RestTarget } from '../support/rest-client.js';
import { TestSocket } from '../support/ws-client.js';

const SHARDS = 64;
/** The promise: a dead worker's shards are owned again within 10 s. */
const FAILOVER_DEADLINE_MS = 10_000;

let c: TestCluster;
let api: RestTarget;
/** What the app backend received: query parameters and JSON body of every webhook call. */
const hooks: Array<{ query: URLSearchParams; body: Record<string, unknown> }> = [];
let receiver: Server;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (b: Buffer) => (raw += b.toString()));
    req.on('end', () => {
      hooks.push({ query: new URL(req.url ?? '/', 'http://x').searchParams, body: JSON.parse(raw) as Record<string, unknown> });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const { port } = receiver.address() as { port: number };
  c = await startTestCluster({ env: { IM_LOGIN_POLICY: 'single', IM_WEBHOOK_URL: `http://127.0.0.1:${port}/im-callback`, IM_WEBHOOK_TOKEN: 'tok' } });
  api = { baseUrl: c.edgeUrl(1), sdkAppId: c.sdkAppId, secretKey: c.secretKey, admin: c.admin };
});

afterAll(async () => {
  await c?.stop();
  receiver?.close();
});

describe('foundation on 2 edges + 2 workers', () => {
  it('splits the shards between the two workers', async () => {
    await eventually('balanced shards', 30_000, async () => {
      const [a, b] = [await shardsOwned(c.workerUrl(1)), await shardsOwned(c.workerUrl(2))];
      return a === SHARDS / 2 && b === SHARDS / 2 ? true : undefined;
    });
  });

  it('logs in with an official tls-sig-api-v2 UserSig; a second device on the other edge kicks the first (single policy)', async () => {
    const first = await loginUser(c.wsUrl(1), c, 'alice', { platform: 'iPhone', deviceId: 'phone' });
    expect(first.client.loggedIn?.connId).toBeTruthy();
    const second = await loginUser(c.wsUrl(2), c, 'alice', { platform: 'Android', deviceId: 'tablet' });
    expect(await first.kicked).toEqual({ code: 6208, reason: 'another-device' });
    expect((await first.closed).code).toBe(4001);
    expect(second.client.state).toBe('open');

    const state = await rest(api, 'openim', 'query_online_status', { To_Account: ['alice'], IsNeedDetail: 1 });
    expect(state.QueryResult).toEqual([{ To_Account: 'alice', Status: 'Online', Detail: [{ Platform: 'Android', Status: 'Online' }] }]);
    second.client.close();

    // The app backend hears State.StateChange for both logins, the second naming the kicked device.
    const logins = await eventually('two Login callbacks', 10_000, async () => {
      const l = hooks.filter((h) => h.body.CallbackCommand === 'State.StateChange' && (h.body.Info as { Action: string; To_Account: string }).To_Account === 'alice' && (h.body.Info as { Action: string }).Action === 'Login');
      return l.length >= 2 ? l : undefined;
    });
    expect(logins[1]!.body).toMatchObject({ KickedDevice: [{ Platform: 'IOS' }], Info: { Reason: 'Register' } });
    expect(logins[1]!.query.get('SdkAppid')).toBe(String(c.sdkAppId));
    expect(logins[1]!.query.get('CallbackCommand')).toBe('State.StateChange');
    expect(logins[1]!.query.get('Sign')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('imports an account over REST and reports it Imported from either edge', async () => {
    expect(await rest(api, 'im_open_login_svc', 'account_import', { UserID: 'bob', Nick: 'Bob' })).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    const viaEdge2 = { ...api, baseUrl: c.edgeUrl(2) };
    const check = await rest(viaEdge2, 'im_open_login_svc', 'account_check', { CheckItem: [{ UserID: 'bob' }, { UserID: 'nobody' }] });
    expect(check.ResultItem).toEqual([
      { UserID: 'bob', AccountStatus: 'Imported', ResultCode: 0, ResultInfo: '' },
      { UserID: 'nobody', AccountStatus: 'NotImported', ResultCode: 0, ResultInfo: '' },
    ]);
  });

  it('refuses a signature made with another key, and keeps serving', async () => {
    await expect(loginUser(c.wsUrl(1), c, 'mallory', { sig: (await import('../support/rest-client.js')).officialSig(c.sdkAppId, 'f'.repeat(64), 'mallory') })).rejects.toMatchObject({ code: 70009 });
    const ok = await loginUser(c.wsUrl(1), c, 'carol');
    ok.client.close();
  });

  it('answers bad REST input with its code over real HTTP, and bad socket frames with an error frame', async () => {
    const url = (service: string, command: string, identifier = c.admin, sig = officialSig(c.sdkAppId, c.secretKey, identifier)) =>
      `${c.edgeUrl(2)}/v4/${service}/${command}?sdkappid=${c.sdkAppId}&identifier=${identifier}&usersig=${sig}&random=7&contenttype=json`;
    const post = async (u: string, body: string) => {
      const res = await fetch(u, { method: 'POST', body });
      expect(res.status).toBe(200);
      return (await res.json()) as { ActionStatus: string; ErrorCode: number };
    };
    expect(await post(url('im_open_login_svc', 'account_check'), '{not json')).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 60003 });
    expect(await post(url('im_open_login_svc', 'account_check'), '')).toMatchObject({ ErrorCode: 60003 });
    expect(await post(url('im_open_login_svc', 'no_such_command'), '{}')).toMatchObject({ ErrorCode: 60009 });
    expect(await post(url('im_open_login_svc', 'account_check', 'alice'), '{}')).toMatchObject({ ErrorCode: 60010 });
    expect(await post(url('im_open_login_svc', 'account_check', c.admin, officialSig(c.sdkAppId, '0'.repeat(64), c.admin)), '{}')).toMatchObject({ ErrorCode: 70009 });
    expect(await post(url('im_open_login_svc', 'account_check', c.admin, 'garbage'), '{}')).toMatchObject({ ErrorCode: 70003 });
    expect(await post(url('im_open_login_svc', 'account_import'), '{"UserID":42}')).toMatchObject({ ErrorCode: 60015 });

    const sock = await TestSocket.open(c.wsUrl(1));
    sock.sendRaw(new Uint8Array([0xc1, 0xff, 0x00]));
    expect(await sock.next((f) => f.op === 101)).toMatchObject({ c: 6019 });
    sock.send({ op: 3 }); // heartbeat without a request id
    expect(await sock.next((f) => f.op === 101)).toMatchObject({ op: 101 });
    expect((await sock.request(77)).c).toBe(6018); // unknown op
    expect((await sock.request(2)).c).toBe(6014); // logout before login
    expect(sock.isOpen).toBe(true);
    sock.ws.close();
    const ok = await loginUser(c.wsUrl(1), c, 'frank');
    expect(ok.client.loggedIn).toBeTruthy();
    ok.client.close();
  });

  it('after kill -9 of a worker, the other owns every shard within 10 s and logins keep working', async () => {
    await c.launcher.kill('worker-1', 'SIGKILL');
    const killedAt = Date.now();
    await eventually('all shards on worker-2', FAILOVER_DEADLINE_MS, async () => ((await shardsOwned(c.workerUrl(2))) === SHARDS ? true : undefined));
    const tookMs = Date.now() - killedAt;
    expect(tookMs).toBeLessThanOrEqual(FAILOVER_DEADLINE_MS);
    console.info(`failover: worker-2 owned all ${SHARDS} shards ${tookMs} ms after kill -9 of worker-1`);
    // Users spread over many shards, including the ones worker-1 had.
    const users = await Promise.all(Array.from({ length: 24 }, (_, i) => loginUser(c.wsUrl(1 + (i % 2)), c, `user${i}`)));
    for (const u of users) expect(u.client.loggedIn).toBeTruthy();
    for (const u of users) u.client.close();
    c.launcher.restart('worker-1');
    await c.waitReady();
  });

  it('keeps its data when every process is restarted', async () => {
    await c.launcher.stop();
    c.launcher.start();
    await c.waitReady();
    const check = await rest(api, 'im_open_login_svc', 'account_check', { CheckItem: [{ UserID: 'bob' }, { UserID: 'alice' }] });
    expect(check.ResultItem).toEqual([
      { UserID: 'bob', AccountStatus: 'Imported', ResultCode: 0, ResultInfo: '' },
      { UserID: 'alice', AccountStatus: 'Imported', ResultCode: 0, ResultInfo: '' },
    ]);
    const again = await loginUser(c.wsUrl(2), c, 'alice');
    expect(again.client.loggedIn).toBeTruthy();
    again.client.close();
  });

  it('an admin kick disconnects the user and invalidates older signatures (70052)', async () => {
    const u = await loginUser(c.wsUrl(1), c, 'dave');
    const sig = (await import('../support/rest-client.js')).officialSig(c.sdkAppId, c.secretKey, 'dave');
    await new Promise((r) => setTimeout(r, 1100)); // the kick mark has one-second resolution
    expect(await rest(api, 'im_open_login_svc', 'kick', { UserID: 'dave' })).toMatchObject({ ErrorCode: 0 });
    expect((await u.kicked).code).toBe(6208);
    await expect(loginUser(c.wsUrl(2), c, 'dave', { sig })).rejects.toMatchObject({ code: 70052 });
  });
});
