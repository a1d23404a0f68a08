// MemoryPush against the push contract, plus what only it has: the recorded history and
// per-token answers.
import { describe, expect, it } from 'vitest';
import { MemoryPush } from '../../../src/push/memory.js';
import { pushFailure, type PushResult } from '../../../src/push/push-provider.js';
import { pushContract, type TokenBehaviour } from '../../contract/push.contract.js';

const RESULTS: Record<TokenBehaviour, PushResult> = {
  'invalid-token': pushFailure('invalid-token', false, 'arranged'),
  unregistered: pushFailure('unregistered', false, 'arranged'),
  unavailable: pushFailure('unavailable', true, 'arranged'),
};

pushContract('memory', async () => {
  const provider = new MemoryPush();
  return {
    provider,
    target: (token) => ({ platform: 'apns', token, topic: 'com.example.app' }),
    arrange: (token, b) => provider.setResult(token, RESULTS[b]),
    delivered: () =>
      provider
        .sent()
        .filter((s) => s.result.ok)
        .map((s) => ({
          token: s.target.token,
          body: s.notification.body,
          ...(s.notification.title !== undefined ? { title: s.notification.title } : {}),
          ...(s.notification.ext !== undefined ? { ext: s.notification.ext } : {}),
        })),
    violations: () => [],
    dispose: () => provider.close(),
  };
});

describe('MemoryPush', () => {
  it('records every send in order, failures included, as copies', async () => {
    const p = new MemoryPush();
    p.setResult('dead', pushFailure('unregistered', false, 'gone'));
    const n = { body: 'one', priority: 'high' as const, data: { a: '1' } };
    await p.send({ platform: 'fcm', token: 'live' }, n);
    await p.send({ platform: 'fcm', token: 'dead' }, { body: 'two', priority: 'normal' });
    n.data.a = 'changed';
    expect(p.sent().map((s) => [s.target.token, s.notification.body, s.result.ok])).toEqual([
      ['live', 'one', true],
      ['dead', 'two', false],
    ]);
    expect(p.sent()[0]!.notification.data).toEqual({ a: '1' });
  });

  it('a cleared result answers ok again', async () => {
    const p = new MemoryPush();
    p.setResult('t', pushFailure('rate-limited', true, 'slow down'));
    expect(await p.send({ platform: 'fcm', token: 't' }, { body: 'x', priority: 'high' })).toMatchObject({ ok: false, reason: 'rate-limited' });
    p.setResult('t', undefined);
    expect(await p.send({ platform: 'fcm', token: 't' }, { body: 'x', priority: 'high' })).toEqual({ ok: true });
  });

  it('answers invalid-token for an empty token', async () => {
    expect(await new MemoryPush().send({ platform: 'fcm', token: '' }, { body: 'x', priority: 'high' })).toEqual({ ok: false, reason: 'invalid-token', retryable: false, detail: 'push token is empty' });
  });
});
