// The Webhooks port contract (src/webhooks/webhooks.ts, spec §5), run against every
// implementation: memory (answers from an in-process handler) and http (a real local HTTP server).
// A harness plays the app backend: it records what arrived and answers as the test says.
// Sign is recomputed here from the spec's formula, independently of src/webhooks/request.ts.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDirectory } from '../../src/apps/app-directory.js';
import { DEFAULT_LIMITS, type AppConfig, type Limits, type WebhookConfig } from '../../src/config/config.js';
import { systemClock } from '../../src/lib/clock.js';
import { createLogger } from '../../src/lib/log.js';
import { createMetrics, type Metrics } from '../../src/metrics/metrics.js';
import { Callback } from '../../src/webhooks/commands.js';
import type { WebhookDeps } from '../../src/webhooks/app-webhooks.js';
import { AFTER_CONCURRENCY } from '../../src/webhooks/queue.js';
import type { Webhooks } from '../../src/webhooks/webhooks.js';

/** How the app backend answers one call. */
export type Answer =
  | { kind: 'json'; body: unknown }
  | { kind: 'status'; status: number }
  /** HTTP 200 with this raw text (e.g. not JSON). */
  | { kind: 'text'; text: string }
  /** Never answers. */
  | { kind: 'hang' }
  /** Answers `then` once `until` resolves. */
  | { kind: 'gated'; until: Promise<void>; then: Answer };

export interface ReceivedCall {
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
}

export interface WebhookHarness {
  webhooks: Webhooks;
  /** Calls that reached the app backend, in arrival order. */
  received(): ReceivedCall[];
  answer(fn: (call: ReceivedCall) => Answer): void;
  dispose(): Promise<void>;
}

/** Starts the backend, then builds the webhooks for the apps `apps(url)` returns. */
export type HarnessFactory = (apps: (url: string) => AppConfig[], deps: Omit<WebhookDeps, 'apps'>) => Promise<WebhookHarness>;

const APP = 1400000101;
const NO_HOOK_APP = 1400000102;
const FILTERED_APP = 1400000103;
const CLOSED_APP = 1400000104;
const TOKEN = 'xxxyyy';
const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };

const sha256hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

function app(sdkAppId: number, webhook?: WebhookConfig): AppConfig {
  return { sdkAppId, secretKey: 'k', admins: ['administrator'], name: `a${sdkAppId}`, loginPolicy: 'multi', restRatePerSec: 200, ...(webhook ? { webhook } : {}) };
}

function gate(): { open(): void; promise: Promise<void> } {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { open, promise };
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!cond()) throw new Error(`never happened: ${what}`);
}

async function counter(metrics: Metrics, name: string, labels: Record<string, string> = {}): Promise<number> {
  const { values } = await metrics.registry.getSingleMetric(name)!.get();
  return values
    .filter((v) => Object.entries(labels).every(([k, w]) => String((v.labels as Record<string, unknown>)[k]) === w))
    .reduce((s, v) => s + v.value, 0);
}

export function webhooksContract(name: string, factory: HarnessFactory): void {
  describe(`Webhooks contract: ${name}`, () => {
    let h: WebhookHarness | undefined;
    let metrics: Metrics;

    async function setup(opts: { timeoutMs?: number; failOpen?: boolean; token?: string; queue?: number; pathAndQuery?: string } = {}) {
      metrics = createMetrics();
      const limits: Limits = { ...DEFAULT_LIMITS, webhookQueue: opts.queue ?? DEFAULT_LIMITS.webhookQueue };
      h = await factory(
        (url) => {
          const base = { url: url + (opts.pathAndQuery ?? ''), timeoutMs: opts.timeoutMs ?? 2_000, failOpen: opts.failOpen ?? true };
          return [
            app(APP, { ...base, ...(opts.token ? { token: opts.token } : {}) }),
            app(NO_HOOK_APP),
            app(FILTERED_APP, { ...base, commands: [Callback.C2CAfterSendMsg, Callback.GroupBeforeSendMsg] }),
            app(CLOSED_APP, base),
          ];
        },
        { clock: systemClock, log: createLogger('silent'), metrics, limits },
      );
      h.answer(() => ({ kind: 'json', body: OK }));
      return h;
    }

    afterEach(async () => {
      await h?.dispose();
      h = undefined;
    });

    it('answers a before-call with the JSON body and sends the documented URL parameters and body', async () => {
      const { webhooks, answer, received } = await setup();
      answer(() => ({ kind: 'json', body: { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: 'no', MsgBody: [{ MsgType: 'TIMTextElem' }] } }));
      const r = await webhooks.before(APP, Callback.C2CBeforeSendMsg, { From_Account: 'a', To_Account: 'b', MsgRandom: 7 }, { clientIp: '10.1.2.3', optPlatform: 'Android' });
      expect(r).toEqual({ kind: 'answered', body: { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: 'no', MsgBody: [{ MsgType: 'TIMTextElem' }] } });
      const [call, ...rest] = received();
      expect(rest).toEqual([]);
      expect(call!.query).toEqual({
        SdkAppid: String(APP),
        CallbackCommand: 'C2C.CallbackBeforeSendMsg',
        contenttype: 'json',
        ClientIP: '10.1.2.3',
        OptPlatform: 'Android',
      });
      expect(call!.body).toEqual({ CallbackCommand: 'C2C.CallbackBeforeSendMsg', From_Account: 'a', To_Account: 'b', MsgRandom: 7 });
      expect(await counter(metrics, 'im_webhook_calls_total', { kind: 'before', result: 'answered' })).toBe(1);
    });

    it('omits ClientIP and OptPlatform when the event has no client', async () => {
      const { webhooks, received } = await setup();
      await webhooks.before(APP, Callback.GroupBeforeCreateGroup, { Owner_Account: 'o' });
      expect(received()[0]!.query).toEqual({ SdkAppid: String(APP), CallbackCommand: 'Group.CallbackBeforeCreateGroup', contenttype: 'json' });
    });

    it('signs with RequestTime and Sign = sha256(token + RequestTime) when a token is configured', async () => {
      const { webhooks, received } = await setup({ token: TOKEN });
      const before = Math.floor(Date.now() / 1000);
      await webhooks.before(APP, Callback.C2CBeforeSendMsg, {});
      const after = Math.floor(Date.now() / 1000);
      const q = received()[0]!.query;
      const t = Number(q.RequestTime);
      expect(t).toBeGreaterThanOrEqual(before);
      expect(t).toBeLessThanOrEqual(after);
      expect(q.Sign).toBe(sha256hex(`${TOKEN}${q.RequestTime}`));
      expect(q.Sign).toMatch(/^[0-9a-f]{64}$/);
    });

    it('keeps the configured URL path and query', async () => {
      const { webhooks, received } = await setup({ pathAndQuery: '/im/callback?key=abc' });
      await webhooks.before(APP, Callback.C2CBeforeSendMsg, {});
      const call = received()[0]!;
      expect(call.path).toBe('/im/callback');
      expect(call.query).toMatchObject({ key: 'abc', SdkAppid: String(APP) });
    });

    it('skips apps without webhook config and commands outside the filter', async () => {
      const { webhooks, received } = await setup();
      expect(await webhooks.before(NO_HOOK_APP, Callback.C2CBeforeSendMsg, {})).toEqual({ kind: 'skipped' });
      expect(await webhooks.before(FILTERED_APP, Callback.C2CBeforeSendMsg, {})).toEqual({ kind: 'skipped' });
      expect(await webhooks.before(FILTERED_APP, Callback.GroupBeforeSendMsg, {})).toMatchObject({ kind: 'answered' });
      webhooks.after(NO_HOOK_APP, Callback.C2CAfterSendMsg, {});
      webhooks.after(FILTERED_APP, Callback.GroupAfterSendMsg, {});
      webhooks.after(FILTERED_APP, Callback.C2CAfterSendMsg, { n: 1 });
      await webhooks.close();
      expect(received().map((c) => [c.query.SdkAppid, c.query.CallbackCommand])).toEqual([
        [String(FILTERED_APP), 'Group.CallbackBeforeSendMsg'],
        [String(FILTERED_APP), 'C2C.CallbackAfterSendMsg'],
      ]);
      expect(await counter(metrics, 'im_webhook_queue_drops_total')).toBe(0);
    });

    it('wants() says which apps and commands are configured, matching what before/after skip', async () => {
      const { webhooks } = await setup();
      expect(webhooks.wants(APP, Callback.C2CBeforeSendMsg)).toBe(true);
      expect(webhooks.wants(NO_HOOK_APP, Callback.C2CAfterSendMsg)).toBe(false);
      expect(webhooks.wants(FILTERED_APP, Callback.C2CBeforeSendMsg)).toBe(false);
      expect(webhooks.wants(FILTERED_APP, Callback.C2CAfterSendMsg)).toBe(true);
      expect(webhooks.wants(999_999, Callback.C2CAfterSendMsg)).toBe(false);
    });

    it('reports a non-200 status as failed with the app policy', async () => {
      const { webhooks, answer } = await setup({ failOpen: false });
      answer(() => ({ kind: 'status', status: 500 }));
      const r = await webhooks.before(APP, Callback.C2CBeforeSendMsg, {});
      expect(r).toMatchObject({ kind: 'failed', failOpen: false });
      expect(r.kind === 'failed' && r.reason).toMatch(/500/);
      expect(await counter(metrics, 'im_webhook_calls_total', { kind: 'before', result: 'failed' })).toBe(1);
    });

    it.each([
      ['not JSON', 'OK thanks'],
      ['a JSON array', '[1,2]'],
      ['JSON null', 'null'],
      ['empty', ''],
    ])('reports an answer that is %s as failed (fail-open by default)', async (_n, text) => {
      const { webhooks, answer } = await setup();
      answer(() => ({ kind: 'text', text }));
      expect(await webhooks.before(APP, Callback.C2CBeforeSendMsg, {})).toMatchObject({ kind: 'failed', failOpen: true });
    });

    it('reports a backend that does not answer in time as failed with a timeout reason', async () => {
      const { webhooks, answer } = await setup({ timeoutMs: 100, failOpen: true });
      answer(() => ({ kind: 'hang' }));
      const r = await webhooks.before(APP, Callback.C2CBeforeSendMsg, {});
      expect(r).toMatchObject({ kind: 'failed', failOpen: true });
      expect(r.kind === 'failed' && r.reason).toMatch(/100 ms/);
      expect(await counter(metrics, 'im_webhook_calls_total', { kind: 'before', result: 'timeout' })).toBe(1);
    });

    it('delivers after-calls in the background with the event body as it was when raised', async () => {
      const { webhooks, received } = await setup();
      const body: Record<string, unknown> = { GroupId: 'g1', MsgSeq: 1 };
      const ret = webhooks.after(APP, Callback.GroupAfterSendMsg, body, { optPlatform: 'RESTAPI' });
      body.MsgSeq = 999;
      expect(ret).toBeUndefined();
      await webhooks.close();
      expect(received()).toHaveLength(1);
      expect(received()[0]!.body).toEqual({ CallbackCommand: 'Group.CallbackAfterSendMsg', GroupId: 'g1', MsgSeq: 1 });
      expect(received()[0]!.query.OptPlatform).toBe('RESTAPI');
    });

    it('never blocks in after(), drops and counts what does not fit, and close() drains the rest', async () => {
      const queue = 3;
      const { webhooks, answer, received } = await setup({ queue });
      const g = gate();
      answer(() => ({ kind: 'gated', until: g.promise, then: { kind: 'json', body: OK } }));
      const total = AFTER_CONCURRENCY + queue + 9;
      for (let i = 0; i < total; i++) webhooks.after(APP, Callback.C2CAfterSendMsg, { i });
      expect(await counter(metrics, 'im_webhook_queue_drops_total')).toBe(9);
      await until(() => received().length === AFTER_CONCURRENCY, 'the in-flight calls reached the backend');
      let drained = false;
      const closing = webhooks.close().then(() => (drained = true));
      webhooks.after(CLOSED_APP, Callback.C2CAfterSendMsg, { late: true }); // after close: dropped
      await new Promise((r) => setTimeout(r, 20));
      expect(drained).toBe(false);
      g.open();
      await closing;
      expect(drained).toBe(true);
      const seen = received().map((c) => c.body.i as number).sort((a, b) => a - b);
      expect(seen).toEqual(Array.from({ length: AFTER_CONCURRENCY + queue }, (_, i) => i));
      expect(await counter(metrics, 'im_webhook_queue_drops_total')).toBe(10);
      expect(await counter(metrics, 'im_webhook_calls_total', { kind: 'after', result: 'answered' })).toBe(AFTER_CONCURRENCY + queue);
    });

    it('keeps after-calls flowing when the backend fails', async () => {
      const { webhooks, answer, received } = await setup({ timeoutMs: 100 });
      let n = 0;
      answer(() => (n++ % 2 === 0 ? { kind: 'status', status: 503 } : { kind: 'hang' }));
      for (let i = 0; i < 4; i++) webhooks.after(APP, Callback.C2CAfterSendMsg, { i });
      await webhooks.close();
      expect(received()).toHaveLength(4);
      expect(await counter(metrics, 'im_webhook_calls_total', { kind: 'after', result: 'failed' })).toBe(2);
      expect(await counter(metrics, 'im_webhook_calls_total', { kind: 'after', result: 'timeout' })).toBe(2);
    });

    it('resolves close() at once when nothing is queued, and stays usable for before()', async () => {
      const { webhooks } = await setup();
      await webhooks.close();
      await webhooks.close();
      expect(await webhooks.before(APP, Callback.C2CBeforeSendMsg, {})).toMatchObject({ kind: 'answered' });
    });
  });
}

export { APP as CONTRACT_APP };
