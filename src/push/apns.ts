// APNs provider over HTTP/2 with token-based auth (see PushProvider). The ES256 provider token
// (kid = key id, iss = team id, iat) is cached and re-minted after APNS_TOKEN_REFRESH_MS: Apple
// rejects tokens older than an hour and also refreshes more often than every 20 minutes
// (TooManyProviderTokenUpdates). One HTTP/2 session per endpoint (production / sandbox).
import type { Clock } from '../lib/clock.js';
import type { Metrics } from '../metrics/metrics.js';
import { APNS_MAX_COLLAPSE_ID_BYTES, APNS_MAX_PAYLOAD_BYTES, STALE_TOKEN_REASONS, apnsHeaders, apnsPayload, apnsReason, apnsResult, isApnsDeviceToken } from './apns-wire.js';
import { Http2Endpoint } from './http2-endpoint.js';
import { loadSigningKey, signJwt } from './jwt.js';
import type { PushNotification, PushProvider, PushResult, PushTarget } from './push-provider.js';
import { pushFailure } from './push-provider.js';

export const APNS_PRODUCTION_ENDPOINT = 'https://api.push.apple.com';
export const APNS_SANDBOX_ENDPOINT = 'https://api.sandbox.push.apple.com';
/** Provider tokens are valid for an hour; re-mint well before. */
export const APNS_TOKEN_REFRESH_MS = 50 * 60_000;
/** Concurrent streams per session; Apple's servers advertise more, this bounds our memory. */
export const APNS_MAX_STREAMS = 100;
/** Sends waiting for a stream; beyond this a send is refused as unavailable. */
export const APNS_MAX_QUEUED = 10_000;
export const APNS_DEFAULT_TIMEOUT_MS = 10_000;

export interface ApnsConfig {
  keyId: string;
  teamId: string;
  /** Contents of the .p8 file (PKCS#8 PEM, P-256). */
  privateKeyPem: string;
  endpoint?: string;
  sandboxEndpoint?: string;
  timeoutMs?: number;
  /** Extra trusted CA (PEM) for a private endpoint. */
  ca?: string;
}

export interface ApnsDeps {
  clock: Clock;
  metrics: Metrics;
}

export class ApnsProvider implements PushProvider {
  private readonly key;
  private readonly production: Http2Endpoint;
  private readonly sandbox: Http2Endpoint;
  private token: { jwt: string; mintedMs: number } | undefined;

  constructor(
    private readonly cfg: ApnsConfig,
    private readonly deps: ApnsDeps,
  ) {
    if (!cfg.keyId) throw new Error('APNs keyId is required');
    if (!cfg.teamId) throw new Error('APNs teamId is required');
    this.key = loadSigningKey(cfg.privateKeyPem, 'ES256', 'APNs private key');
    const opts = {
      clock: deps.clock,
      timeoutMs: cfg.timeoutMs ?? APNS_DEFAULT_TIMEOUT_MS,
      maxStreams: APNS_MAX_STREAMS,
      maxQueued: APNS_MAX_QUEUED,
      ...(cfg.ca ? { ca: cfg.ca } : {}),
      onLimit: (limit: string) => deps.metrics.pushLimitHits.inc({ provider: 'apns', limit }),
    };
    this.production = new Http2Endpoint(cfg.endpoint ?? APNS_PRODUCTION_ENDPOINT, opts);
    this.sandbox = new Http2Endpoint(cfg.sandboxEndpoint ?? APNS_SANDBOX_ENDPOINT, opts);
  }

  async send(target: PushTarget, n: PushNotification): Promise<PushResult> {
    if (target.platform !== 'apns') throw new Error(`APNs provider got a ${target.platform} target`);
    const result = await this.attempt(target, n);
    this.deps.metrics.pushSends.inc({ provider: 'apns', result: result.ok ? 'ok' : result.reason });
    return result;
  }

  async close(): Promise<void> {
    await Promise.all([this.production.close(), this.sandbox.close()]);
  }

  private async attempt(target: PushTarget & { platform: 'apns' }, n: PushNotification): Promise<PushResult> {
    if (!isApnsDeviceToken(target.token)) return pushFailure('invalid-token', false, 'device token is not hex');
    if (!target.topic) return pushFailure('bad-request', false, 'APNs target has no topic (bundle id)');
    if (n.collapseId !== undefined && Buffer.byteLength(n.collapseId) > APNS_MAX_COLLAPSE_ID_BYTES) {
      return pushFailure('bad-request', false, `collapse id longer than ${APNS_MAX_COLLAPSE_ID_BYTES} bytes`);
    }
    const payload = apnsPayload(n);
    const bytes = Buffer.byteLength(payload);
    if (bytes > APNS_MAX_PAYLOAD_BYTES) {
      this.deps.metrics.pushLimitHits.inc({ provider: 'apns', limit: 'payload-size' });
      return pushFailure('payload-too-large', false, `payload is ${bytes} bytes, APNs allows ${APNS_MAX_PAYLOAD_BYTES}`);
    }
    const endpoint = target.sandbox ? this.sandbox : this.production;
    for (let fresh = false; ; fresh = true) {
      const jwt = this.providerToken(fresh);
      const nowSec = Math.floor(this.deps.clock.nowMs() / 1000);
      const out = await endpoint.request(apnsHeaders(target.token, target.topic, jwt, n, nowSec, bytes), payload);
      if (!out.ok) return pushFailure('unavailable', true, out.detail);
      const reason = apnsReason(out.reply.body);
      // A token Apple considers expired (e.g. clock skew) is re-minted once; any other 403 is
      // a configuration problem a retry cannot fix.
      if (out.reply.status === 403 && STALE_TOKEN_REASONS.has(reason) && !fresh) {
        this.token = undefined;
        continue;
      }
      return apnsResult(out.reply.status, reason);
    }
  }

  private providerToken(forceNew: boolean): string {
    const now = this.deps.clock.nowMs();
    const t = this.token;
    if (t && !forceNew && now - t.mintedMs < APNS_TOKEN_REFRESH_MS) return t.jwt;
    const jwt = signJwt('ES256', { kid: this.cfg.keyId }, { iss: this.cfg.teamId, iat: Math.floor(now / 1000) }, this.key);
    this.token = { jwt, mintedMs: now };
    this.deps.metrics.pushAuthTokens.inc({ provider: 'apns', result: 'minted' });
    return jwt;
  }
}
