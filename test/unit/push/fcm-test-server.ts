// A local Google OAuth token endpoint plus FCM HTTP v1 send endpoint on one node:http2 server
// (h2c). The token endpoint verifies the service-account assertion (RS256 signature with the
// account's public key, iss, scope, aud, iat/exp) and issues access tokens; the send endpoint
// checks the bearer token against the issued, unrevoked ones and the message JSON. Rule breaks
// are answered 400 and recorded in violations().
import { verify, type KeyObject } from 'node:crypto';
import { createServer, type Http2Server, type Http2Session, type IncomingHttpHeaders, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { decodeJwt } from './test-keys.js';

export const TOKEN_PATH = '/token';

export interface FcmRequest {
  token: string;
  accessToken: string;
  message: Record<string, unknown> & {
    notification: { title?: string; body: string; image?: string };
    android: Record<string, unknown> & { notification?: Record<string, unknown> };
    data?: Record<string, string>;
  };
}

export type FcmAnswer = { status: number; error?: { status: string; message?: string; errorCode?: string } } | { hang: true };

export interface FcmServerOptions {
  projectId: string;
  clientEmail: string;
  publicKey: KeyObject;
  nowSec: () => number;
}

export class FcmTestServer {
  readonly sends: FcmRequest[] = [];
  readonly assertions: Array<Record<string, unknown>> = [];
  private readonly problems: string[] = [];
  private readonly valid = new Set<string>();
  private readonly open = new Set<Http2Session>();
  private issued = 0;
  expiresIn = 3600;
  /** Answer for the token endpoint; default issues a token. */
  tokenAnswer: () => { status: number; body?: object } | undefined = () => undefined;
  answer: (r: FcmRequest) => FcmAnswer = () => ({ status: 200 });
  private server!: Http2Server;
  url = '';

  constructor(private readonly opts: FcmServerOptions) {}

  get tokenUri(): string {
    return `${this.url}${TOKEN_PATH}`;
  }

  async start(): Promise<this> {
    this.server = createServer();
    this.server.on('session', (s) => {
      this.open.add(s);
      s.on('close', () => this.open.delete(s));
      s.on('error', () => undefined);
    });
    this.server.on('stream', (stream, headers) => {
      stream.on('error', () => undefined);
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (headers[':path'] === TOKEN_PATH) this.onToken(stream, headers, body);
        else this.onSend(stream, headers, body);
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  violations(): string[] {
    return this.problems;
  }

  /** Access tokens issued so far. */
  tokensIssued(): number {
    return this.issued;
  }

  /** Every issued access token stops working (sends answer 401 until a new one is fetched). */
  revokeAll(): void {
    this.valid.clear();
  }

  async stop(): Promise<void> {
    for (const s of this.open) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private onToken(stream: ServerHttp2Stream, h: IncomingHttpHeaders, body: string): void {
    const p: string[] = [];
    if (h[':method'] !== 'POST') p.push(`token method ${h[':method']}`);
    if (h['content-type'] !== 'application/x-www-form-urlencoded') p.push(`token content-type ${h['content-type']}`);
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') p.push(`grant_type ${form.get('grant_type')}`);
    try {
      const d = decodeJwt(form.get('assertion') ?? '');
      this.assertions.push(d.claims);
      if (d.header.alg !== 'RS256') p.push(`assertion alg ${String(d.header.alg)}`);
      if (!verify('sha256', Buffer.from(d.signingInput), this.opts.publicKey, d.signature)) p.push('assertion signature does not verify');
      const c = d.claims;
      if (c.iss !== this.opts.clientEmail) p.push(`assertion iss ${String(c.iss)}`);
      if (c.scope !== 'https://www.googleapis.com/auth/firebase.messaging') p.push(`assertion scope ${String(c.scope)}`);
      if (c.aud !== this.tokenUri) p.push(`assertion aud ${String(c.aud)}`);
      const iat = Number(c.iat);
      const exp = Number(c.exp);
      if (Math.abs(iat - this.opts.nowSec()) > 60) p.push(`assertion iat ${iat} (now ${this.opts.nowSec()})`);
      if (!(exp > iat && exp - iat <= 3600)) p.push(`assertion exp ${exp} iat ${iat}`);
    } catch (e) {
      p.push(`assertion: ${(e as Error).message}`);
    }
    if (p.length) {
      this.problems.push(...p);
      return json(stream, 400, { error: 'invalid_grant', error_description: p.join('; ') });
    }
    const forced = this.tokenAnswer();
    if (forced) return json(stream, forced.status, forced.body ?? {});
    const token = `ya29.test-${++this.issued}`;
    this.valid.add(token);
    json(stream, 200, { access_token: token, expires_in: this.expiresIn, token_type: 'Bearer' });
  }

  private onSend(stream: ServerHttp2Stream, h: IncomingHttpHeaders, body: string): void {
    const p: string[] = [];
    if (h[':method'] !== 'POST') p.push(`send method ${h[':method']}`);
    if (h[':path'] !== `/v1/projects/${this.opts.projectId}/messages:send`) p.push(`send path ${h[':path']}`);
    if (!String(h['content-type']).startsWith('application/json')) p.push(`send content-type ${h['content-type']}`);
    const auth = String(h.authorization ?? '');
    const accessToken = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    let req: FcmRequest | undefined;
    try {
      const m = (JSON.parse(body) as { message?: FcmRequest['message'] & { token?: unknown } }).message;
      if (!m || typeof m.token !== 'string') throw new Error('message.token missing');
      if (typeof m.notification?.body !== 'string') p.push('message.notification.body missing');
      if (m.android?.priority !== 'HIGH' && m.android?.priority !== 'NORMAL') p.push(`android.priority ${String(m.android?.priority)}`);
      if (m.android?.ttl !== undefined && !/^\d+(\.\d+)?s$/.test(String(m.android.ttl))) p.push(`android.ttl ${String(m.android.ttl)}`);
      for (const [k, v] of Object.entries(m.data ?? {})) if (typeof v !== 'string') p.push(`data.${k} is not a string`);
      const known = new Set(['token', 'notification', 'android', 'data']);
      for (const k of Object.keys(m)) if (!known.has(k)) p.push(`unexpected message.${k}`);
      req = { token: m.token, accessToken, message: m };
    } catch (e) {
      p.push(`send body: ${(e as Error).message}`);
    }
    if (p.length || !req) {
      this.problems.push(...p);
      return json(stream, 400, { error: { code: 400, status: 'INVALID_ARGUMENT', message: `TestServer: ${p.join('; ')}` } });
    }
    if (!this.valid.has(accessToken)) {
      return json(stream, 401, { error: { code: 401, status: 'UNAUTHENTICATED', message: 'Request had invalid authentication credentials.' } });
    }
    this.sends.push(req);
    const a = this.answer(req);
    if ('hang' in a) return;
    if (a.status === 200) return json(stream, 200, { name: `projects/${this.opts.projectId}/messages/${this.sends.length}` });
    const e = a.error ?? { status: 'INTERNAL' };
    json(stream, a.status, {
      error: {
        code: a.status,
        status: e.status,
        message: e.message ?? '',
        ...(e.errorCode ? { details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: e.errorCode }] } : {}),
      },
    });
  }
}

function json(stream: ServerHttp2Stream, status: number, body: object): void {
  if (stream.destroyed) return;
  stream.respond({ ':status': status, 'content-type': 'application/json; charset=UTF-8' });
  stream.end(JSON.stringify(body));
}
