// A local APNs stand-in on node:http2 (h2c, or TLS when given a certificate) that checks the wire
// format the way Apple documents it: the ES256 provider token verified with the team's public
// key (kid, iss, iat younger than an hour), the device-token path, every apns-* header and the
// JSON payload. A request that breaks a rule is answered 400 and recorded in violations(), which
// each test expects to be empty. Answers are chosen per request by the test.
import { verify, type KeyObject } from 'node:crypto';
import { createSecureServer, createServer, type Http2Server, type Http2Session, type IncomingHttpHeaders, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { decodeJwt } from './test-keys.js';

export interface ApnsRequest {
  token: string;
  headers: IncomingHttpHeaders;
  payload: Record<string, unknown>;
  jwt: string;
  iat: number;
}

export type ApnsAnswer = { status: number; reason?: string; delayMs?: number; thenGoaway?: true } | { hang: true };

export interface ApnsServerOptions {
  keyId: string;
  teamId: string;
  publicKey: KeyObject;
  topic: string;
  /** Server's idea of now, seconds (the provider's clock may be fake). */
  nowSec: () => number;
  tls?: { key: string; cert: string };
}

export class ApnsTestServer {
  readonly requests: ApnsRequest[] = [];
  readonly problems: string[] = [];
  sessions = 0;
  /** Most streams that were open at the same time. */
  maxInflight = 0;
  private inflight = 0;
  answer: (r: ApnsRequest) => ApnsAnswer = () => ({ status: 200 });
  private readonly open = new Set<Http2Session>();
  private server!: Http2Server;
  url = '';

  constructor(private readonly opts: ApnsServerOptions) {}

  async start(): Promise<this> {
    this.server = this.opts.tls ? createSecureServer({ ...this.opts.tls, allowHTTP1: false }) : createServer();
    this.server.on('session', (s) => {
      this.sessions++;
      this.open.add(s);
      s.on('close', () => this.open.delete(s));
      s.on('error', () => undefined);
    });
    this.server.on('stream', (stream, headers) => this.onStream(stream, headers));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    const port = (this.server.address() as AddressInfo).port;
    this.url = `${this.opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
    return this;
  }

  /** Sessions not yet closed. */
  openSessions(): number {
    return this.open.size;
  }

  violations(): string[] {
    return this.problems;
  }

  /** Ends every open session with GOAWAY, as Apple does on idle or maintenance. */
  goawayAll(): void {
    for (const s of this.open) s.close();
  }

  async stop(): Promise<void> {
    for (const s of this.open) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private onStream(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void {
    stream.on('error', () => undefined);
    this.maxInflight = Math.max(this.maxInflight, ++this.inflight);
    stream.on('close', () => this.inflight--);
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const problems: string[] = [];
      const req = this.check(headers, body, problems);
      if (problems.length || !req) {
        this.problems.push(...problems);
        return reply(stream, 400, { reason: `TestServer: ${problems.join('; ')}` });
      }
      this.requests.push(req);
      const a = this.answer(req);
      if ('hang' in a) return;
      const send = () => {
        reply(stream, a.status, a.reason ? { reason: a.reason } : undefined);
        if (a.thenGoaway) stream.session?.close();
      };
      if (a.delayMs) setTimeout(send, a.delayMs);
      else send();
    });
  }

  private check(h: IncomingHttpHeaders, body: string, p: string[]): ApnsRequest | undefined {
    if (h[':method'] !== 'POST') p.push(`method ${h[':method']}`);
    const m = /^\/3\/device\/([0-9a-fA-F]+)$/.exec(String(h[':path']));
    if (!m) p.push(`path ${h[':path']}`);
    if (h['apns-topic'] !== this.opts.topic) p.push(`apns-topic ${h['apns-topic']}`);
    if (h['apns-push-type'] !== 'alert') p.push(`apns-push-type ${h['apns-push-type']}`);
    if (h['apns-priority'] !== '10' && h['apns-priority'] !== '5') p.push(`apns-priority ${h['apns-priority']}`);
    const exp = h['apns-expiration'];
    if (exp !== undefined && !/^\d+$/.test(String(exp))) p.push(`apns-expiration ${exp}`);
    const collapse = h['apns-collapse-id'];
    if (collapse !== undefined && Buffer.byteLength(String(collapse)) > 64) p.push('apns-collapse-id over 64 bytes');
    if (!String(h['content-type']).startsWith('application/json')) p.push(`content-type ${h['content-type']}`);
    if (Buffer.byteLength(body) > 4096) p.push('payload over 4096 bytes');
    const auth = String(h.authorization ?? '');
    const jwt = auth.startsWith('bearer ') ? auth.slice(7) : '';
    let iat = 0;
    try {
      const d = decodeJwt(jwt);
      if (d.header.alg !== 'ES256') p.push(`jwt alg ${String(d.header.alg)}`);
      if (d.header.kid !== this.opts.keyId) p.push(`jwt kid ${String(d.header.kid)}`);
      if (d.claims.iss !== this.opts.teamId) p.push(`jwt iss ${String(d.claims.iss)}`);
      iat = Number(d.claims.iat);
      if (!Number.isInteger(iat) || this.opts.nowSec() - iat >= 3600 || iat > this.opts.nowSec() + 60) p.push(`jwt iat ${iat} (now ${this.opts.nowSec()})`);
      if (d.signature.length !== 64) p.push(`jwt signature is ${d.signature.length} bytes, want 64 (r||s)`);
      else if (!verify('sha256', Buffer.from(d.signingInput), { key: this.opts.publicKey, dsaEncoding: 'ieee-p1363' }, d.signature)) p.push('jwt signature does not verify');
    } catch (e) {
      p.push(`authorization: ${(e as Error).message}`);
    }
    let payload: Record<string, unknown> = {};
    try {
      payload = JSON.parse(body) as Record<string, unknown>;
      const aps = payload.aps as { alert?: { body?: unknown } } | undefined;
      if (typeof aps?.alert?.body !== 'string') p.push('aps.alert.body missing');
    } catch {
      p.push('payload is not JSON');
    }
    if (!m) return undefined;
    return { token: m[1]!, headers: h, payload, jwt, iat };
  }
}

function reply(stream: ServerHttp2Stream, status: number, body?: object): void {
  if (stream.destroyed) return;
  stream.respond({ ':status': status, 'apns-id': '00000000-0000-0000-0000-000000000000', ...(body ? { 'content-type': 'application/json' } : {}) });
  stream.end(body ? JSON.stringify(body) : undefined);
}
