// Webhooks over any transport, configured per app (see webhooks.ts for the contract). An app
// without webhook config, or a command outside its `commands` filter, is skipped: before() says
// {kind:'skipped'}, after() does nothing. Before-calls wait for the answer (bounded by the app's
// timeout); after-calls go through the bounded AfterQueue. Both are counted in webhookCalls.
import type { AppDirectory } from '../apps/app-directory.js';
import type { Limits, WebhookConfig } from '../config/config.js';
import { nowSeconds, type Clock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { CallbackCommand } from './commands.js';
import { AfterQueue } from './queue.js';
import { buildWebhookRequest, type SendOutcome, type WebhookRequest, type WebhookTransport } from './request.js';
import type { BeforeResult, CallbackMeta, Webhooks } from './webhooks.js';

export interface WebhookDeps {
  apps: AppDirectory;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  limits: Limits;
}

const resultLabel = (o: SendOutcome): string => (o.ok ? 'answered' : o.timeout ? 'timeout' : 'failed');

export function createWebhooks(deps: WebhookDeps, transport: WebhookTransport): Webhooks {
  const { apps, clock, log, metrics } = deps;
  const queue = new AfterQueue(deps.limits.webhookQueue, metrics, log);

  const configFor = (sdkAppId: number, command: string): WebhookConfig | undefined => {
    const cfg = apps.get(sdkAppId)?.webhook;
    if (!cfg) return undefined;
    if (cfg.commands && !cfg.commands.includes(command)) return undefined;
    return cfg;
  };

  /** undefined when the configured URL is malformed (logged: it is a deployment error). */
  const build = (cfg: WebhookConfig, sdkAppId: number, command: string, body: Record<string, unknown>, meta?: CallbackMeta): WebhookRequest | undefined => {
    try {
      return buildWebhookRequest(cfg, sdkAppId, command, body, meta, nowSeconds(clock));
    } catch (e) {
      log.error('webhook request could not be built', { sdkAppId, command, err: e });
      return undefined;
    }
  };

  const send = async (kind: 'before' | 'after', req: WebhookRequest): Promise<SendOutcome> => {
    let outcome: SendOutcome;
    try {
      outcome = await transport.send(req);
    } catch (e) {
      outcome = { ok: false, timeout: false, reason: e instanceof Error ? e.message : String(e) };
    }
    metrics.webhookCalls.inc({ kind, result: resultLabel(outcome) });
    return outcome;
  };

  return {
    wants: (sdkAppId: number, command: CallbackCommand): boolean => configFor(sdkAppId, command) !== undefined,
    async before(sdkAppId: number, command: CallbackCommand, body: Record<string, unknown>, meta?: CallbackMeta): Promise<BeforeResult> {
      const cfg = configFor(sdkAppId, command);
      if (!cfg) return { kind: 'skipped' };
      const req = build(cfg, sdkAppId, command, body, meta);
      if (!req) return { kind: 'failed', failOpen: cfg.failOpen, reason: 'invalid webhook URL' };
      const outcome = await send('before', req);
      if (outcome.ok) return { kind: 'answered', body: outcome.body };
      log.warn('before-callback failed', { sdkAppId, command, reason: outcome.reason, failOpen: cfg.failOpen });
      return { kind: 'failed', failOpen: cfg.failOpen, reason: outcome.reason };
    },

    after(sdkAppId: number, command: CallbackCommand, body: Record<string, unknown>, meta?: CallbackMeta): void {
      const cfg = configFor(sdkAppId, command);
      if (!cfg) return;
      const req = build(cfg, sdkAppId, command, body, meta);
      if (!req) return;
      queue.push(async () => {
        const outcome = await send('after', req);
        if (!outcome.ok) log.debug('after-callback failed', { sdkAppId, command, reason: outcome.reason });
      });
    },

    close: () => queue.close(),
  };
}
