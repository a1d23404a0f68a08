// In-process webhooks (see webhooks.ts): the same per-app config, request building, timeouts and
// after-queue as http.ts, but each call is recorded in `calls` and answered by a settable handler
// instead of an HTTP server. Apps still need a webhook config to be called (the URL is only
// recorded, never contacted). Handler results: an object = answered (round-tripped through JSON
// like a real answer), a string = the raw answer text (so "not JSON" can be simulated), a throw =
// failure, no settlement within the app's timeoutMs (on the injected clock) = timeout.
import { createWebhooks, type WebhookDeps } from './app-webhooks.js';
import type { CallbackCommand } from './commands.js';
import { parseAnswer, type SendOutcome, type WebhookRequest } from './request.js';
import type { BeforeResult, CallbackMeta, Webhooks } from './webhooks.js';

export interface MemoryWebhookCall {
  sdkAppId: number;
  command: string;
  /** The request's query parameters (SdkAppid, CallbackCommand, contenttype, ClientIP, ...). */
  query: Record<string, string>;
  body: Record<string, unknown>;
  url: string;
}

export type MemoryWebhookHandler = (call: MemoryWebhookCall) => unknown;

export const OK_ANSWER = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' } as const;

export class MemoryWebhooks implements Webhooks {
  /** Every call made, in order, before it is answered. */
  readonly calls: MemoryWebhookCall[] = [];
  private handler: MemoryWebhookHandler = () => OK_ANSWER;
  private readonly inner: Webhooks;

  constructor(private readonly deps: WebhookDeps) {
    this.inner = createWebhooks(deps, { send: (req) => this.deliver(req) });
  }

  /** How the "app backend" answers from now on (default: OK_ANSWER). */
  setHandler(handler: MemoryWebhookHandler): void {
    this.handler = handler;
  }

  wants(sdkAppId: number, command: CallbackCommand): boolean {
    return this.inner.wants(sdkAppId, command);
  }

  before(sdkAppId: number, command: CallbackCommand, body: Record<string, unknown>, meta?: CallbackMeta): Promise<BeforeResult> {
    return this.inner.before(sdkAppId, command, body, meta);
  }

  after(sdkAppId: number, command: CallbackCommand, body: Record<string, unknown>, meta?: CallbackMeta): void {
    this.inner.after(sdkAppId, command, body, meta);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async deliver(req: WebhookRequest): Promise<SendOutcome> {
    const url = new URL(req.url);
    const query = Object.fromEntries(url.searchParams);
    const call: MemoryWebhookCall = {
      sdkAppId: Number(query.SdkAppid),
      command: query.CallbackCommand ?? '',
      query,
      body: JSON.parse(req.body) as Record<string, unknown>,
      url: req.url,
    };
    this.calls.push(call);
    let timer: { cancel(): void } | undefined;
    const timeout = new Promise<SendOutcome>((resolve) => {
      timer = this.deps.clock.setTimer(req.timeoutMs, () => resolve({ ok: false, timeout: true, reason: `no answer within ${req.timeoutMs} ms` }));
    });
    const answer = (async (): Promise<SendOutcome> => {
      try {
        const result: unknown = await this.handler(call);
        if (typeof result === 'string') return parseAnswer(result);
        if (result === undefined) return { ok: false, timeout: false, reason: 'empty answer' };
        return parseAnswer(JSON.stringify(result));
      } catch (e) {
        return { ok: false, timeout: false, reason: e instanceof Error ? e.message : String(e) };
      }
    })();
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      timer?.cancel();
    }
  }
}
