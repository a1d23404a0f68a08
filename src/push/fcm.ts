// FCM HTTP v1 provider (see PushProvider): OAuth2 access token from the service account (see
// google-token.ts), then POST /v1/projects/{project_id}/messages:send over one HTTP/2 session.
// A 401/403 may mean the cached access token was revoked early: the token is fetched again and
// the send retried once before reporting 'auth'.
import type { Clock } from '../lib/clock.js';
import type { Metrics } from '../metrics/metrics.js';
import { FCM_MAX_PAYLOAD_BYTES, fcmError, fcmMessage, fcmPayloadBytes, fcmResult, isAuthFailure, isFcmToken } from './fcm-wire.js';
import { GoogleTokenSource } from './google-token.js';
import { Http2Endpoint, type Http2EndpointOptions } from './http2-endpoint.js';
import { loadSigningKey } from './jwt.js';
import type { PushNotification, PushProvider, PushResult, PushTarget } from './push-provider.js';
import { pushFailure } from './push-provider.js';

export const FCM_ENDPOINT = 'https://fcm.googleapis.com';
export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';
export const FCM_MAX_STREAMS = 100;
export const FCM_MAX_QUEUED = 10_000;
export const FCM_DEFAULT_TIMEOUT_MS = 10_000;

/** The fields used from a Firebase service-account JSON file (snake_case as Google writes it). */
export interface ServiceAccount {
  project_id: string;
  client_email: string;
  private_key: string;
  private_key_id?: string;
  token_uri?: string;
}

export interface FcmConfig {
  serviceAccount: ServiceAccount;
  /** FCM base URL (origin); default FCM_ENDPOINT. */
  endpoint?: string;
  /** Overrides the service account's token_uri. */
  tokenUri?: string;
  timeoutMs?: number;
  ca?: string;
}

export interface FcmDeps {
  clock: Clock;
  metrics: Metrics;
}

/** Parses a service-account JSON text, naming the missing field. */
export function parseServiceAccount(json: string): ServiceAccount {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new Error(`FCM service account is not JSON: ${(e as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null) throw new Error('FCM service account must be a JSON object');
  const o = raw as Record<string, unknown>;
  for (const k of ['project_id', 'client_email', 'private_key']) {
    if (typeof o[k] !== 'string' || !o[k]) throw new Error(`FCM service account: ${k} is missing`);
  }
  return o as unknown as ServiceAccount;
}

export class FcmProvider implements PushProvider {
  private readonly fcm: Http2Endpoint;
  private readonly tokenEndpoint: Http2Endpoint;
  private readonly tokens: GoogleTokenSource;
  private readonly sendPath: string;

  constructor(
    cfg: FcmConfig,
    private readonly deps: FcmDeps,
  ) {
    const sa = cfg.serviceAccount;
    if (!sa.project_id || !sa.client_email) throw new Error('FCM service account needs project_id and client_email');
    const key = loadSigningKey(sa.private_key, 'RS256', 'FCM service account private_key');
    const tokenUri = cfg.tokenUri ?? sa.token_uri ?? GOOGLE_TOKEN_URI;
    const opts: Http2EndpointOptions = {
      clock: deps.clock,
      timeoutMs: cfg.timeoutMs ?? FCM_DEFAULT_TIMEOUT_MS,
      maxStreams: FCM_MAX_STREAMS,
      maxQueued: FCM_MAX_QUEUED,
      ...(cfg.ca ? { ca: cfg.ca } : {}),
      onLimit: (limit) => deps.metrics.pushLimitHits.inc({ provider: 'fcm', limit }),
    };
    this.fcm = new Http2Endpoint(cfg.endpoint ?? FCM_ENDPOINT, opts);
    this.tokenEndpoint = new Http2Endpoint(new URL(tokenUri).origin, opts);
    const auth = { clientEmail: sa.client_email, key, tokenUri, ...(sa.private_key_id ? { privateKeyId: sa.private_key_id } : {}) };
    this.tokens = new GoogleTokenSource(auth, this.tokenEndpoint, deps.clock, (result) => deps.metrics.pushAuthTokens.inc({ provider: 'fcm', result }));
    this.sendPath = `/v1/projects/${encodeURIComponent(sa.project_id)}/messages:send`;
  }

  async send(target: PushTarget, n: PushNotification): Promise<PushResult> {
    if (target.platform !== 'fcm') throw new Error(`FCM provider got a ${target.platform} target`);
    const result = await this.attempt(target.token, n);
    this.deps.metrics.pushSends.inc({ provider: 'fcm', result: result.ok ? 'ok' : result.reason });
    return result;
  }

  async close(): Promise<void> {
    await Promise.all([this.fcm.close(), this.tokenEndpoint.close()]);
  }

  private async attempt(token: string, n: PushNotification): Promise<PushResult> {
    if (!isFcmToken(token)) return pushFailure('invalid-token', false, 'registration token is empty or has invalid characters');
    const message = fcmMessage(token, n);
    const bytes = fcmPayloadBytes(message);
    if (bytes > FCM_MAX_PAYLOAD_BYTES) {
      this.deps.metrics.pushLimitHits.inc({ provider: 'fcm', limit: 'payload-size' });
      return pushFailure('payload-too-large', false, `payload is ${bytes} bytes, FCM allows ${FCM_MAX_PAYLOAD_BYTES}`);
    }
    const body = JSON.stringify(message);
    for (let refreshed = false; ; refreshed = true) {
      const access = await this.tokens.get(refreshed);
      if (!access.ok) return pushFailure(access.retryable ? 'unavailable' : 'auth', access.retryable, access.detail);
      const out = await this.fcm.request(
        {
          ':method': 'POST',
          ':path': this.sendPath,
          authorization: `Bearer ${access.token}`,
          'content-type': 'application/json; charset=utf-8',
          'content-length': String(Buffer.byteLength(body)),
        },
        body,
      );
      if (!out.ok) return pushFailure('unavailable', true, out.detail);
      const error = fcmError(out.reply.body);
      // SENDER_ID_MISMATCH is a 403 about the token's project, not about our credentials.
      if (isAuthFailure(out.reply.status) && !refreshed && error.code !== 'SENDER_ID_MISMATCH') continue;
      return fcmResult(out.reply.status, error);
    }
  }
}
