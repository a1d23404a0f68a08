// Workers hold no client sockets, but must still answer probes and scrapes: a tiny node:http
// server with /metrics, /healthz and /readyz on the worker's IM_PORT.
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

export interface HealthServer {
  setReady(ready: boolean): void;
  close(): Promise<void>;
}

export async function startHealthServer(host: string, port: number, registry: Registry): Promise<HealthServer> {
  let ready = false;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    if (path === '/readyz') return void res.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain' }).end(ready ? 'ready\n' : 'not ready\n');
    if (path === '/metrics') {
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    setReady: (r) => void (ready = r),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
