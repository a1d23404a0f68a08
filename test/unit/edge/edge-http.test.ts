// HTTP routes of the edge over a real uWS listener: probes, metrics, 404, and the REST gateway
// (the real one) including bodies over the size limit (93000 envelope).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { Err } from '../../../src/protocol/index.js';
import { startInprocNode, type InprocNode } from '../../support/inproc-node.js';
import { officialSig } from '../../support/rest-client.js';

const BODY_LIMIT = 2048;
let node: InprocNode;

beforeAll(async () => {
  node = await startInprocNode({ limits: { restBodyBytes: BODY_LIMIT } });
});
afterAll(async () => {
  await node.stop();
});

const restUrl = (command = 'im_open_login_svc/account_import') => {
  const q = new URLSearchParams({
    sdkappid: String(node.app.sdkAppId),
    identifier: 'administrator',
    usersig: officialSig(node.app.sdkAppId, node.app.secretKey, 'administrator'),
    random: '42',
    contenttype: 'json',
  });
  return `${node.httpUrl()}/v4/${command}?${q}`;
};

describe('probes and metrics', () => {
  it('/healthz is 200 and /readyz is 200 when ready', async () => {
    expect((await fetch(`${node.httpUrl()}/healthz`)).status).toBe(200);
    const ready = await fetch(`${node.httpUrl()}/readyz`);
    expect([ready.status, await ready.text()]).toEqual([200, 'ready\n']);
  });

  it('/readyz is 503 while not ready', async () => {
    node.edges[0]!.setReady(false);
    try {
      const r = await fetch(`${node.httpUrl()}/readyz`);
      expect([r.status, await r.text()]).toEqual([503, 'starting\n']);
    } finally {
      node.edges[0]!.setReady(true);
    }
  });

  it('/metrics serves the Prometheus text of the edge registry', async () => {
    const r = await fetch(`${node.httpUrl()}/metrics`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/plain');
    const text = await r.text();
    expect(text).toContain('im_ws_connections');
    expect(text).toContain('im_logins_total');
  });

  it('other paths are 404', async () => {
    for (const path of ['/', '/nope', '/healthz/x', '/metricsx']) expect((await fetch(`${node.httpUrl()}${path}`)).status).toBe(404);
    expect((await fetch(`${node.httpUrl()}/nope`, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});

describe('REST through the edge', () => {
  it('runs a v4 command with the official admin signature', async () => {
    const r = await fetch(restUrl(), { method: 'POST', body: JSON.stringify({ UserID: 'rest-user' }) });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/json');
    expect(await r.json()).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    expect((await node.store.accounts.getAccount(node.app.sdkAppId, 'rest-user'))?.userId).toBe('rest-user');
  });

  it('answers a body over the limit with the 93000 envelope and keeps serving', async () => {
    const big = JSON.stringify({ UserID: 'x', Nick: 'n'.repeat(BODY_LIMIT) });
    const r = await fetch(restUrl(), { method: 'POST', body: big });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: Err.BODY_TOO_LARGE });
    const ok = await fetch(restUrl(), { method: 'POST', body: JSON.stringify({ UserID: 'after-big' }) });
    expect(await ok.json()).toMatchObject({ ErrorCode: 0 });
  });

  it('answers a chunked body over the limit (no content-length) with 93000 too', async () => {
    const url = new URL(restUrl());
    const answer = await new Promise<string>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'POST' }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      for (let i = 0; i < 8; i++) req.write('x'.repeat(BODY_LIMIT / 2));
      req.end();
    });
    expect(JSON.parse(answer)).toMatchObject({ ErrorCode: Err.BODY_TOO_LARGE });
  });

  it('answers bad JSON with its envelope code', async () => {
    const r = await fetch(restUrl(), { method: 'POST', body: '{not json' });
    expect(await r.json()).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: Err.JSON_PARSE });
  });

  it('hands a GET on /v4 to the gateway, which refuses the method in an envelope', async () => {
    const r = await fetch(restUrl());
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: Err.BAD_HTTP_REQUEST });
  });
});
