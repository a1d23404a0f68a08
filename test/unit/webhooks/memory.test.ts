// MemoryWebhooks against the webhooks contract, plus its own handler semantics.
import { describe, expect, it } from 'vitest';
import { AppDirectory } from '../../../src/apps/app-directory.js';
import { DEFAULT_LIMITS } from '../../../src/config/config.js';
import { silentLogger } from '../../../src/lib/log.js';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { Callback } from '../../../src/webhooks/commands.js';
import { MemoryWebhooks, type MemoryWebhookCall } from '../../../src/webhooks/memory.js';
import { FakeClock } from '../../support/fake-clock.js';
import { webhooksContract, type Answer, type ReceivedCall } from '../../contract/webhooks.contract.js';

const MEMORY_URL = 'http://memory.invalid';

function toReceived(c: MemoryWebhookCall): ReceivedCall {
  return { path: new URL(c.url).pathname, query: c.query, body: c.body };
}

async function respond(a: Answer): Promise<unknown> {
  switch (a.kind) {
    case 'json':
      return a.body;
    case 'status':
      throw new Error(`HTTP status ${a.status}`);
    case 'text':
      return a.text;
    case 'hang':
      return new Promise(() => {});
    case 'gated':
      await a.until;
      return respond(a.then);
  }
}

webhooksContract('memory', async (apps, deps) => {
  const webhooks = new MemoryWebhooks({ ...deps, apps: new AppDirectory(apps(MEMORY_URL)) });
  return {
    webhooks,
    received: () => webhooks.calls.map(toReceived),
    answer: (fn) => webhooks.setHandler((call) => respond(fn(toReceived(call)))),
    dispose: () => webhooks.close(),
  };
});

describe('MemoryWebhooks', () => {
  const APP = 1400000201;
  function make() {
    const clock = new FakeClock();
    const apps = new AppDirectory([
      { sdkAppId: APP, secretKey: 'k', admins: ['administrator'], name: 'm', loginPolicy: 'multi', restRatePerSec: 200, webhook: { url: 'http://cb.invalid/hook', timeoutMs: 2_000, failOpen: false } },
    ]);
    const webhooks = new MemoryWebhooks({ apps, clock, log: silentLogger, metrics: createMetrics(), limits: DEFAULT_LIMITS });
    return { webhooks, clock };
  }

  it('answers OK by default and records the call with its parsed URL', async () => {
    const { webhooks } = make();
    expect(await webhooks.before(APP, Callback.SnsPrevFriendAdd, { From_Account: 'a' })).toEqual({
      kind: 'answered',
      body: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' },
    });
    expect(webhooks.calls).toEqual([
      {
        sdkAppId: APP,
        command: 'Sns.CallbackPrevFriendAdd',
        query: { SdkAppid: String(APP), CallbackCommand: 'Sns.CallbackPrevFriendAdd', contenttype: 'json' },
        body: { CallbackCommand: 'Sns.CallbackPrevFriendAdd', From_Account: 'a' },
        url: `http://cb.invalid/hook?SdkAppid=${APP}&CallbackCommand=Sns.CallbackPrevFriendAdd&contenttype=json`,
      },
    ]);
  });

  it('round-trips handler answers through JSON, as a real backend answer would be', async () => {
    const { webhooks } = make();
    webhooks.setHandler(() => ({ ErrorCode: 0, When: new Date(0), Skip: undefined }));
    expect(await webhooks.before(APP, Callback.C2CBeforeSendMsg, {})).toEqual({ kind: 'answered', body: { ErrorCode: 0, When: '1970-01-01T00:00:00.000Z' } });
  });

  it('fails on a thrown error, an undefined answer, and a timeout on the injected clock', async () => {
    const { webhooks, clock } = make();
    webhooks.setHandler(() => {
      throw new Error('backend exploded');
    });
    expect(await webhooks.before(APP, Callback.C2CBeforeSendMsg, {})).toEqual({ kind: 'failed', failOpen: false, reason: 'backend exploded' });
    webhooks.setHandler(() => undefined);
    expect(await webhooks.before(APP, Callback.C2CBeforeSendMsg, {})).toMatchObject({ kind: 'failed', reason: 'empty answer' });
    webhooks.setHandler(() => new Promise(() => {}));
    const pending = webhooks.before(APP, Callback.C2CBeforeSendMsg, {});
    await Promise.resolve();
    clock.advance(2_000);
    expect(await pending).toEqual({ kind: 'failed', failOpen: false, reason: 'no answer within 2000 ms' });
  });

  it('reports a malformed configured URL as failed without calling anyone', async () => {
    const apps = new AppDirectory([
      { sdkAppId: APP, secretKey: 'k', admins: ['a'], name: 'm', loginPolicy: 'multi', restRatePerSec: 1, webhook: { url: 'not a url', timeoutMs: 100, failOpen: true } },
    ]);
    const webhooks = new MemoryWebhooks({ apps, clock: new FakeClock(), log: silentLogger, metrics: createMetrics(), limits: DEFAULT_LIMITS });
    expect(await webhooks.before(APP, Callback.C2CBeforeSendMsg, {})).toEqual({ kind: 'failed', failOpen: true, reason: 'invalid webhook URL' });
    webhooks.after(APP, Callback.C2CAfterSendMsg, {});
    await webhooks.close();
    expect(webhooks.calls).toEqual([]);
  });
});
