// The uWS idle timeout over a real socket (its smallest setting, 8 s, so this test takes ~10 s):
// a silent logged-in socket is closed and detached with reason TimeOut; heartbeats keep another
// socket alive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Err, Op } from '../../../src/protocol/index.js';
import { UWS_MIN_IDLE_TIMEOUT_SEC } from '../../../src/edge/limits-check.js';
import { startInprocNode, type InprocNode } from '../../support/inproc-node.js';
import { TestSocket, waitFor } from '../../support/ws-client.js';

let node: InprocNode;
beforeAll(async () => {
  node = await startInprocNode({ limits: { idleTimeoutSec: UWS_MIN_IDLE_TIMEOUT_SEC, loginTimeoutMs: 60_000 } });
});
afterAll(async () => {
  await node.stop();
});

const login = async (userId: string) => {
  const s = await TestSocket.open(node.wsUrl());
  const r = await s.request(Op.LOGIN, { sdkAppId: node.app.sdkAppId, userId, userSig: node.sig(userId), platform: 'Android', deviceId: userId });
  expect(r.c).toBe(Err.OK);
  return s;
};

describe('idle timeout', () => {
  it('closes a silent socket (Disconnect/TimeOut) while heartbeats keep another alive', { timeout: 40_000 }, async () => {
    const silent = await login('silent');
    const beating = await login('beating');
    const timer = setInterval(() => void beating.request(Op.HEARTBEAT).catch(() => undefined), 2_000);
    try {
      await silent.waitClosed(30_000);
      expect(beating.isOpen).toBe(true);
      expect((await beating.request(Op.HEARTBEAT)).c).toBe(Err.OK);
      expect((await node.metrics[0]!.wsIdleTimeouts.get()).values[0]?.value).toBe(1);
      const ev = await waitFor(() =>
        node.webhooks.calls.find((c) => (c.body.Info as { To_Account?: string; Action?: string }).To_Account === 'silent' && (c.body.Info as { Action: string }).Action === 'Disconnect'),
      );
      expect(ev.body.Info).toMatchObject({ Reason: 'TimeOut' });
      expect((await node.presence.routesOf(node.app.sdkAppId, ['silent'])).get('silent')).toBeUndefined();
    } finally {
      clearInterval(timer);
      beating.close();
    }
  });
});
