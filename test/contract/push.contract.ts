// The PushProvider contract (src/push/push-provider.ts), run against MemoryPush and against the
// APNs and FCM providers talking to local test servers. The harness plays the push service: it
// says what reached the service and makes it answer a token as valid, dead or down.
import { afterEach, describe, expect, it } from 'vitest';
import { isDeadToken, type PushNotification, type PushProvider, type PushTarget } from '../../src/push/push-provider.js';

/** How the push service treats a token. */
export type TokenBehaviour = 'invalid-token' | 'unregistered' | 'unavailable';

export interface Delivered {
  token: string;
  title?: string;
  body: string;
  ext?: string;
}

export interface PushHarness {
  provider: PushProvider;
  target(token: string): PushTarget;
  arrange(token: string, behaviour: TokenBehaviour): void;
  /** Notifications the service accepted, in arrival order. */
  delivered(): Delivered[];
  /** Wire-format problems the service saw (always empty for an in-process service). */
  violations(): string[];
  dispose(): Promise<void>;
}

let n = 0;
/** A fresh hex device token (valid for both APNs and FCM). */
export const newToken = () => (++n).toString(16).padStart(8, '0').repeat(8);

const note = (body: string, extra: Partial<PushNotification> = {}): PushNotification => ({ body, priority: 'high', ...extra });

export function pushContract(name: string, factory: () => Promise<PushHarness>): void {
  describe(`PushProvider contract: ${name}`, () => {
    let h: PushHarness | undefined;
    const harness = async () => (h = await factory());

    afterEach(async () => {
      const current = h;
      h = undefined;
      if (!current) return;
      const v = current.violations();
      await current.dispose();
      expect(v).toEqual([]);
    });

    it('delivers a notification and answers ok', async () => {
      const s = await harness();
      const token = newToken();
      const r = await s.provider.send(s.target(token), note('hello bob', { title: 'alice', ext: '{"k":1}' }));
      expect(r).toEqual({ ok: true });
      expect(s.delivered()).toEqual([{ token, title: 'alice', body: 'hello bob', ext: '{"k":1}' }]);
    });

    it('reports an invalid token as dead and not retryable', async () => {
      const s = await harness();
      const bad = newToken();
      s.arrange(bad, 'invalid-token');
      const r = await s.provider.send(s.target(bad), note('x'));
      expect(r).toMatchObject({ ok: false, reason: 'invalid-token', retryable: false });
      expect(isDeadToken(r)).toBe(true);
      expect(r.ok ? '' : r.detail).not.toBe('');
    });

    it('reports an empty token as invalid without delivering anything', async () => {
      const s = await harness();
      const r = await s.provider.send(s.target(''), note('x'));
      expect(r).toMatchObject({ ok: false, reason: 'invalid-token', retryable: false });
      expect(s.delivered()).toEqual([]);
    });

    it('reports an unregistered token as dead and not retryable', async () => {
      const s = await harness();
      const gone = newToken();
      s.arrange(gone, 'unregistered');
      const r = await s.provider.send(s.target(gone), note('x'));
      expect(r).toMatchObject({ ok: false, reason: 'unregistered', retryable: false });
      expect(isDeadToken(r)).toBe(true);
    });

    it('reports an unavailable service as retryable, without condemning the token', async () => {
      const s = await harness();
      const t = newToken();
      s.arrange(t, 'unavailable');
      const r = await s.provider.send(s.target(t), note('x'));
      expect(r).toMatchObject({ ok: false, reason: 'unavailable', retryable: true });
      expect(isDeadToken(r)).toBe(false);
    });

    it('one dead token does not affect sends to others', async () => {
      const s = await harness();
      const [a, bad, c] = [newToken(), newToken(), newToken()];
      s.arrange(bad, 'unregistered');
      const rs = await Promise.all([a, bad, c].map((t, i) => s.provider.send(s.target(t), note(`m${i}`))));
      expect(rs.map((r) => r.ok)).toEqual([true, false, true]);
      expect(s.delivered().map((d) => d.token).sort()).toEqual([a, c].sort());
    });

    it('delivers concurrent sends exactly once each', async () => {
      const s = await harness();
      const tokens = Array.from({ length: 30 }, newToken);
      const rs = await Promise.all(tokens.map((t) => s.provider.send(s.target(t), note(`to ${t}`))));
      expect(rs.every((r) => r.ok)).toBe(true);
      expect(s.delivered().map((d) => d.body).sort()).toEqual(tokens.map((t) => `to ${t}`).sort());
    });

    it('answers unavailable, without throwing, after close', async () => {
      const s = await harness();
      await s.provider.close();
      const r = await s.provider.send(s.target(newToken()), note('late'));
      expect(r).toMatchObject({ ok: false, reason: 'unavailable', retryable: true });
      expect(s.delivered()).toEqual([]);
    });
  });
}
