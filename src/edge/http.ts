// HTTP routes of the edge: /v4/* to the REST gateway, /metrics, /healthz, /readyz, 404 for the
// rest. uWS rules kept here: the request object dies with the callback (copy url, query, address
// first); a response answered after an await needs onAborted and must be written inside cork; a
// body chunk is neutered after its callback, so it is copied. Bodies over limits.restBodyBytes are
// not buffered: the rest is read and discarded and the gateway is told bodyTooLarge (93000).
import type { HttpResponse, TemplatedApp } from '@trufflesuite/uws-js-unofficial';
import type { EdgeContext } from './context.js';
import { clientIpOf } from './ws-handlers.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

interface Reply {
  status: string;
  type: string;
  body: string;
}

/** Writes a reply to a response that may have been aborted while we awaited. */
function send(res: HttpResponse, aborted: () => boolean, r: Reply): void {
  if (aborted()) return;
  res.cork(() => {
    res.writeStatus(r.status).writeHeader('content-type', r.type).end(r.body);
  });
}

const statusLine = (code: number): string =>
  ({ 200: '200 OK', 400: '400 Bad Request', 404: '404 Not Found', 500: '500 Internal Server Error', 503: '503 Service Unavailable' })[code] ??
  `${code} Status`;

/** Reads a request body up to limit bytes; past it, keeps reading but stops buffering. */
function readBody(res: HttpResponse, limit: number, declared: number, done: (body: Uint8Array, tooLarge: boolean) => void): void {
  let tooLarge = declared > limit;
  const chunks: Uint8Array[] = [];
  let size = 0;
  res.onData((chunk, isLast) => {
    if (!tooLarge) {
      size += chunk.byteLength;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
      } else chunks.push(new Uint8Array(chunk.slice(0)));
    }
    if (!isLast) return;
    if (tooLarge) return done(new Uint8Array(0), true);
    const body = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      body.set(c, at);
      at += c.byteLength;
    }
    done(body, false);
  });
}

export function httpRoutes(ctx: EdgeContext, app: TemplatedApp): void {
  const { metrics, rest, log } = ctx.deps;

  app.get('/healthz', (res) => {
    res.writeStatus('200 OK').writeHeader('content-type', TEXT_TYPE).end('ok\n');
  });

  app.get('/readyz', (res) => {
    const ready = ctx.ready && !ctx.draining;
    res
      .writeStatus(ready ? '200 OK' : '503 Service Unavailable')
      .writeHeader('content-type', TEXT_TYPE)
      .end(ready ? 'ready\n' : ctx.draining ? 'draining\n' : 'starting\n');
  });

  app.get('/metrics', (res) => {
    let aborted = false;
    res.onAborted(() => void (aborted = true));
    metrics.registry.metrics().then(
      (body) => send(res, () => aborted, { status: '200 OK', type: metrics.registry.contentType, body }),
      (err: unknown) => {
        log.error('metrics collection failed', { err });
        send(res, () => aborted, { status: '500 Internal Server Error', type: TEXT_TYPE, body: 'metrics failed\n' });
      },
    );
  });

  app.any('/v4/*', (res, req) => {
    if (!rest) {
      res.writeStatus('404 Not Found').writeHeader('content-type', TEXT_TYPE).end('not found\n');
      return;
    }
    const method = req.getCaseSensitiveMethod();
    const path = req.getUrl();
    const query = req.getQuery() ?? '';
    const declared = Number(req.getHeader('content-length') || 0);
    const clientIp = clientIpOf(res.getRemoteAddressAsText());
    let aborted = false;
    res.onAborted(() => void (aborted = true));
    readBody(res, ctx.limits.restBodyBytes, declared, (body, bodyTooLarge) => {
      void ctx.inflight
        .track(() => rest.handle({ method, path, query, body, clientIp, ...(bodyTooLarge ? { bodyTooLarge } : {}) }))
        .then(
          (r) => send(res, () => aborted, { status: statusLine(r.status), type: JSON_TYPE, body: r.body }),
          (err: unknown) => {
            log.error('REST gateway threw', { err, path });
            send(res, () => aborted, { status: '500 Internal Server Error', type: TEXT_TYPE, body: 'internal error\n' });
          },
        );
    });
  });

  app.any('/*', (res) => {
    res.writeStatus('404 Not Found').writeHeader('content-type', TEXT_TYPE).end('not found\n');
  });
}
