// The real webhook transport: POST over the global fetch (undici keeps connections alive per
// origin), timeout via AbortSignal.timeout (the app's timeoutMs, 2 s by default). Failure = network
// error, timeout, HTTP status other than 200, a body that is not a JSON object (spec §5.1), or an
// answer over MAX_ANSWER_BYTES (read incrementally, so a runaway backend cannot exhaust memory).
import { createWebhooks, type WebhookDeps } from './app-webhooks.js';
import { parseAnswer, type SendOutcome, type WebhookRequest, type WebhookTransport } from './request.js';
import type { Webhooks } from './webhooks.js';

/** Real answers are a few hundred bytes; modified message bodies stay under the 12 KB msg limit. */
export const MAX_ANSWER_BYTES = 256 * 1024;

const fail = (reason: string, timeout = false): SendOutcome => ({ ok: false, timeout, reason });

async function readCapped(res: Response): Promise<string | undefined> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export const httpTransport: WebhookTransport = {
  async send(req: WebhookRequest): Promise<SendOutcome> {
    try {
      const res = await fetch(req.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: req.body,
        signal: AbortSignal.timeout(req.timeoutMs),
      });
      if (res.status !== 200) {
        await res.body?.cancel();
        return fail(`HTTP status ${res.status}`);
      }
      const text = await readCapped(res);
      if (text === undefined) return fail(`answer longer than ${MAX_ANSWER_BYTES} bytes`);
      return parseAnswer(text);
    } catch (e) {
      const name = e instanceof Error ? e.name : '';
      if (name === 'TimeoutError' || name === 'AbortError') return fail(`no answer within ${req.timeoutMs} ms`, true);
      const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
      return fail(`${e instanceof Error ? e.message : String(e)}${cause}`);
    }
  },
};

/** Webhooks to the URLs in each app's config. */
export const createHttpWebhooks = (deps: WebhookDeps): Webhooks => createWebhooks(deps, httpTransport);
