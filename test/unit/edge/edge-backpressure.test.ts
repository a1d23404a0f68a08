// Backpressure over a real socket: a client that stops reading while pushes keep coming is closed
// with CloseCode.BACKPRESSURE once the server-side buffer passes limits.maxBackpressureBytes, and
// the close is counted. Other clients are unaffected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subjects } from '../../../src/bus/subjects.js';
import { encodeEdgeMsg } from '../../../src/edge/edge-messages.js';
import { CloseCode, Err, Op, encodeServerFrame, type LoginResult } from '../../../src/protocol/index.js';
import { startInprocNode, type InprocNode } from '../../support/inproc-node.js';
import { TestSocket, waitFor } from '../../support/ws-client.js';

let node: InprocNode;
beforeAll(async () => {
  node = await startInprocNode({ limits: { maxBackpressureBytes: 256 * 1024 } });
});
afterAll(async () => {
  await node.stop();
});

async function login(userId: string): Promise<{ s: TestSocket; connId: string }> {
  const s = await TestSocket.open(node.wsUrl());
  const r = await s.request(Op.LOGIN, { sdkAppId: node.app.sdkAppId, userId, userSig: node.sig(userId), platform: 'Web', deviceId: userId });
  expect(r.c).toBe(Err.OK);
  return { s, connId: (r.d as LoginResult).connId };
}

describe('backpressure', () => {
  it('closes a client that does not read with 4004 and counts it', async () => {
    const slow = await login('slow');
    const fast = await login('fast');
    slow.s.ws.pause();
    const frame = encodeServerFrame({ op: Op.REPLY, id: 0, c: 0, m: 'x'.repeat(32 * 1024) });
    const subject = subjects.edge(node.edges[0]!.edgeId);
    // Push until the edge gives up on the slow socket (kernel buffers absorb the first few MB).
    const closed = await waitFor(async () => {
      for (let i = 0; i < 64; i++) node.bus.publish(subject, encodeEdgeMsg({ t: 'push', connIds: [slow.connId], frame }));
      const drops = (await node.metrics[0]!.wsBackpressureDrops.get()).values.find((v) => v.labels.action === 'close');
      return drops && drops.value >= 1 ? drops.value : undefined;
    }, 20_000);
    expect(closed).toBeGreaterThanOrEqual(1);
    slow.s.ws.resume();
    expect((await slow.s.waitClosed(20_000)).code).toBe(CloseCode.BACKPRESSURE);
    expect((await fast.s.request(Op.HEARTBEAT)).c).toBe(Err.OK);
    fast.s.close();
  });
});
