// The HTTP webhooks against the webhooks contract with a real local node:http server (real
// sockets), plus what only HTTP has: method and headers, connection refused, oversized answers,
// connection reuse.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDirectory } from '../../../src/apps/app-directory.js';
import { DEFAULT_LIMITS, type AppConfig } from '../../../src/config/config.js';
import { systemClock } from '../../../src/lib/clock.js';
import { silentLogger } from '../../../src/lib/log.js';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { Callback } from '../../../src/webhooks/commands.js';
import { MAX_ANSWER_BYTES, createHttpWebhooks } from '../../../src/webhooks/http.js';
import { webhooksContract, type Answer, type ReceivedCall } from '../../contract/webhooks.contract.js';

interface Backend {
  url: string;
  server: Server;
  received: ReceivedCall[];
  raw: Array<{ method: string; headers: IncomingMessage['headers'] }>;
  connections: number;
  answer: (call: ReceivedCall) => Answer;
  close(): Promise<void>;
}

async function reply(res: ServerResponse, a: Answer): Promise<void> {
  switch (a.kind) {
    case 'json':
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(a.body));
      return;
    case 'status':
      res.writeHead(a.status, { 'content-type': 'application/json' }).end('{}');
      return;
    case 'text':
      res.writeHead(200, { 'content-type': 'text/plain' }).end(a.text);
      return;
    case 'hang':
      return; // closed by close()
    case 'gated':
      await a.until;
      return reply(res, a.then);
  }
}

async function startBackend(): Promise<Backend> {
  const b: Omit<Backend, 'url' | 'close'> = {
    server: createServer(),
    received: [],
    raw: [],
    connections: 0,
    answer: () => ({ kind: 'json', body: {} }),
  };
  b.server.on('connection', () => b.connections++);
  b.server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const call: ReceivedCall = { path: url.pathname, query: Object.fromEntries(url.searchParams), body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
      b.received.push(call);
      b.raw.push({ method: req.method ?? '', headers: req.headers });
      void reply(res, b.answer(call));
    });
  });
  await new Promise<void>((r) => b.server.listen(0, '127.0.0.1', r));
  const { port } = b.server.address() as AddressInfo;
  return Object.assign(b, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        b.server.closeAllConnections();
        b.server.close(() => r());
      }),
  });
}

webhooksContract('http', async (apps, deps) => {
  const backend = await startBackend();
  const webhooks = createHttpWebhooks({ ...deps, apps: new AppDirectory(apps(backend.url)) });
  return {
    webhooks,
    received: () => backend.received,
    answer: (fn) => (backend.answer = fn),
    dispose: async () => {
      await backend.close();
      await webhooks.close();
    },
  };
});

describe('HTTP webhooks', () => {
  const APP = 1400000301;
  let backend: Backend | undefined;
  afterEach(async () => {
    await backend?.close();
    backend = undefined;
  });

  function make(url: string, timeoutMs = 2_000) {
    const apps: AppConfig[] = [
      { sdkAppId: APP, secretKey: 'k', admins: ['administrator'], name: 'h', loginPolicy: 'multi', restRatePerSec: 200, webhook: { url, timeoutMs, failOpen: true } },
    ];
    return createHttpWebhooks({ apps: new AppDirectory(apps), clock: systemClock, log: silentLogger, metrics: createMetrics(), limits: DEFAULT_LIMITS });
  }

  it('POSTs JSON and reuses connections (keep-alive) for consecutive calls', async () => {
    backend = await startBackend();
    const webhooks = make(backend.url);
    const calls = 6;
    for (let i = 0; i < calls; i++) expect(await webhooks.before(APP, Callback.C2CBeforeSendMsg, { i })).toMatchObject({ kind: 'answered' });
    expect(backend.raw.map((r) => r.method)).toEqual(Array(calls).fill('POST'));
    expect(backend.raw[0]!.headers['content-type']).toMatch(/^application\/json/);
    // undici releases a socket to its pool a tick after the body ends, so the next call may open
    // a second one; without keep-alive every call would open its own.
    expect(backend.connections).toBeLessThanOrEqual(2);
  });

  it('reports a refused connection as failed', async () => {
    const closed = await startBackend();
    const url = closed.url;
    await closed.close();
    const r = await make(url).before(APP, Callback.C2CBeforeSendMsg, {});
    expect(r).toMatchObject({ kind: 'failed', failOpen: true });
    expect(r.kind === 'failed' && r.reason).toMatch(/fetch failed|ECONNREFUSED/);
  });

  it('refuses an answer larger than MAX_ANSWER_BYTES', async () => {
    backend = await startBackend();
    backend.answer = () => ({ kind: 'json', body: { ErrorCode: 0, Pad: 'x'.repeat(MAX_ANSWER_BYTES) } });
    const r = await make(backend.url).before(APP, Callback.C2CBeforeSendMsg, {});
    expect(r).toMatchObject({ kind: 'failed', reason: `answer longer than ${MAX_ANSWER_BYTES} bytes` });
  });

  it('times out a backend that sends headers but never finishes the body', async () => {
    backend = await startBackend();
    backend.server.removeAllListeners('request');
    backend.server.on('request', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"ErrorCode":');
    });
    const r = await make(backend.url, 150).before(APP, Callback.C2CBeforeSendMsg, {});
    expect(r).toMatchObject({ kind: 'failed', reason: 'no answer within 150 ms' });
  });
});
