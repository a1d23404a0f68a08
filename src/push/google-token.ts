// OAuth2 access tokens for a Google service account (the JWT-bearer grant): an RS256 assertion
// (iss = client_email, scope, aud = token_uri, iat, exp) POSTed to token_uri. The token is cached
// until GOOGLE_TOKEN_MARGIN_MS before it expires; concurrent callers share one fetch.
import type { KeyObject } from 'node:crypto';
import type { Clock } from '../lib/clock.js';
import type { Http2Endpoint } from './http2-endpoint.js';
import { signJwt } from './jwt.js';

export const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Lifetime asked for in the assertion; Google's maximum. */
export const GOOGLE_ASSERTION_TTL_SEC = 3600;
/** A cached token is replaced this long before it expires, so no send carries a dying token. */
export const GOOGLE_TOKEN_MARGIN_MS = 5 * 60_000;

export type TokenOutcome = { ok: true; token: string } | { ok: false; retryable: boolean; detail: string };

export interface ServiceAccountAuth {
  clientEmail: string;
  privateKeyId?: string;
  key: KeyObject;
  tokenUri: string;
}

export class GoogleTokenSource {
  private cached: { token: string; expiresMs: number } | undefined;
  private inflight: Promise<TokenOutcome> | undefined;
  private readonly path: string;

  constructor(
    private readonly auth: ServiceAccountAuth,
    private readonly endpoint: Http2Endpoint,
    private readonly clock: Clock,
    private readonly onFetch: (result: 'fetched' | 'failed') => void,
  ) {
    const u = new URL(auth.tokenUri);
    this.path = u.pathname + u.search;
  }

  /** A valid access token, fetched when none is cached or `refresh` is set. */
  get(refresh = false): Promise<TokenOutcome> {
    if (refresh) this.cached = undefined;
    const c = this.cached;
    if (c && this.clock.nowMs() < c.expiresMs - GOOGLE_TOKEN_MARGIN_MS) return Promise.resolve({ ok: true, token: c.token });
    this.inflight ??= this.fetch().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  private async fetch(): Promise<TokenOutcome> {
    const out = await this.request();
    this.onFetch(out.ok ? 'fetched' : 'failed');
    return out;
  }

  private async request(): Promise<TokenOutcome> {
    const iat = Math.floor(this.clock.nowMs() / 1000);
    const header: Record<string, string> = this.auth.privateKeyId ? { kid: this.auth.privateKeyId } : {};
    const claims = { iss: this.auth.clientEmail, scope: FCM_SCOPE, aud: this.auth.tokenUri, iat, exp: iat + GOOGLE_ASSERTION_TTL_SEC };
    const assertion = signJwt('RS256', header, claims, this.auth.key);
    const body = new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString();
    const out = await this.endpoint.request(
      { ':method': 'POST', ':path': this.path, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) },
      body,
    );
    if (!out.ok) return { ok: false, retryable: true, detail: `token endpoint: ${out.detail}` };
    const { status, body: text } = out.reply;
    let parsed: { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown } = {};
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      // handled below as a malformed answer
    }
    if (status !== 200) {
      const why = [parsed.error, parsed.error_description].filter((x) => typeof x === 'string').join(': ') || text.slice(0, 200);
      return { ok: false, retryable: status >= 500 || status === 429, detail: `token endpoint ${status}: ${why}` };
    }
    if (typeof parsed.access_token !== 'string' || typeof parsed.expires_in !== 'number') {
      return { ok: false, retryable: true, detail: 'token endpoint answered without access_token/expires_in' };
    }
    this.cached = { token: parsed.access_token, expiresMs: this.clock.nowMs() + parsed.expires_in * 1000 };
    return { ok: true, token: parsed.access_token };
  }
}
