// Http2Endpoint with small limits against a real local h2c server: streams beyond maxStreams
// wait in order, beyond maxQueued they are refused at once (with the limit reported), close
// releases the waiters, and a bad origin is refused when built.
import { createServer, type Http2Server, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/lib/clock.js';
import { Http2Endpoint, MAX_RESPONSE_BYTES, type EndpointLimit } from '../../../src/push/http2-endpoint.js';
import { until } from './helpers.js';

describe('Http2Endpoint', () => {
  let server: Http2Server;
  let url: string;
  const held: ServerHttp2Stream[] = [];
  let bigAnswer = false;

  beforeEach(async () => {
    held.length = 0;
    bigAnswer = false;
    server = createServer();
    server.on('stream', (stream, headers) => {
      stream.on('error', () => undefined);
      if (bigAnswer) {
        stream.respond({ ':status': 200 });
        stream.end('y'.repeat(MAX_RESPONSE_BYTES * 2));
        return;
      }
      if (headers[':path'] === '/hold') held.push(stream);
      else {
        stream.respond({ ':status': 200 });
        stream.end(String(headers[':path']));
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    for (const s of held) if (!s.destroyed) s.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  const release = (n: number) => {
    for (const s of held.splice(0, n)) {
      s.respond({ ':status': 200 });
      s.end('held');
    }
  };

  it('queues beyond maxStreams, refuses beyond maxQueued, and runs the queue in order', async () => {
    const limits: EndpointLimit[] = [];
    const ep = new Http2Endpoint(url, { clock: systemClock, timeoutMs: 10_000, maxStreams: 2, maxQueued: 1, onLimit: (l) => limits.push(l) });
    const a = ep.request({ ':method': 'POST', ':path': '/hold' }, '');
    const b = ep.request({ ':method': 'POST', ':path': '/hold' }, '');
    const queued = ep.request({ ':method': 'POST', ':path': '/queued' }, '');
    const refused = await ep.request({ ':method': 'POST', ':path': '/refused' }, '');
    expect(refused).toEqual({ ok: false, detail: 'more than 2 requests in flight and 1 queued' });
    expect(limits).toEqual(['streams-queue-full']);
    await until(() => held.length === 2, 'two held streams');
    release(1);
    expect(await a).toEqual({ ok: true, reply: { status: 200, body: 'held' } });
    expect(await queued).toEqual({ ok: true, reply: { status: 200, body: '/queued' } });
    release(1);
    expect(await b).toMatchObject({ ok: true });
    await ep.close();
  });

  it('close answers queued requests and later ones without throwing', async () => {
    const ep = new Http2Endpoint(url, { clock: systemClock, timeoutMs: 10_000, maxStreams: 1, maxQueued: 5 });
    const first = ep.request({ ':method': 'POST', ':path': '/hold' }, '');
    await until(() => held.length === 1, 'held stream');
    const waiting = ep.request({ ':method': 'POST', ':path': '/x' }, '');
    const closing = ep.close();
    expect(await waiting).toEqual({ ok: false, detail: 'endpoint closed' });
    release(1);
    expect(await first).toMatchObject({ ok: true });
    await closing;
    expect(await ep.request({ ':method': 'POST', ':path': '/x' }, '')).toEqual({ ok: false, detail: 'endpoint closed' });
  });

  it(`keeps at most ${MAX_RESPONSE_BYTES} bytes of an answer`, async () => {
    bigAnswer = true;
    const ep = new Http2Endpoint(url, { clock: systemClock, timeoutMs: 10_000, maxStreams: 1, maxQueued: 0 });
    const r = await ep.request({ ':method': 'POST', ':path': '/big' }, '');
    expect(r.ok && r.reply.body.length).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
    expect(r.ok && r.reply.body.length).toBeGreaterThan(0);
    await ep.close();
  });

  it('refuses an origin that is not http(s) or has a path', () => {
    const opts = { clock: systemClock, timeoutMs: 1, maxStreams: 1, maxQueued: 0 };
    expect(() => new Http2Endpoint('ws://x', opts)).toThrow(/must be http\(s\)/);
    expect(() => new Http2Endpoint('https://x/path', opts)).toThrow(/without a path/);
    expect(() => new Http2Endpoint('https://x?q=1', opts)).toThrow(/without a path/);
    expect(() => new Http2Endpoint('nope', opts)).toThrow();
  });
});
