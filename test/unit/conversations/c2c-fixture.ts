// An in-process node (two edges) for the C2C tests, with logged-in devices that record the
// C2C_MSG pushes they receive, and a helper to wait for a push count.
import WebSocket from 'ws';
import { ImClient, type C2cMessageInfo, type WebSocketCtor } from '../../../src/client/index.js';
import type { C2cSend } from '../../../src/conversations/c2c-messages.js';
import { parseSendOptions } from '../../../src/messaging/send-options.js';
import { startInprocNode, type InprocNode, type InprocNodeOptions } from '../../support/inproc-node.js';
import { eventually } from '../../support/im-user.js';
import { text } from '../../support/msg-body.js';
export { refusedCode as code } from '../../support/outcome.js';
export { text } from '../../support/msg-body.js';

export interface Device {
  client: ImClient;
  got: C2cMessageInfo[];
  /** Waits until this device has received at least n pushes. */
  waitFor(n: number): Promise<C2cMessageInfo[]>;
}

export interface C2cNode {
  n: InprocNode;
  accounts(...ids: string[]): Promise<void>;
  device(userId: string, deviceId?: string, edge?: number): Promise<Device>;
  stop(): Promise<void>;
}


/** A device send as the edge hands it to the conversation actor (text `m{random}`). */
export const c2cSend = (sdkAppId: number, random: number, o: { from?: string; to?: string; wire?: Record<string, unknown> } = {}): C2cSend => ({
  t: 'send',
  sdkAppId,
  from: o.from ?? 'alice',
  to: o.to ?? 'bob',
  body: text(`m${random}`),
  options: parseSendOptions({ MsgRandom: random, ...o.wire }, { kind: 'c2c' }),
});

export async function startC2cNode(opts: InprocNodeOptions = {}): Promise<C2cNode> {
  const n = await startInprocNode({ edges: 2, ...opts });
  const clients: ImClient[] = [];
  return {
    n,
    async accounts(...ids) {
      const r = await n.rest('im_open_login_svc/multiaccount_import', { Accounts: ids });
      if (r.ErrorCode !== 0) throw new Error(`import failed: ${JSON.stringify(r)}`);
    },
    async device(userId, deviceId = `${userId}-1`, edge = 0) {
      const client = new ImClient({ WebSocket: WebSocket as unknown as WebSocketCtor });
      const got: C2cMessageInfo[] = [];
      client.on('c2cMessage', (m) => got.push(m));
      await client.connect(n.wsUrl(edge));
      await client.login({ sdkAppId: n.app.sdkAppId, userId, userSig: n.sig(userId), platform: 'Android', deviceId });
      clients.push(client);
      return { client, got, waitFor: (k) => eventually(`${deviceId} gets ${k} pushes`, 5_000, async () => (got.length >= k ? got : undefined)) };
    },
    async stop() {
      for (const c of clients) c.close();
      await n.stop();
    },
  };
}
