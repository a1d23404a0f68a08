// One long-lived HTTP/2 session to one origin (the push services want connection reuse, not a
// connection per push), reopened on demand after GOAWAY, close or error. At most maxStreams
// requests are in flight; up to maxQueued more wait in order; beyond that a request is refused at
// once. Timeouts run on the injected clock. `http://` origins speak cleartext h2c (local tests).
import { connect, constants, type ClientHttp2Session, type OutgoingHttpHeaders } from 'node:http2';
import type { Clock } from '../lib/clock.js';

/** Push service answers are small JSON errors; anything bigger is cut off. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

export type EndpointLimit = 'streams-queue-full' | 'timeout';

export interface Http2EndpointOptions {
  clock: Clock;
  timeoutMs: number;
  maxStreams: number;
  maxQueued: number;
  /** Extra trusted CA certificates (PEM), for a private endpoint. */
  ca?: string;
  /** Called when a limit is hit, for the metric. */
  onLimit?: (limit: EndpointLimit) => void;
}

export interface Http2Reply {
  status: number;
  body: string;
}

export type Http2Outcome = { ok: true; reply: Http2Reply } | { ok: false; detail: string };

export class Http2Endpoint {
  private session: ClientHttp2Session | undefined;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private closed = false;

  constructor(
    readonly origin: string,
    private readonly opts: Http2EndpointOptions,
  ) {
    const url = new URL(origin);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`push endpoint must be http(s)://host[:port], got ${origin}`);
    if (url.pathname !== '/' || url.search) throw new Error(`push endpoint must be an origin without a path, got ${origin}`);
  }

  async request(headers: OutgoingHttpHeaders, body: string): Promise<Http2Outcome> {
    if (this.closed) return { ok: false, detail: 'endpoint closed' };
    if (this.active >= this.opts.maxStreams) {
      if (this.waiting.length >= this.opts.maxQueued) {
        this.opts.onLimit?.('streams-queue-full');
        return { ok: false, detail: `more than ${this.opts.maxStreams} requests in flight and ${this.opts.maxQueued} queued` };
      }
      // The finishing request hands its slot over, so `active` never exceeds maxStreams.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      if (this.closed) return { ok: false, detail: 'endpoint closed' };
    } else {
      this.active++;
    }
    try {
      return await this.once(headers, body, true);
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  /** Refuses new requests and waits for those in flight (each bounded by the timeout). */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w();
    const s = this.session;
    this.session = undefined;
    if (s && !s.destroyed) await new Promise<void>((resolve) => s.close(resolve));
  }

  private current(): ClientHttp2Session {
    const s = this.session;
    if (s && !s.closed && !s.destroyed) return s;
    const fresh = connect(this.origin, this.opts.ca ? { ca: this.opts.ca } : {});
    const forget = () => {
      if (this.session === fresh) this.session = undefined;
    };
    // After GOAWAY the session finishes its streams but takes no new ones: the next request opens
    // a new session. Errors surface on the streams; the listener keeps them from being unhandled.
    fresh.on('goaway', forget);
    fresh.on('close', forget);
    fresh.on('error', forget);
    this.session = fresh;
    return fresh;
  }

  private once(headers: OutgoingHttpHeaders, body: string, mayRetry: boolean): Promise<Http2Outcome> {
    // A retry racing close() must not open a session nobody will close.
    if (this.closed) return Promise.resolve({ ok: false, detail: 'endpoint closed' });
    return new Promise((resolve) => {
      let settled = false;
      const finish = (o: Http2Outcome) => {
        if (settled) return;
        settled = true;
        timer.cancel();
        resolve(o);
      };
      const timer = this.opts.clock.setTimer(this.opts.timeoutMs, () => {
        this.opts.onLimit?.('timeout');
        stream?.close(constants.NGHTTP2_CANCEL);
        finish({ ok: false, detail: `no answer within ${this.opts.timeoutMs} ms` });
      });
      let stream: ReturnType<ClientHttp2Session['request']> | undefined;
      try {
        stream = this.current().request(headers);
      } catch (e) {
        // The session went away between the check and the request (GOAWAY race): one retry on a
        // fresh session.
        this.session = undefined;
        timer.cancel();
        settled = true;
        if (mayRetry) void this.once(headers, body, false).then(resolve);
        else resolve({ ok: false, detail: `cannot open stream: ${(e as Error).message}` });
        return;
      }
      let status = 0;
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('response', (h) => (status = Number(h[':status'])));
      stream.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_RESPONSE_BYTES) chunks.push(c);
      });
      // A session torn down mid-request can end the stream without response headers.
      const done = () => {
        if (status !== 0) return finish({ ok: true, reply: { status, body: Buffer.concat(chunks).toString('utf8') } });
        // A stream refused by a server that is going away was never processed: safe to resend.
        if (stream?.rstCode === constants.NGHTTP2_REFUSED_STREAM && mayRetry && !settled) {
          settled = true;
          timer.cancel();
          if (this.session === stream.session) this.session = undefined;
          void this.once(headers, body, false).then(resolve);
          return;
        }
        finish({ ok: false, detail: `stream closed without an answer (code ${stream?.rstCode ?? '?'})` });
      };
      stream.on('end', done);
      stream.on('close', done);
      stream.on('error', (e) => finish({ ok: false, detail: `stream error: ${e.message}` }));
      stream.end(body);
    });
  }
}
